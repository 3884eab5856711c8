package dev.notify.redis;

import dev.notify.auth.SessionStore;
import dev.notify.auth.StoredSession;
import dev.notify.redis.internal.LayerResources;
import dev.notify.redis.internal.RedisShard;
import dev.notify.redis.internal.Scripts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sessions in Redis, shared by every process on it, on the same Lettuce setup as the Redis layers
 * (one command connection, reconnecting with backoff, failing fast during an outage; {@code redis://},
 * {@code rediss://} and {@code redis-sentinel://} URIs).
 *
 * <pre>{@code
 * try (RedisSessionStore store = RedisSessionStore.create("redis://127.0.0.1:6379")) {
 *     Router router = Router.builder().use(SessionMiddleware.create(store))...
 * }
 * }</pre>
 *
 * <p>Each session is a hash at {@code <prefix>:<key hash>} holding its user ({@code u}), its expiry
 * ({@code x}) and its values ({@code v:<name>}), expired by Redis at its expiry ({@code PEXPIREAT},
 * so by Redis's clock); each logged-in user has a set of its sessions at
 * {@code <prefix>:user:<id>} for {@link #deleteUser}. Saves and {@code deleteUser} are atomic Lua
 * scripts. Failures complete the stages with a {@link dev.notify.layer.ChannelLayerException} naming
 * the server. Thread-safe.
 *
 * @since 0.1
 */
public final class RedisSessionStore implements SessionStore, AutoCloseable {
    /** The URI unless set. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    /** The key prefix unless set. */
    public static final String DEFAULT_PREFIX = "notify:session";

    private static final byte[] USER = bytes("u");
    private static final byte[] EXPIRY = bytes("x");
    private static final String VALUE = "v:";

    private final LayerResources resources;
    private final RedisShard shard;
    private final String prefix;

    private RedisSessionStore(Builder b) {
        this.prefix = b.prefix;
        this.resources = new LayerResources("notify-redis-sessions");
        try {
            this.shard = resources.connect(List.of(b.uri), "sessions cannot be read or saved until it is back").get(0);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * @param uri a Lettuce URI
     * @return a connected store with the default prefix
     * @throws dev.notify.layer.ChannelLayerException if Redis cannot be reached
     */
    public static RedisSessionStore create(String uri) {
        return builder().uri(uri).build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    private byte[] sessionKey(String keyHash) {
        return bytes(prefix + ":" + keyHash);
    }

    private byte[] userKey(String userId) {
        return bytes(prefix + ":user:" + userId);
    }

    @Override
    public CompletionStage<Optional<StoredSession>> load(String keyHash) {
        return shard.commands().hgetall(sessionKey(keyHash)).toCompletableFuture()
                .handle((fields, failure) -> {
                    if (failure != null) {
                        throw shard.failure("loading a session", failure);
                    }
                    return decode(fields);
                });
    }

    private static Optional<StoredSession> decode(Map<byte[], byte[]> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String user = null;
        Instant expiry = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
            String name = new String(field.getKey(), StandardCharsets.UTF_8);
            String value = new String(field.getValue(), StandardCharsets.UTF_8);
            if (name.startsWith(VALUE)) {
                values.put(name.substring(VALUE.length()), value);
            } else if (name.equals("u")) {
                user = value;
            } else if (name.equals("x")) {
                expiry = Instant.ofEpochMilli(Long.parseLong(value));
            }
        }
        return expiry == null ? Optional.empty() : Optional.of(new StoredSession(Optional.ofNullable(user), values, expiry));
    }

    @Override
    public CompletionStage<Void> save(String keyHash, StoredSession session) {
        List<byte[]> args = new ArrayList<>(4 + 2 * session.values().size());
        args.add(bytes(Long.toString(session.expiresAt().toEpochMilli())));
        args.add(bytes(Long.toString(System.currentTimeMillis())));
        args.add(EXPIRY);
        args.add(bytes(Long.toString(session.expiresAt().toEpochMilli())));
        session.userId().ifPresent(user -> {
            args.add(USER);
            args.add(bytes(user));
        });
        session.values().forEach((name, value) -> {
            args.add(bytes(VALUE + name));
            args.add(bytes(value));
        });
        byte[][] keys = session.userId().isPresent()
                ? new byte[][] {sessionKey(keyHash), userKey(session.userId().get())}
                : new byte[][] {sessionKey(keyHash)};
        return done(Scripts.SESSION_SAVE.run(shard.commands(), keys, args.toArray(byte[][]::new)), "saving a session");
    }

    @Override
    public CompletionStage<Void> delete(String keyHash) {
        return done(shard.commands().del(sessionKey(keyHash)), "deleting a session");
    }

    @Override
    public CompletionStage<Void> deleteUser(String userId) {
        return done(Scripts.SESSION_DELETE_USER.run(shard.commands(), new byte[][] {userKey(userId)}, bytes(userId)),
                "ending the sessions of user " + userId);
    }

    private CompletionStage<Void> done(CompletionStage<?> command, String operation) {
        return command.toCompletableFuture().handle((ok, failure) -> {
            if (failure != null) {
                throw shard.failure(operation, failure);
            }
            return null;
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the connection and its threads. */
    @Override
    public void close() {
        try {
            shard.close();
        } finally {
            resources.close();
        }
    }

    @Override
    public String toString() {
        return "RedisSessionStore{" + shard.address() + ", " + prefix + "}";
    }

    /**
     * Builds a {@link RedisSessionStore}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String uri = DEFAULT_URI;
        private String prefix = DEFAULT_PREFIX;

        private Builder() {
        }

        /**
         * @param value a Lettuce URI; default {@value #DEFAULT_URI}
         * @return this builder
         */
        public Builder uri(String value) {
            this.uri = Objects.requireNonNull(value, "uri");
            return this;
        }

        /**
         * @param value the key prefix; default {@value #DEFAULT_PREFIX}
         * @return this builder
         * @throws IllegalArgumentException if empty
         */
        public Builder prefix(String value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("prefix must not be empty");
            }
            this.prefix = value;
            return this;
        }

        /**
         * Connects.
         *
         * @return the store
         * @throws dev.notify.layer.ChannelLayerException if Redis cannot be reached, naming it
         */
        public RedisSessionStore build() {
            return new RedisSessionStore(this);
        }
    }
}
