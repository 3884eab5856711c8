/**
 * Users and sessions for HTTP and WebSocket routes alike, as Django and Channels have them:
 * {@link dev.notify.core.auth.SessionMiddleware} keeps server-side sessions behind a
 * {@code sessionid} cookie, in {@link dev.notify.core.auth.InMemorySessionStore} or
 * {@link dev.notify.core.auth.JdbcSessionStore}; {@link dev.notify.core.auth.AuthMiddleware} puts
 * the session's user on the scope and logs users in and out;
 * {@link dev.notify.core.auth.CsrfMiddleware} guards form posts as Django does.
 */
package dev.notify.core.auth;
