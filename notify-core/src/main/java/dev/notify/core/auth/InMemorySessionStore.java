package dev.notify.core.auth;

import dev.notify.auth.SessionStore;
import dev.notify.auth.StoredSession;
import java.time.InstantSource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions in this process's memory: for tests and single-process applications. They are lost on
 * restart and not shared between processes; use {@link JdbcSessionStore} or notify-redis's
 * {@code RedisSessionStore} for that. Expired sessions are swept every {@value #SWEEP_EVERY} saves.
 * Thread-safe; every operation completes at once.
 *
 * @since 0.1
 */
public final class InMemorySessionStore implements SessionStore {
    /** Saves between two sweeps of expired sessions. */
    public static final int SWEEP_EVERY = 1024;

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final InstantSource clock;
    private final ConcurrentHashMap<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger saves = new AtomicInteger();

    private InMemorySessionStore(InstantSource clock) {
        this.clock = clock;
    }

    /** @return an empty store on the system clock */
    public static InMemorySessionStore create() {
        return create(InstantSource.system());
    }

    /**
     * @param clock tells when sessions have expired
     * @return an empty store
     */
    public static InMemorySessionStore create(InstantSource clock) {
        return new InMemorySessionStore(Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public CompletionStage<Optional<StoredSession>> load(String keyHash) {
        StoredSession session = sessions.get(keyHash);
        if (session != null && !session.expiresAt().isAfter(clock.instant())) {
            sessions.remove(keyHash, session);
            session = null;
        }
        return CompletableFuture.completedFuture(Optional.ofNullable(session));
    }

    @Override
    public CompletionStage<Void> save(String keyHash, StoredSession session) {
        sessions.put(Objects.requireNonNull(keyHash, "keyHash"), Objects.requireNonNull(session, "session"));
        if (saves.incrementAndGet() % SWEEP_EVERY == 0) {
            Instant now = clock.instant();
            sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> delete(String keyHash) {
        sessions.remove(keyHash);
        return DONE;
    }

    @Override
    public CompletionStage<Void> deleteUser(String userId) {
        Optional<String> user = Optional.of(userId);
        sessions.values().removeIf(s -> s.userId().equals(user));
        return DONE;
    }

    @Override
    public String toString() {
        return "InMemorySessionStore{" + sessions.size() + " sessions}";
    }
}
