/**
 * Routing: a {@link dev.notify.core.routing.Router} maps WebSocket paths to consumer factories and
 * HTTP paths and methods to handlers, with path templates that capture parameters
 * ({@code /ws/chat/{room}/}), and wraps both in {@link dev.notify.core.routing.Middleware} (origin checks,
 * authentication, headers on the way back). It is Channels' {@code ProtocolTypeRouter} and {@code URLRouter}
 * in one.
 */
package dev.notify.core.routing;
