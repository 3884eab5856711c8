package dev.notify.core.auth;

import dev.notify.auth.SessionStore;
import dev.notify.tck.SessionStoreCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Timeout;

/** The store over a real H2 database, a new one per test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcSessionStoreCompatibilityTest extends SessionStoreCompatibilityKit {
    static JdbcConnectionPool newDatabase() {
        return JdbcConnectionPool.create("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Override
    protected SessionStore store(TestInstants clock) {
        JdbcSessionStore store = JdbcSessionStore.builder(newDatabase()).clock(clock).build();
        try {
            store.createTableIfMissing();
            store.createTableIfMissing(); // twice: it must not fail when the table exists
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return store;
    }
}
