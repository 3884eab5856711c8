package dev.notify.core.auth;

import dev.notify.auth.SessionStore;
import dev.notify.tck.SessionStoreCompatibilityKit;
import dev.notify.tck.TestInstants;

class InMemorySessionStoreCompatibilityTest extends SessionStoreCompatibilityKit {
    @Override
    protected SessionStore store(TestInstants clock) {
        return InMemorySessionStore.create(clock);
    }
}
