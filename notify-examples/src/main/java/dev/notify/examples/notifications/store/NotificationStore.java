package dev.notify.examples.notifications.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code notification} table. Every write returns the unseen count taken in the same
 * transaction, which is what the app broadcasts.
 */
public final class NotificationStore {
    /** The longest text a notification may have. */
    public static final int MAX_TEXT_LENGTH = 1000;

    private static final String COLUMNS = "id, text, seen, created_at";

    private final Database database;
    private final Clock clock;

    /**
     * @param database the database
     * @param clock gives the creation time of new notifications
     */
    public NotificationStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param text the text, 1 to {@value #MAX_TEXT_LENGTH} characters
     * @param seen whether it is already seen
     * @return the new notification and the unseen count
     * @throws IllegalArgumentException if the text is blank or too long
     * @throws SQLException if the database fails
     */
    public Saved create(String text, boolean seen) throws SQLException {
        requireValidText(text);
        // microseconds: what both H2 and PostgreSQL store, so the returned value equals a later read
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return database.transaction(connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO notification (text, seen, created_at) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, text);
                insert.setBoolean(2, seen);
                insert.setObject(3, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return new Saved(new Notification(id, text, seen, now), countUnseen(connection));
        });
    }

    /**
     * @param id a notification id
     * @return the notification, if it exists
     * @throws SQLException if the database fails
     */
    public Optional<Notification> find(long id) throws SQLException {
        return database.transaction(connection -> find(connection, id));
    }

    /**
     * @param id a notification id
     * @param text the new text
     * @param seen the new seen flag
     * @return the changed notification and the unseen count, or empty if there is no such notification
     * @throws IllegalArgumentException if the text is blank or too long
     * @throws SQLException if the database fails
     */
    public Optional<Saved> update(long id, String text, boolean seen) throws SQLException {
        requireValidText(text);
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE notification SET text = ?, seen = ? WHERE id = ?")) {
                update.setString(1, text);
                update.setBoolean(2, seen);
                update.setLong(3, id);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Saved(find(connection, id).orElseThrow(), countUnseen(connection)));
        });
    }

    /**
     * Marks one notification seen, if it was unseen.
     *
     * @param id a notification id
     * @return the changed notification and the unseen count; empty if it does not exist or was already seen
     * @throws SQLException if the database fails
     */
    public Optional<Saved> markSeen(long id) throws SQLException {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE notification SET seen = TRUE WHERE id = ? AND seen = FALSE")) {
                update.setLong(1, id);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Saved(find(connection, id).orElseThrow(), countUnseen(connection)));
        });
    }

    /**
     * @param id a notification id
     * @return the deleted notification and the unseen count after the delete, or empty if there was none
     * @throws SQLException if the database fails
     */
    public Optional<Saved> delete(long id) throws SQLException {
        return database.transaction(connection -> {
            Optional<Notification> existing = find(connection, id);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM notification WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return Optional.of(new Saved(existing.get(), countUnseen(connection)));
        });
    }

    /**
     * @return how many notifications are unseen
     * @throws SQLException if the database fails
     */
    public long countUnseen() throws SQLException {
        return database.transaction(NotificationStore::countUnseen);
    }

    /**
     * @return the newest unseen notification, if any is unseen
     * @throws SQLException if the database fails
     */
    public Optional<Notification> newestUnseen() throws SQLException {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM notification WHERE seen = FALSE ORDER BY created_at DESC, id DESC LIMIT 1");
                 ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.<Notification>empty();
            }
        });
    }

    /**
     * Lists notifications newest first.
     *
     * @param query the filter and search
     * @param page the page number, from 1 (a page past the end is empty)
     * @param pageSize items per page, at least 1
     * @return the page
     * @throws IllegalArgumentException if page or pageSize is below 1
     * @throws SQLException if the database fails
     */
    public NotificationPage list(NotificationQuery query, int page, int pageSize) throws SQLException {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1 but was " + page);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1 but was " + pageSize);
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.seen().ifPresent(seen -> {
            where.append(" AND seen = ?");
            parameters.add(seen);
        });
        if (!query.search().isEmpty()) {
            // Django's icontains: LOWER on both sides, with LIKE's wildcards escaped
            where.append(" AND LOWER(text) LIKE ? ESCAPE '\\'");
            parameters.add("%" + escapeLike(query.search().toLowerCase(Locale.ROOT)) + "%");
        }
        return database.transaction(connection -> {
            long total;
            try (PreparedStatement count = prepare(connection, "SELECT COUNT(*) FROM notification" + where, parameters)) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<Notification> items = new ArrayList<>();
            List<Object> pageParameters = new ArrayList<>(parameters);
            pageParameters.add(pageSize);
            pageParameters.add((long) (page - 1) * pageSize);
            try (PreparedStatement select = prepare(connection, "SELECT " + COLUMNS + " FROM notification" + where
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", pageParameters)) {
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(read(rows));
                    }
                }
            }
            return new NotificationPage(items, total, page, pageSize);
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private static Optional<Notification> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM notification WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static long countUnseen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM notification WHERE seen = FALSE")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Notification read(ResultSet rows) throws SQLException {
        return new Notification(rows.getLong(1), rows.getString(2), rows.getBoolean(3),
                rows.getObject(4, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void requireValidText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text must have at most " + MAX_TEXT_LENGTH
                    + " characters but had " + text.length());
        }
    }
}
