package dev.notify.examples.notifications.store;

/**
 * A logged-in admin session.
 *
 * @param keyHash the SHA-256 of the session key (the key itself is only in the browser's cookie)
 * @param userId the user's id
 * @param username the user's name
 */
public record AdminSession(String keyHash, long userId, String username) {
}
