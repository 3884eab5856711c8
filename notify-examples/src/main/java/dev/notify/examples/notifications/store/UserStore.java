package dev.notify.examples.notifications.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code admin_user} table. It stores password hashes only; hashing is the caller's job. */
public final class UserStore {
    /** The longest user name, as Django's. */
    public static final int MAX_USERNAME_LENGTH = 150;

    // Django's username rule: letters, digits and @ . + - _
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}@.+_-]{1," + MAX_USERNAME_LENGTH + "}");

    private final Database database;
    private final Clock clock;

    /**
     * @param database the database
     * @param clock gives creation and login times
     */
    public UserStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param username a candidate user name
     * @return {@code null} if valid, else why not
     */
    public static String problemWithUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return "a user name has 1 to " + MAX_USERNAME_LENGTH + " letters, digits and @/./+/-/_ only";
        }
        return null;
    }

    /**
     * @param username the user name
     * @return the user, if there is one with that exact name
     * @throws SQLException if the database fails
     */
    public Optional<AdminUser> find(String username) throws SQLException {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, username, password_hash FROM admin_user WHERE username = ?")) {
                select.setString(1, username);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new AdminUser(rows.getLong(1), rows.getString(2), rows.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * @return how many admin users exist
     * @throws SQLException if the database fails
     */
    public long count() throws SQLException {
        return database.transaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM admin_user")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * @param username a valid user name that is not taken
     * @param passwordHash the password's hash
     * @return the new user
     * @throws IllegalArgumentException if the user name is invalid
     * @throws SQLException if the database fails, also when the name is taken
     */
    public AdminUser create(String username, String passwordHash) throws SQLException {
        String problem = problemWithUsername(username);
        if (problem != null) {
            throw new IllegalArgumentException("username '" + username + "' is invalid: " + problem);
        }
        return database.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO admin_user (username, password_hash, created_at) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, username);
                insert.setString(2, passwordHash);
                insert.setObject(3, OffsetDateTime.now(clock));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new AdminUser(keys.getLong(1), username, passwordHash);
                }
            }
        });
    }

    /**
     * @param username an existing user name
     * @param passwordHash the new password's hash
     * @return whether the user existed
     * @throws SQLException if the database fails
     */
    public boolean setPasswordHash(String username, String passwordHash) throws SQLException {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE admin_user SET password_hash = ? WHERE username = ?")) {
                update.setString(1, passwordHash);
                update.setString(2, username);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * @param userId the database id of the user who just logged in
     * @throws SQLException if the database fails
     */
    public void recordLogin(long userId) throws SQLException {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE admin_user SET last_login = ? WHERE id = ?")) {
                update.setObject(1, OffsetDateTime.now(clock));
                update.setLong(2, userId);
                return update.executeUpdate();
            }
        });
    }
}
