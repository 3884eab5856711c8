/**
 * The admin at {@code /admin/}, in the spirit of Django's: server-rendered HTML without JavaScript,
 * login with PBKDF2 password hashes, server-side sessions in HttpOnly SameSite=Lax cookies, and a
 * CSRF token in every POST form.
 */
package dev.notify.examples.notifications.admin;
