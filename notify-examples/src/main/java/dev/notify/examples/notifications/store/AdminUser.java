package dev.notify.examples.notifications.store;

/**
 * An admin user.
 *
 * @param id the database id
 * @param username the login name
 * @param passwordHash the stored hash, {@code pbkdf2_sha256$iterations$salt$hash}
 */
public record AdminUser(long id, String username, String passwordHash) {
    @Override
    public String toString() {
        return "AdminUser{" + id + ", " + username + "}";
    }
}
