/**
 * Users and sessions, as middleware puts them on a {@link dev.notify.consumer.Scope}: the
 * {@link dev.notify.auth.User} a request or connection acts for, its server-side
 * {@link dev.notify.auth.Session}, and the {@link dev.notify.auth.SessionStore} SPI that keeps
 * sessions between requests (in memory and JDBC in notify-core, Redis in notify-redis).
 */
package dev.notify.auth;
