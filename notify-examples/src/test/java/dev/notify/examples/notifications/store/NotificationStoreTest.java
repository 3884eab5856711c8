package dev.notify.examples.notifications.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotificationStoreTest {
    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private Database database;
    private NotificationStore store;

    @BeforeEach
    void open() throws SQLException {
        database = TestDatabases.open(directory);
        store = new NotificationStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Notification create(String text, boolean seen) throws SQLException {
        clock.advance(Duration.ofSeconds(1));
        return store.create(text, seen).notification();
    }

    @Test
    void createsAndCountsUnseenInTheSameTransaction() throws SQLException {
        assertThat(store.create("first", false).unseen()).isEqualTo(1);
        assertThat(store.create("second", true).unseen()).isEqualTo(1);
        Saved third = store.create("third", false);

        assertThat(third.unseen()).isEqualTo(2);
        assertThat(store.countUnseen()).isEqualTo(2);
        assertThat(store.find(third.notification().id())).contains(third.notification());
    }

    @Test
    void listsNewestFirst() throws SQLException {
        create("old", false);
        create("middle", true);
        create("new", false);

        assertThat(store.list(NotificationQuery.ALL, 1, 10).items())
                .extracting(Notification::text).containsExactly("new", "middle", "old");
    }

    @Test
    void filtersBySeenAndSearchesIgnoringCase() throws SQLException {
        create("Server restarted", true);
        create("Disk almost full", false);
        create("server load 50%", false);

        assertThat(store.list(new NotificationQuery(Optional.of(false), ""), 1, 10).items())
                .extracting(Notification::text).containsExactly("server load 50%", "Disk almost full");
        assertThat(store.list(new NotificationQuery(Optional.of(true), ""), 1, 10).items())
                .extracting(Notification::text).containsExactly("Server restarted");
        assertThat(store.list(new NotificationQuery(Optional.empty(), "SERVER"), 1, 10).total()).isEqualTo(2);
        assertThat(store.list(new NotificationQuery(Optional.of(false), "server"), 1, 10).items())
                .extracting(Notification::text).containsExactly("server load 50%");
    }

    @Test
    void searchTreatsLikeWildcardsAsPlainText() throws SQLException {
        create("50% done", false);
        create("500 done", false);
        create("a_b", false);
        create("axb", false);

        assertThat(store.list(new NotificationQuery(Optional.empty(), "50%"), 1, 10).items())
                .extracting(Notification::text).containsExactly("50% done");
        assertThat(store.list(new NotificationQuery(Optional.empty(), "a_b"), 1, 10).items())
                .extracting(Notification::text).containsExactly("a_b");
    }

    @Test
    void pages() throws SQLException {
        for (int i = 1; i <= 5; i++) {
            create("n" + i, false);
        }

        NotificationPage second = store.list(NotificationQuery.ALL, 2, 2);

        assertThat(second.items()).extracting(Notification::text).containsExactly("n3", "n2");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.pages()).isEqualTo(3);
        assertThat(store.list(NotificationQuery.ALL, 4, 2).items()).isEmpty();
        assertThatThrownBy(() -> store.list(NotificationQuery.ALL, 0, 2)).hasMessage("page must be >= 1 but was 0");
    }

    @Test
    void updatesAndReportsTheNewCount() throws SQLException {
        Notification n = create("before", false);

        Saved changed = store.update(n.id(), "after", true).orElseThrow();

        assertThat(changed.notification()).isEqualTo(new Notification(n.id(), "after", true, n.createdAt()));
        assertThat(changed.unseen()).isZero();
        assertThat(store.update(n.id() + 100, "x", false)).isEmpty();
    }

    @Test
    void marksSeenOnlyWhatWasUnseen() throws SQLException {
        Notification a = create("a", false);
        Notification b = create("b", false);

        assertThat(store.markSeen(a.id()).orElseThrow().unseen()).isEqualTo(1);
        assertThat(store.markSeen(a.id())).isEmpty();
        assertThat(store.markSeen(b.id()).orElseThrow().unseen()).isZero();
        assertThat(store.markSeen(12345)).isEmpty();
    }

    @Test
    void deletesAndReportsTheNewCount() throws SQLException {
        Notification a = create("a", false);
        create("b", false);

        Saved deleted = store.delete(a.id()).orElseThrow();

        assertThat(deleted.notification()).isEqualTo(a);
        assertThat(deleted.unseen()).isEqualTo(1);
        assertThat(store.find(a.id())).isEmpty();
        assertThat(store.delete(a.id())).isEmpty();
    }

    @Test
    void refusesBlankAndOverlongText() {
        assertThatThrownBy(() -> store.create("  ", false)).hasMessage("text must not be blank");
        assertThatThrownBy(() -> store.create("x".repeat(1001), false))
                .hasMessage("text must have at most 1000 characters but had 1001");
    }

    @Test
    void keepsDataAcrossARestartAndCreatesTheSchemaOnlyOnce() throws SQLException {
        Notification n = create("survives", false);
        database.close();

        database = TestDatabases.open(directory);
        store = new NotificationStore(database, clock);

        assertThat(store.find(n.id())).contains(n);
        assertThat(store.countUnseen()).isEqualTo(1);
    }

    @Test
    void refusesUrlsOfOtherDatabases() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/notify"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:file:./data/notify");
    }

    @Test
    void failsToOpenAnUnreachablePostgres() {
        // port 1 on loopback refuses at once
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/notify?connectTimeout=2"))
                .isInstanceOf(SQLException.class);
    }
}
