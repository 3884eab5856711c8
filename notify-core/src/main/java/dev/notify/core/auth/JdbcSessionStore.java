package dev.notify.core.auth;

import dev.notify.auth.SessionStore;
import dev.notify.auth.StoredSession;
import dev.notify.core.bridge.Bridge;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.json.JsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Sessions in a SQL table, through a {@link DataSource}: Django's database session engine. Every
 * process on the same database shares them, and a command-line tool can end a user's sessions
 * while the server runs.
 *
 * <pre>{@code
 * JdbcSessionStore store = JdbcSessionStore.builder(dataSource).build();
 * store.createTableIfMissing();   // at start-up, or create it with your migrations
 * }</pre>
 *
 * <p>The table ({@value #DEFAULT_TABLE} unless set), as {@link #createTableIfMissing()} creates it:
 * <pre>
 * CREATE TABLE notify_session (
 *     key_hash     CHAR(64) NOT NULL PRIMARY KEY,  -- hex SHA-256 of the session key
 *     user_id      VARCHAR(255),                   -- the logged-in user, indexed
 *     session_data VARCHAR(8000) NOT NULL,         -- the values, as a JSON object of strings
 *     expires_at   BIGINT NOT NULL)                -- epoch milliseconds
 * </pre>
 * The SQL is portable (tested on H2; written for PostgreSQL, MariaDB and SQLite too). Expired
 * rows are deleted whenever a new session is stored.
 *
 * <p>JDBC blocks, so every operation runs on the store's executor: by default the shared one of
 * {@link Bridge#offload(Callable)}. Thread-safe.
 *
 * @since 0.1
 */
public final class JdbcSessionStore implements SessionStore {
    /** The table's name unless set. */
    public static final String DEFAULT_TABLE = "notify_session";
    /** The longest session data, as JSON characters, that the table holds. */
    public static final int MAX_DATA_LENGTH = 8000;

    /** The session data's format in the table, whatever codec the application's server uses. */
    private static final JsonCodec JSON = JacksonJsonCodec.create();

    private final DataSource dataSource;
    private final String table;
    private final Executor executor;
    private final InstantSource clock;

    private JdbcSessionStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.executor = b.executor;
        this.clock = b.clock;
    }

    /**
     * @param dataSource where the table is; its connections are closed after each operation
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Creates the table and its index unless they exist. Blocks; call it at start-up.
     *
     * @throws SQLException if the database refuses
     */
    public void createTableIfMissing() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (key_hash CHAR(64) NOT NULL PRIMARY KEY,"
                    + " user_id VARCHAR(255), session_data VARCHAR(" + MAX_DATA_LENGTH + ") NOT NULL, expires_at BIGINT NOT NULL)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + table + "_user_id ON " + table + " (user_id)");
        }
    }

    @Override
    public CompletionStage<Optional<StoredSession>> load(String keyHash) {
        return run(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT user_id, session_data, expires_at FROM " + table + " WHERE key_hash = ? AND expires_at > ?")) {
                select.setString(1, keyHash);
                select.setLong(2, clock.instant().toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredSession(Optional.ofNullable(rows.getString(1)), decode(rows.getString(2)),
                            Instant.ofEpochMilli(rows.getLong(3))));
                }
            }
        });
    }

    @Override
    public CompletionStage<Void> save(String keyHash, StoredSession session) {
        String data = JSON.encode(session.values());
        if (data.length() > MAX_DATA_LENGTH) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("session data is " + data.length()
                    + " characters as JSON; the " + table + " table holds at most " + MAX_DATA_LENGTH + ": keep large values elsewhere"));
        }
        return run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    if (update(connection, keyHash, session, data) == 0) {
                        try (PreparedStatement purge = connection.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
                            purge.setLong(1, clock.instant().toEpochMilli());
                            purge.executeUpdate();
                        }
                        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                                + " (user_id, session_data, expires_at, key_hash) VALUES (?, ?, ?, ?)")) {
                            bind(insert, keyHash, session, data);
                            insert.executeUpdate();
                        }
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            }
            return null;
        });
    }

    private int update(Connection connection, String keyHash, StoredSession session, String data) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET user_id = ?, session_data = ?, expires_at = ? WHERE key_hash = ?")) {
            bind(update, keyHash, session, data);
            return update.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, String keyHash, StoredSession session, String data) throws SQLException {
        statement.setString(1, session.userId().orElse(null));
        statement.setString(2, data);
        statement.setLong(3, session.expiresAt().toEpochMilli());
        statement.setString(4, keyHash);
    }

    @Override
    public CompletionStage<Void> delete(String keyHash) {
        return execute("DELETE FROM " + table + " WHERE key_hash = ?", keyHash);
    }

    @Override
    public CompletionStage<Void> deleteUser(String userId) {
        return execute("DELETE FROM " + table + " WHERE user_id = ?", userId);
    }

    private CompletionStage<Void> execute(String sql, String parameter) {
        return run(() -> {
            try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, parameter);
                statement.executeUpdate();
            }
            return null;
        });
    }

    private <T> CompletionStage<T> run(Callable<T> work) {
        return executor == null ? Bridge.offload(work) : Bridge.offload(work, executor);
    }

    private static Map<String, String> decode(String data) throws SQLException {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            JSON.decode(data, Map.class).forEach((k, v) -> values.put((String) k, (String) v));
            return values;
        } catch (Exception e) {
            throw new SQLException("session_data is not a JSON object of strings: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcSessionStore{" + table + "}";
    }

    /**
     * Builds a {@link JdbcSessionStore}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private Executor executor;
        private InstantSource clock = InstantSource.system();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param name the table's name; default {@value #DEFAULT_TABLE}
         * @return this builder
         * @throws IllegalArgumentException unless a plain SQL identifier
         */
        public Builder table(String name) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("table must be a plain SQL identifier (letters, digits, '_') but was '" + name + "'");
            }
            this.table = name;
            return this;
        }

        /**
         * @param value runs the blocking JDBC calls, such as a pool sized to the database's
         *     connections; default the shared executor of {@link Bridge#offload(Callable)}
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * @param value tells when sessions have expired; default the system clock
         * @return this builder
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return the store */
        public JdbcSessionStore build() {
            return new JdbcSessionStore(this);
        }
    }
}
