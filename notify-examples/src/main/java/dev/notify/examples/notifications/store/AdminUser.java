package dev.notify.examples.notifications.store;

import dev.notify.auth.User;

/**
 * An admin user, and the user a logged-in session or a token stands for: its {@link #id()} is the
 * user name, which sessions record at login and tokens carry as their subject.
 *
 * @param pk the database id
 * @param username the login name
 * @param passwordHash the stored hash, {@code pbkdf2_sha256$iterations$salt$hash}
 */
public record AdminUser(long pk, String username, String passwordHash) implements User {
    @Override
    public String id() {
        return username;
    }

    @Override
    public String toString() {
        return "AdminUser{" + pk + ", " + username + "}";
    }
}
