/**
 * The Netty server: {@link dev.notify.netty.NotifyServer} serves a router's WebSocket consumers and
 * HTTP handlers on one port, configured by {@link dev.notify.netty.NotifyServerOptions} (or the
 * {@code notify.server.*} keys); {@link dev.notify.netty.NotifyServerMain} runs one from the command
 * line, as {@code daphne app.module:application} does.
 */
package dev.notify.netty;
