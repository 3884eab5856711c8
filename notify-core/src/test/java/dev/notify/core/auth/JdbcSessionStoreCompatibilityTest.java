package dev.notify.core.auth;

import dev.notify.auth.SessionStore;
import dev.notify.tck.SessionStoreCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;

/** The store over a real H2 database, a new one per test. */
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
