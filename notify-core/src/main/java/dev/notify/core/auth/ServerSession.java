package dev.notify.core.auth;

import dev.notify.auth.Session;
import dev.notify.auth.SessionStore;
import dev.notify.auth.StoredSession;
import java.time.InstantSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The session of one request or connection: its values in memory, the key it is stored under, and
 * the keys to delete when it is saved (the old key after a login, the whole session after a
 * logout). A key is made only when a non-empty session is first saved, never taken from the client.
 */
final class ServerSession implements Session {
    /** What a save did to the cookie's key. */
    sealed interface Saved permits Unchanged, Stored, Emptied {
    }

    /** Nothing was written. */
    record Unchanged() implements Saved {
    }

    /** The session is stored under this key. */
    record Stored(String key) implements Saved {
    }

    /** The session is empty now and stored nowhere. */
    record Emptied() implements Saved {
    }

    private static final CompletionStage<Saved> UNCHANGED = CompletableFuture.completedFuture(new Unchanged());

    private final SessionStore store;
    private final InstantSource clock;
    private final Duration maxAge;
    private final Map<String, String> values;
    private final List<String> staleKeys = new ArrayList<>(1);
    private String key;
    private String userId;
    private boolean modified;

    /**
     * @param key the key the client sent, if the store had a session under it; else {@code null}
     * @param stored what the store had
     */
    ServerSession(SessionStore store, InstantSource clock, Duration maxAge, String key, Optional<StoredSession> stored) {
        this.store = store;
        this.clock = clock;
        this.maxAge = maxAge;
        this.key = key;
        this.values = new LinkedHashMap<>(stored.map(StoredSession::values).orElse(Map.of()));
        this.userId = stored.flatMap(StoredSession::userId).orElse(null);
    }

    @Override
    public synchronized Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public synchronized void put(String name, String value) {
        Objects.requireNonNull(name, "key");
        Objects.requireNonNull(value, "value");
        if (!value.equals(values.put(name, value))) {
            modified = true;
        }
    }

    @Override
    public synchronized void remove(String name) {
        if (values.remove(name) != null) {
            modified = true;
        }
    }

    @Override
    public synchronized Map<String, String> values() {
        return Map.copyOf(values);
    }

    @Override
    public synchronized Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /**
     * Logs a user in: the values stay (another user's are dropped), the key is renewed so that a
     * key known before the login is worthless after it.
     */
    synchronized void login(String id) {
        if (userId != null && !userId.equals(id)) {
            values.clear();
        }
        renewKey();
        userId = id;
    }

    /** Logs out: the values and the user go, and the stored session is deleted at the next save. */
    synchronized void flush() {
        renewKey();
        values.clear();
        userId = null;
    }

    /** Drops the current key: the session is stored under a new one at the next save. */
    synchronized void renewKey() {
        if (key != null) {
            staleKeys.add(key);
            key = null;
        }
        modified = true;
    }

    @Override
    public CompletionStage<Void> save() {
        return commit().thenApply(saved -> null);
    }

    /** Writes a changed session and deletes the keys it no longer uses. */
    CompletionStage<Saved> commit() {
        List<String> deletes;
        StoredSession record = null;
        String saveUnder = null;
        synchronized (this) {
            if (!modified) {
                return UNCHANGED;
            }
            modified = false;
            deletes = new ArrayList<>(staleKeys);
            staleKeys.clear();
            if (values.isEmpty() && userId == null) {
                if (key != null) {
                    deletes.add(key);
                    key = null;
                }
            } else {
                if (key == null) {
                    key = SessionKeys.newKey();
                }
                saveUnder = key;
                record = new StoredSession(Optional.ofNullable(userId), values, clock.instant().plus(maxAge));
            }
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>(deletes.size() + 1);
        if (record != null) {
            writes.add(store.save(SessionKeys.hash(saveUnder), record).toCompletableFuture());
        }
        for (String stale : deletes) {
            writes.add(store.delete(SessionKeys.hash(stale)).toCompletableFuture());
        }
        Saved saved = saveUnder != null ? new Stored(saveUnder) : new Emptied();
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> saved);
    }

    @Override
    public synchronized String toString() {
        // never the key: toString ends up in logs
        return "Session{" + (userId == null ? "anonymous" : "user " + userId) + ", " + values.size() + " values}";
    }
}
