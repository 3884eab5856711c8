package dev.notify.examples.notifications.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionStoreTest {
    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private Database database;
    private SessionStore sessions;
    private AdminUser user;

    @BeforeEach
    void open() throws SQLException {
        database = TestDatabases.open(directory);
        sessions = new SessionStore(database, clock, Duration.ofHours(1));
        user = new UserStore(database, clock).create("admin", "pbkdf2_sha256$1000$salt$hash");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void findsASessionByItsKeyUntilItExpires() throws SQLException {
        String key = sessions.create(user.id());

        assertThat(sessions.find(key)).get().extracting(AdminSession::username).isEqualTo("admin");
        assertThat(sessions.find(key + "x")).isEmpty();

        clock.advance(Duration.ofMinutes(61));
        assertThat(sessions.find(key)).isEmpty();
    }

    @Test
    void storesOnlyAHashOfTheKey() throws SQLException {
        String key = sessions.create(user.id());

        String stored = database.transaction(c -> {
            try (ResultSet rows = c.createStatement().executeQuery("SELECT key_hash FROM admin_session")) {
                rows.next();
                return rows.getString(1);
            }
        });

        assertThat(stored).hasSize(64).isNotEqualTo(key);
    }

    @Test
    void endsASession() throws SQLException {
        String key = sessions.create(user.id());

        sessions.delete(sessions.find(key).orElseThrow());

        assertThat(sessions.find(key)).isEmpty();
    }

    @Test
    void showsAFlashMessageOnce() throws SQLException {
        AdminSession session = sessions.find(sessions.create(user.id())).orElseThrow();

        sessions.flash(session, FlashMessage.success("The notification “x” was added successfully."));

        assertThat(sessions.takeFlash(session)).contains(FlashMessage.success("The notification “x” was added successfully."));
        assertThat(sessions.takeFlash(session)).isEmpty();
    }

    @Test
    void makesUnguessableTokens() {
        assertThat(SessionStore.randomToken()).hasSize(43).isNotEqualTo(SessionStore.randomToken());
    }
}
