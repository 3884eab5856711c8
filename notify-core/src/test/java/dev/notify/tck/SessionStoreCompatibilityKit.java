package dev.notify.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.notify.auth.SessionStore;
import dev.notify.auth.StoredSession;
import dev.notify.layer.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link SessionStore} shares (the numbered contract on the interface), run by
 * each store's {@code <Store>CompatibilityTest} subclass.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SessionStoreCompatibilityKit {
    /** How long a test waits for a store operation. */
    protected static final Duration WAIT = Duration.ofSeconds(5);

    protected final TestInstants clock = TestInstants.startingNow();

    /**
     * @param clock the time source the store must judge expiry by, if it has one of its own
     * @return a store over an empty backend
     */
    protected abstract SessionStore store(TestInstants clock);

    /** @return whether the store judges expiry by the given clock (false where the backend's own clock does) */
    protected boolean followsTestClock() {
        return true;
    }

    protected static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage, WAIT, "the session store");
    }

    private StoredSession session(String user, Map<String, String> values) {
        return new StoredSession(Optional.ofNullable(user), values, clock.instant().plus(Duration.ofHours(1)));
    }

    private static String hash(int n) {
        return String.format("%064x", n);
    }

    @Test
    @DisplayName("a saved session loads back with its user, its values and its expiry")
    void savesAndLoadsBack() {
        SessionStore store = store(clock);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cart", "3 × 🍐, \"quoted\" and \\ back-slashed");
        values.put("empty", "");
        values.put("{json}", "[1, 2]");
        StoredSession saved = session("ann", values);

        await(store.save(hash(1), saved));

        StoredSession loaded = await(store.load(hash(1))).orElseThrow();
        assertThat(loaded.userId()).contains("ann");
        assertThat(loaded.values()).isEqualTo(values);
        assertThat(loaded.expiresAt().toEpochMilli()).isEqualTo(saved.expiresAt().toEpochMilli());
        assertThat(await(store.load(hash(2)))).isEmpty();
    }

    @Test
    @DisplayName("a session without a user and one without values are kept too")
    void keepsAnonymousAndValuelessSessions() {
        SessionStore store = store(clock);
        await(store.save(hash(1), session(null, Map.of("csrf", "x"))));
        await(store.save(hash(2), session("ann", Map.of())));

        assertThat(await(store.load(hash(1)))).hasValueSatisfying(s -> assertThat(s.userId()).isEmpty());
        assertThat(await(store.load(hash(2)))).hasValueSatisfying(s -> assertThat(s.values()).isEmpty());
    }

    @Test
    @DisplayName("a save replaces the session under that hash")
    void aSaveReplaces() {
        SessionStore store = store(clock);
        await(store.save(hash(1), session(null, Map.of("a", "1", "b", "2"))));
        await(store.save(hash(1), session("bob", Map.of("a", "3"))));

        StoredSession loaded = await(store.load(hash(1))).orElseThrow();
        assertThat(loaded.userId()).contains("bob");
        assertThat(loaded.values()).isEqualTo(Map.of("a", "3"));
    }

    @Test
    @DisplayName("delete removes that session only, and a missing one is no error")
    void deleteRemovesOne() {
        SessionStore store = store(clock);
        await(store.save(hash(1), session("ann", Map.of("a", "1"))));
        await(store.save(hash(2), session("ann", Map.of("a", "2"))));

        await(store.delete(hash(1)));
        await(store.delete(hash(3)));

        assertThat(await(store.load(hash(1)))).isEmpty();
        assertThat(await(store.load(hash(2)))).isPresent();
    }

    @Test
    @DisplayName("deleteUser ends every session of that user and no other")
    void deleteUserEndsThemAll() {
        SessionStore store = store(clock);
        await(store.save(hash(1), session("ann", Map.of())));
        await(store.save(hash(2), session("ann", Map.of("device", "phone"))));
        await(store.save(hash(3), session("bob", Map.of())));
        await(store.save(hash(4), session(null, Map.of("a", "1"))));
        await(store.save(hash(5), session("bob", Map.of())));
        await(store.save(hash(5), session("ann", Map.of()))); // bob's session became ann's

        await(store.deleteUser("ann"));
        await(store.deleteUser("nobody"));

        assertThat(await(store.load(hash(1)))).isEmpty();
        assertThat(await(store.load(hash(2)))).isEmpty();
        assertThat(await(store.load(hash(5)))).isEmpty();
        assertThat(await(store.load(hash(3)))).hasValueSatisfying(s -> assertThat(s.userId()).contains("bob"));
        assertThat(await(store.load(hash(4)))).isPresent();
    }

    @Test
    @DisplayName("a session saved with a past expiry is not returned")
    void aPastExpiryIsGone() {
        SessionStore store = store(clock);
        await(store.save(hash(1), new StoredSession(Optional.of("ann"), Map.of(), clock.instant().minusSeconds(1))));

        assertThat(await(store.load(hash(1)))).isEmpty();
    }

    @Test
    @DisplayName("a session is gone once the store's clock passes its expiry")
    void expires() {
        assumeThat(followsTestClock()).as("this store judges expiry by its backend's clock").isTrue();
        SessionStore store = store(clock);
        Instant expiry = clock.instant().plus(Duration.ofMinutes(10));
        await(store.save(hash(1), new StoredSession(Optional.empty(), Map.of("a", "1"), expiry)));
        clock.advance(Duration.ofMinutes(9));
        assertThat(await(store.load(hash(1)))).isPresent();

        clock.advance(Duration.ofMinutes(1));

        assertThat(await(store.load(hash(1)))).isEmpty();
    }
}
