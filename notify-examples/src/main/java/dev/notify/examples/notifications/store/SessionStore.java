package dev.notify.examples.notifications.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code admin_session} table: server-side sessions, as Django's database session backend.
 * Only a hash of each session key is stored, so a leaked table does not log anyone in. A session
 * also carries one pending "flash" message shown on the next page, like Django's messages.
 */
public final class SessionStore {
    /** How long a session lasts: two weeks, Django's {@code SESSION_COOKIE_AGE}. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(14);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Clock clock;
    private final Duration lifetime;

    /**
     * @param database the database
     * @param clock tells when sessions expire
     * @param lifetime how long a new session lasts
     */
    public SessionStore(Database database, Clock clock, Duration lifetime) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be > 0 but was " + lifetime);
        }
        this.lifetime = lifetime;
    }

    /** @return how long a new session lasts */
    public Duration lifetime() {
        return lifetime;
    }

    /** @return 32 random bytes, URL-safe Base64: for session keys and CSRF tokens */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Starts a session and removes the expired ones.
     *
     * @param userId the logged-in user
     * @return the session key for the cookie
     * @throws SQLException if the database fails
     */
    public String create(long userId) throws SQLException {
        String key = randomToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        database.transaction(connection -> {
            try (PreparedStatement purge = connection.prepareStatement("DELETE FROM admin_session WHERE expires_at < ?")) {
                purge.setObject(1, now);
                purge.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO admin_session (key_hash, user_id, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, hash(key));
                insert.setLong(2, userId);
                insert.setObject(3, now.plus(lifetime));
                return insert.executeUpdate();
            }
        });
        return key;
    }

    /**
     * @param key a session key from a cookie
     * @return the session, if it exists and has not expired
     * @throws SQLException if the database fails
     */
    public Optional<AdminSession> find(String key) throws SQLException {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT s.key_hash, u.id, u.username FROM admin_session s JOIN admin_user u ON u.id = s.user_id"
                            + " WHERE s.key_hash = ? AND s.expires_at > ?")) {
                select.setString(1, hash(key));
                select.setObject(2, OffsetDateTime.now(clock));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new AdminSession(rows.getString(1), rows.getLong(2), rows.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Ends a session (logout).
     *
     * @param session the session
     * @throws SQLException if the database fails
     */
    public void delete(AdminSession session) throws SQLException {
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM admin_session WHERE key_hash = ?")) {
                delete.setString(1, session.keyHash());
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Sets the message the next page of this session shows, replacing any pending one.
     *
     * @param session the session
     * @param message the message
     * @throws SQLException if the database fails
     */
    public void flash(AdminSession session, FlashMessage message) throws SQLException {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE admin_session SET flash = ? WHERE key_hash = ?")) {
                update.setString(1, message.encode());
                update.setString(2, session.keyHash());
                return update.executeUpdate();
            }
        });
    }

    /**
     * Returns and clears the pending message.
     *
     * @param session the session
     * @return the pending message, if any
     * @throws SQLException if the database fails
     */
    public Optional<FlashMessage> takeFlash(AdminSession session) throws SQLException {
        return database.transaction(connection -> {
            String encoded;
            try (PreparedStatement select = connection.prepareStatement("SELECT flash FROM admin_session WHERE key_hash = ?")) {
                select.setString(1, session.keyHash());
                try (ResultSet rows = select.executeQuery()) {
                    encoded = rows.next() ? rows.getString(1) : null;
                }
            }
            if (encoded == null) {
                return Optional.empty();
            }
            try (PreparedStatement clear = connection.prepareStatement("UPDATE admin_session SET flash = NULL WHERE key_hash = ?")) {
                clear.setString(1, session.keyHash());
                clear.executeUpdate();
            }
            return Optional.of(FlashMessage.decode(encoded));
        });
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
