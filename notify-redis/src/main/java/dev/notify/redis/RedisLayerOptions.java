package dev.notify.redis;

import io.lettuce.core.RedisURI;
import dev.notify.config.NotifyConfig;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.ConfigReader;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of the Redis layers, named as in channels_redis; immutable. Build them with
 * {@link RedisChannelLayer#builder()}, {@link RedisPubSubChannelLayer#builder()} or
 * {@link #builder()}, and derive variants with {@link #toBuilder()}.
 *
 * @param uris the Redis servers, one per shard, as Lettuce URIs: {@code redis://host:port/db},
 *     {@code rediss://…} for TLS, {@code redis-sentinel://s1:26379,s2:26379/0#mymaster} for a
 *     Sentinel-managed master. Several servers shard the layer with channels_redis' consistent hash;
 *     every process must list them in the same order. With {@code cluster}, the seed nodes of one Redis
 *     Cluster instead, any of which Lettuce asks for the cluster's topology.
 * @param cluster whether {@code uris} are the seed nodes of a Redis Cluster (plain {@code redis://} or
 *     {@code rediss://} URIs, database 0); the layers then use Lettuce's cluster client and their own key
 *     layout (see the module README), which channels_redis does not share
 * @param prefix prepended to every Redis key and pub/sub channel ({@code asgi}, as channels_redis)
 * @param capacity the default capacity of a channel
 * @param channelCapacity glob pattern to capacity ({@code websocket.*=20}); the first match wins
 * @param expiry how long a queued message lives (whole seconds)
 * @param groupExpiry how long a group membership lives without being renewed (whole seconds)
 * @param symmetricEncryptionKeys secrets for Fernet encryption of stored messages, the first to
 *     encrypt and any to decrypt; empty for none. Queue layer only.
 * @param clock the time source for message scores, membership times and expiry (the system clock;
 *     tests pass a fake one). All processes sharing Redis must agree on the time.
 * @since 0.1
 */
public record RedisLayerOptions(List<String> uris, boolean cluster, String prefix, int capacity, Map<String, Integer> channelCapacity,
        Duration expiry, Duration groupExpiry, List<String> symmetricEncryptionKeys, InstantSource clock) {

    /** {@value}: one Lettuce URI per shard, comma-separated (default {@value #DEFAULT_URI}). */
    public static final String URL_KEY = "notify.redis.url";
    /** {@value}: {@code true} if {@value #URL_KEY} lists the seed nodes of a Redis Cluster (default {@code false}). */
    public static final String CLUSTER_KEY = "notify.redis.cluster";
    /** {@value}: the key prefix (default {@value #DEFAULT_PREFIX}). */
    public static final String PREFIX_KEY = "notify.redis.prefix";
    /** {@value}: messages per channel (default {@value #DEFAULT_CAPACITY}). */
    public static final String CAPACITY_KEY = "notify.redis.capacity";
    /** {@value}: {@code pattern=capacity,...} such as {@code http.request=200,websocket.*=20} (default none). */
    public static final String CHANNEL_CAPACITY_KEY = "notify.redis.channel-capacity";
    /** {@value}: message lifetime (default {@link #DEFAULT_EXPIRY}). */
    public static final String EXPIRY_KEY = "notify.redis.expiry";
    /** {@value}: membership lifetime without renewal (default {@link #DEFAULT_GROUP_EXPIRY}). */
    public static final String GROUP_EXPIRY_KEY = "notify.redis.group-expiry";
    /** {@value}: comma-separated secrets, the first encrypts (queue layer only). */
    public static final String ENCRYPTION_KEYS_KEY = "notify.redis.symmetric-encryption-keys";
    /** Every key the Redis layers read. */
    public static final Set<String> KEYS = Set.of(URL_KEY, CLUSTER_KEY, PREFIX_KEY, CAPACITY_KEY, CHANNEL_CAPACITY_KEY, EXPIRY_KEY,
            GROUP_EXPIRY_KEY, ENCRYPTION_KEYS_KEY);

    /** {@value}: a local Redis on the default port. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    /** {@value}, as channels_redis. */
    public static final String DEFAULT_PREFIX = "asgi";
    /** {@value} messages, as channels_redis. */
    public static final int DEFAULT_CAPACITY = 100;
    /** 60 seconds, as channels_redis. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(60);
    /**
     * 300 seconds (channels_redis: one day). Memberships of live channels are renewed every third of
     * it, so the expiry only bounds how long a process that died without leaving (SIGKILL, a lost
     * host) stays in its groups: five minutes instead of a day, while a live consumer survives two
     * failed renewals in a row (a Redis restart, a long pause) and clocks that differ by minutes.
     * Processes sharing Redis, Django's included, must use the same value.
     */
    public static final Duration DEFAULT_GROUP_EXPIRY = Duration.ofMinutes(5);

    /**
     * Checks and copies the options.
     *
     * @param uris the Redis servers, one per shard, or the seed nodes of a cluster
     * @param cluster whether the URIs are the seed nodes of a Redis Cluster
     * @param prefix the key prefix
     * @param capacity the default capacity of a channel
     * @param channelCapacity glob pattern to capacity
     * @param expiry how long a queued message lives
     * @param groupExpiry how long a membership lives without renewal
     * @param symmetricEncryptionKeys the Fernet secrets; empty for none
     * @param clock the time source
     * @throws IllegalArgumentException naming the bad option and its value
     */
    public RedisLayerOptions {
        uris = List.copyOf(uris);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("uris must name at least one Redis server");
        }
        for (String uri : uris) {
            requireUri(uri);
        }
        if (cluster) {
            requireClusterSeeds(uris);
        }
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("prefix must not be blank but was '" + prefix + "'");
        }
        requirePositive("capacity", capacity);
        channelCapacity = Collections.unmodifiableMap(new LinkedHashMap<>(channelCapacity));
        channelCapacity.forEach((pattern, value) -> requirePositive("capacity of '" + pattern + "'", value));
        requireSeconds("expiry", expiry);
        requireSeconds("groupExpiry", groupExpiry);
        symmetricEncryptionKeys = List.copyOf(symmetricEncryptionKeys);
        for (String key : symmetricEncryptionKeys) {
            if (key.isEmpty()) {
                throw new IllegalArgumentException("symmetricEncryptionKeys must not contain an empty key");
            }
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the {@code notify.redis.*} keys (see the {@code *_KEY} constants); unset keys keep
     * their defaults.
     *
     * @param config the configuration
     * @return the options
     * @throws dev.notify.config.InvalidConfigurationException listing every bad key with its value and the reason
     */
    public static RedisLayerOptions fromConfig(NotifyConfig config) {
        ConfigReader reader = new ConfigReader(config);
        List<String> uris = reader.parse(URL_KEY, text -> {
            List<String> list = splitUris(text);
            list.forEach(RedisLayerOptions::requireUri);
            return list;
        }, List.of(DEFAULT_URI), "must be Redis URIs such as redis://127.0.0.1:6379, comma-separated");
        boolean cluster = reader.parse(CLUSTER_KEY, RedisLayerOptions::parseBoolean, false, "must be true or false");
        String prefix = reader.string(PREFIX_KEY, DEFAULT_PREFIX);
        int capacity = reader.positiveInt(CAPACITY_KEY, DEFAULT_CAPACITY);
        Map<String, Integer> channelCapacity = reader.parse(CHANNEL_CAPACITY_KEY, RedisLayerOptions::parseChannelCapacity,
                Map.of(), "must be pattern=capacity,... such as websocket.*=20");
        String rule = "must be a duration of at least 1 s, such as 60s, 5m, 1d or a number of seconds";
        Duration expiry = reader.parse(EXPIRY_KEY, text -> atLeastOneSecond(EXPIRY_KEY, text), DEFAULT_EXPIRY, rule);
        Duration groupExpiry = reader.parse(GROUP_EXPIRY_KEY, text -> atLeastOneSecond(GROUP_EXPIRY_KEY, text),
                DEFAULT_GROUP_EXPIRY, rule);
        // secrets are never echoed into error messages; splitting them cannot fail
        List<String> secrets = split(reader.string(ENCRYPTION_KEYS_KEY, ""));
        if (cluster) {
            try {
                requireClusterSeeds(uris);
            } catch (IllegalArgumentException e) {
                reader.problem(CLUSTER_KEY + "=true with " + URL_KEY + ": " + e.getMessage());
            }
        }
        reader.requireValid();
        return new RedisLayerOptions(uris, cluster, prefix, capacity, channelCapacity, expiry, groupExpiry, secrets,
                InstantSource.system());
    }

    private static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /**
     * Refuses what only a standalone server or Sentinel takes: a cluster has no Sentinel (its replicas
     * fail over by themselves), only database 0, and one scheme for all of its nodes.
     */
    private static void requireClusterSeeds(List<String> uris) {
        for (String uri : uris) {
            RedisURI parsed = RedisURI.create(uri);
            if (parsed.getSentinels() != null && !parsed.getSentinels().isEmpty()) {
                throw new IllegalArgumentException("'" + redact(uri) + "' is a Sentinel URI, but a Redis Cluster has no"
                        + " Sentinel (its replicas fail over by themselves): list cluster nodes as redis://host:port");
            }
            if (parsed.getSocket() != null) {
                throw new IllegalArgumentException("'" + redact(uri) + "' is a Unix socket, but Redis Cluster nodes"
                        + " are reached over TCP: list them as redis://host:port");
            }
            if (parsed.getDatabase() != 0) {
                throw new IllegalArgumentException("'" + redact(uri) + "' selects database " + parsed.getDatabase()
                        + ", but a Redis Cluster has only database 0: drop the /" + parsed.getDatabase());
            }
            if (parsed.isSsl() != RedisURI.create(uris.get(0)).isSsl()) {
                throw new IllegalArgumentException("'" + redact(uri) + "' and '" + redact(uris.get(0)) + "' mix"
                        + " redis:// and rediss://, but the nodes of one cluster share one scheme");
            }
        }
    }

    private static Duration atLeastOneSecond(String key, String text) {
        Duration value = NotifyConfig.parseDuration(key, text);
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("too short");
        }
        return value;
    }

    /** Keeps the order of the entries: the first matching pattern wins. */
    private static Map<String, Integer> parseChannelCapacity(String text) {
        CapacityPolicy.parse(1, text); // its messages name the bad entry
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String entry : split(text)) {
            int eq = entry.lastIndexOf('=');
            ordered.put(entry.substring(0, eq).trim(), Integer.parseInt(entry.substring(eq + 1).trim()));
        }
        return ordered;
    }

    /**
     * Splits shard URIs before each scheme only: a Sentinel URI names its sentinels with commas of its
     * own ({@code redis-sentinel://s1:26379,s2:26379/0#mymaster}).
     */
    private static List<String> splitUris(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : SHARD_SEPARATOR.split(text)) {
            // only a Sentinel URI has commas of its own; elsewhere each one separates a shard
            parts.addAll(part.trim().startsWith("redis-sentinel") ? List.of(part) : split(part));
        }
        parts.replaceAll(String::trim);
        parts.removeIf(String::isBlank);
        return parts;
    }

    private static final Pattern SHARD_SEPARATOR = Pattern.compile("\\s*,\\s*(?=[a-zA-Z][a-zA-Z0-9+.-]*://)");

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    /** @return a builder with every default */
    public static Builder<RedisLayerOptions> builder() {
        return new Builder<>(Function.identity());
    }

    /** @return a builder that starts from these options */
    public Builder<RedisLayerOptions> toBuilder() {
        return new Builder<>(Function.identity()).from(this);
    }

    @Override
    public String toString() {
        // never print the secrets
        return "RedisLayerOptions[uris=" + uris.stream().map(RedisLayerOptions::redact).toList()
                + (cluster ? ", cluster=true" : "") + ", prefix=" + prefix
                + ", capacity=" + capacity + ", channelCapacity=" + channelCapacity + ", expiry=" + expiry
                + ", groupExpiry=" + groupExpiry + ", symmetricEncryptionKeys=" + symmetricEncryptionKeys.size() + " key(s)"
                + (clock.equals(InstantSource.system()) ? "" : ", clock=" + clock) + "]";
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    private static void requireUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("uri must be a Redis URI such as redis://127.0.0.1:6379 but was '"
                    + redact(uri) + "': " + e.getMessage(), e);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    private static void requireSeconds(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 second but was " + value);
        }
    }

    /**
     * Builds options, or a layer made from them.
     *
     * @param <T> what {@link #build()} returns
     * @since 0.1
     */
    public static final class Builder<T> {
        private final Function<RedisLayerOptions, T> finisher;
        private List<String> uris = List.of(DEFAULT_URI);
        private boolean cluster;
        private String prefix = DEFAULT_PREFIX;
        private int capacity = DEFAULT_CAPACITY;
        private final Map<String, Integer> channelCapacity = new LinkedHashMap<>();
        private Duration expiry = DEFAULT_EXPIRY;
        private Duration groupExpiry = DEFAULT_GROUP_EXPIRY;
        private List<String> symmetricEncryptionKeys = List.of();
        private InstantSource clock = InstantSource.system();

        Builder(Function<RedisLayerOptions, T> finisher) {
            this.finisher = finisher;
        }

        Builder<T> from(RedisLayerOptions options) {
            uris = options.uris();
            cluster = options.cluster();
            prefix = options.prefix();
            capacity = options.capacity();
            channelCapacity.putAll(options.channelCapacity());
            expiry = options.expiry();
            groupExpiry = options.groupExpiry();
            symmetricEncryptionKeys = options.symmetricEncryptionKeys();
            clock = options.clock();
            return this;
        }

        /**
         * @param uris one Redis URI per shard (default {@value #DEFAULT_URI})
         * @return this builder
         * @throws IllegalArgumentException if there is none or one is not a Redis URI
         */
        public Builder<T> uris(String... uris) {
            List<String> list = List.of(uris);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("uris must name at least one Redis server");
            }
            list.forEach(RedisLayerOptions::requireUri);
            this.uris = list;
            return this;
        }

        /**
         * @param cluster whether {@link #uris} are the seed nodes of a Redis Cluster (default {@code false});
         *     checked by {@link #build()}
         * @return this builder
         */
        public Builder<T> cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * @param prefix the key prefix (default {@value #DEFAULT_PREFIX})
         * @return this builder
         */
        public Builder<T> prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isBlank()) {
                throw new IllegalArgumentException("prefix must not be blank but was '" + prefix + "'");
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * @param capacity the default channel capacity (default {@value #DEFAULT_CAPACITY})
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder<T> capacity(int capacity) {
            requirePositive("capacity", capacity);
            this.capacity = capacity;
            return this;
        }

        /**
         * Adds a capacity for the channels matching a glob pattern; patterns are tried in the order added.
         *
         * @param pattern a glob such as {@code websocket.*}
         * @param capacity their capacity
         * @return this builder
         * @throws IllegalArgumentException if not positive
         * @throws IllegalStateException if the pattern already has a capacity
         */
        public Builder<T> channelCapacity(String pattern, int capacity) {
            Objects.requireNonNull(pattern, "pattern");
            requirePositive("capacity of '" + pattern + "'", capacity);
            Integer old = channelCapacity.putIfAbsent(pattern, capacity);
            if (old != null) {
                throw new IllegalStateException("channel capacity of '" + pattern + "' was already set to " + old);
            }
            return this;
        }

        /**
         * @param expiry message lifetime, whole seconds, at least 1 s (default 60 s)
         * @return this builder
         */
        public Builder<T> expiry(Duration expiry) {
            requireSeconds("expiry", expiry);
            this.expiry = expiry;
            return this;
        }

        /**
         * @param groupExpiry membership lifetime, at least 1 s (default 5 minutes)
         * @return this builder
         */
        public Builder<T> groupExpiry(Duration groupExpiry) {
            requireSeconds("groupExpiry", groupExpiry);
            this.groupExpiry = groupExpiry;
            return this;
        }

        /**
         * @param secrets encryption secrets, the first to encrypt (default none)
         * @return this builder
         */
        public Builder<T> symmetricEncryptionKeys(String... secrets) {
            List<String> list = List.of(secrets);
            for (String key : list) {
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("symmetricEncryptionKeys must not contain an empty key");
                }
            }
            this.symmetricEncryptionKeys = list;
            return this;
        }

        /**
         * @param clock the time source (default the system clock); for tests
         * @return this builder
         */
        public Builder<T> clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the options, or the layer made from them
         * @throws IllegalArgumentException if a cluster's URIs name a Sentinel, a Unix socket, a database
         *     other than 0, or mix {@code redis://} and {@code rediss://}
         * @throws dev.notify.layer.ChannelLayerException for a layer whose Redis cannot be reached
         */
        public T build() {
            return finisher.apply(new RedisLayerOptions(uris, cluster, prefix, capacity, channelCapacity, expiry, groupExpiry,
                    symmetricEncryptionKeys, clock));
        }
    }
}
