package dev.notify.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.auth.SessionStore;
import dev.notify.auth.StoredSession;
import dev.notify.tck.SessionStoreCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store against a real redis-server the test starts; each test on its own prefix. */
class RedisSessionStoreCompatibilityTest extends SessionStoreCompatibilityKit {
    private static RedisServer redis;
    private final List<RedisSessionStore> stores = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.shared();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RedisSessionStore::close);
    }

    @Override
    protected SessionStore store(TestInstants clock) {
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).prefix(RedisServer.uniquePrefix()).build();
        stores.add(store);
        return store;
    }

    @Override
    protected boolean followsTestClock() {
        return false; // Redis expires the hash by its own clock (PEXPIREAT): see the test below
    }

    @Test
    void redisDropsASessionAtItsExpiry() throws InterruptedException {
        SessionStore store = store(clock);
        String hash = "e".repeat(64);
        await(store.save(hash, new StoredSession(Optional.of("ann"), Map.of("a", "1"), Instant.now().plusSeconds(2))));
        assertThat(await(store.load(hash))).isPresent();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (await(store.load(hash)).isPresent()) {
            assertThat(System.nanoTime()).as("the session outlived its expiry by 8 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
