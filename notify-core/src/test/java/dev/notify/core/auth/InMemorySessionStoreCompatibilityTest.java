package dev.notify.core.auth;

import dev.notify.auth.SessionStore;
import dev.notify.tck.SessionStoreCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InMemorySessionStoreCompatibilityTest extends SessionStoreCompatibilityKit {
    @Override
    protected SessionStore store(TestInstants clock) {
        return InMemorySessionStore.create(clock);
    }
}
