/**
 * Sessions for HTTP and WebSocket routes alike, as Django and Channels have them:
 * {@link dev.notify.core.auth.SessionMiddleware} keeps server-side sessions behind a
 * {@code sessionid} cookie, in {@link dev.notify.core.auth.InMemorySessionStore} or
 * {@link dev.notify.core.auth.JdbcSessionStore}.
 */
package dev.notify.core.auth;
