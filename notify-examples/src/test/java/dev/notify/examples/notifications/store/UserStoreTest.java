package dev.notify.examples.notifications.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UserStoreTest {
    @TempDir
    Path directory;

    private Database database;
    private UserStore users;

    @BeforeEach
    void open() throws SQLException {
        database = TestDatabases.open(directory);
        users = new UserStore(database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void createsFindsAndChangesPasswords() throws SQLException {
        AdminUser created = users.create("admin", "hash-1");

        assertThat(users.find("admin")).contains(created);
        assertThat(users.find("Admin")).isEmpty();
        assertThat(users.count()).isEqualTo(1);
        assertThat(users.setPasswordHash("admin", "hash-2")).isTrue();
        assertThat(users.find("admin").orElseThrow().passwordHash()).isEqualTo("hash-2");
        assertThat(users.setPasswordHash("nobody", "hash-3")).isFalse();
    }

    @Test
    void refusesTakenAndInvalidNames() throws SQLException {
        users.create("admin", "hash");

        assertThatThrownBy(() -> users.create("admin", "hash")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> users.create("no spaces", "hash")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UserStore.problemWithUsername("ops.team+alerts@example-1_x")).isNull();
    }
}
