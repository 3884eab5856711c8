package dev.notify.nats;

import dev.notify.config.NotifyConfig;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.ConfigReader;
import io.nats.client.support.NatsUri;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of the NATS layer; immutable. Build them with {@link NatsChannelLayer#builder()} or
 * {@link #builder()}, derive variants with {@link #toBuilder()}, or read them from configuration with
 * {@link #fromConfig}.
 *
 * @param urls the NATS servers, as the NATS clients write them: {@code nats://host:4222},
 *     {@code tls://host:4222} for TLS, {@code nats://user:password@host:4222} or
 *     {@code nats://token@host:4222} for a user or token. Several servers of one cluster may be
 *     listed; the client connects to one and fails over to the others (and to the servers the
 *     cluster announces).
 * @param prefix the first token(s) of every subject the layer uses, so several applications can
 *     share one NATS; every process of one application uses the same prefix
 * @param capacity the default capacity of a channel: how many messages a process holds for it
 * @param channelCapacity glob pattern to capacity ({@code websocket.*=20}); the first match wins
 * @param expiry how long a message waits for its receiver before it is dropped
 * @param groupExpiry how long a group membership lasts without being renewed by another
 *     {@code groupAdd}
 * @param credentials a NATS credentials file (the user JWT and NKey seed that {@code nsc} writes),
 *     if the servers require one
 * @param tlsCa a PEM file of the certificate authorities the servers' certificates must chain to;
 *     setting it turns TLS on. Without it, {@code tls://} URLs trust the JVM's default authorities.
 * @param clock the time source for message and membership expiry (the system clock; tests pass a
 *     fake one)
 * @since 0.2
 */
public record NatsLayerOptions(List<String> urls, String prefix, int capacity, Map<String, Integer> channelCapacity,
        Duration expiry, Duration groupExpiry, Optional<Path> credentials, Optional<Path> tlsCa, InstantSource clock) {

    /** {@value}: NATS server URLs, comma-separated (default {@value #DEFAULT_URL}). */
    public static final String URL_KEY = "notify.nats.url";
    /** {@value} (default {@value #DEFAULT_PREFIX}). */
    public static final String PREFIX_KEY = "notify.nats.prefix";
    /** {@value} (default {@value #DEFAULT_CAPACITY}). */
    public static final String CAPACITY_KEY = "notify.nats.capacity";
    /** {@value}: {@code pattern=capacity,...} such as {@code http.request=200,websocket.*=20}. */
    public static final String CHANNEL_CAPACITY_KEY = "notify.nats.channel-capacity";
    /** {@value} (default {@code 60s}). */
    public static final String EXPIRY_KEY = "notify.nats.expiry";
    /** {@value} (default {@code 1d}). */
    public static final String GROUP_EXPIRY_KEY = "notify.nats.group-expiry";
    /** {@value}: path of a NATS credentials ({@code .creds}) file. */
    public static final String CREDENTIALS_KEY = "notify.nats.credentials";
    /** {@value}: path of a PEM file of trusted certificate authorities; turns TLS on. */
    public static final String TLS_CA_KEY = "notify.nats.tls-ca";
    /** Every key the NATS layer reads. */
    public static final Set<String> KEYS = Set.of(URL_KEY, PREFIX_KEY, CAPACITY_KEY, CHANNEL_CAPACITY_KEY, EXPIRY_KEY,
            GROUP_EXPIRY_KEY, CREDENTIALS_KEY, TLS_CA_KEY);

    /** {@value}: a local NATS server on the default port. */
    public static final String DEFAULT_URL = "nats://127.0.0.1:4222";
    /** {@value}. */
    public static final String DEFAULT_PREFIX = "notify";
    /** {@value} messages, as Channels. */
    public static final int DEFAULT_CAPACITY = CapacityPolicy.DEFAULT_CAPACITY;
    /** 60 seconds, as Channels. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(60);
    /** One day, as Channels. */
    public static final Duration DEFAULT_GROUP_EXPIRY = Duration.ofDays(1);

    /**
     * Checks and copies the options.
     *
     * @param urls the NATS servers
     * @param prefix the subject prefix
     * @param capacity the default channel capacity
     * @param channelCapacity glob pattern to capacity
     * @param expiry the message lifetime
     * @param groupExpiry the membership lifetime
     * @param credentials a credentials file, if any
     * @param tlsCa a PEM file of trusted authorities, if any
     * @param clock the time source
     * @throws IllegalArgumentException naming the bad option and its value
     */
    public NatsLayerOptions {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("urls must name at least one NATS server");
        }
        urls.forEach(NatsLayerOptions::requireUrl);
        requirePrefix(prefix);
        requirePositive("capacity", capacity);
        channelCapacity = Collections.unmodifiableMap(new LinkedHashMap<>(channelCapacity));
        channelCapacity.forEach((pattern, value) -> requirePositive("capacity of '" + pattern + "'", value));
        requirePositive("expiry", expiry);
        requirePositive("groupExpiry", groupExpiry);
        Objects.requireNonNull(credentials, "credentials").ifPresent(path -> requireReadable("credentials", path));
        Objects.requireNonNull(tlsCa, "tlsCa").ifPresent(path -> requireReadable("tlsCa", path));
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the {@code notify.nats.*} keys (see the {@code *_KEY} constants); unset keys keep their
     * defaults.
     *
     * @param config the configuration
     * @return the options
     * @throws dev.notify.config.InvalidConfigurationException listing every bad key with its value and the reason
     */
    public static NatsLayerOptions fromConfig(NotifyConfig config) {
        ConfigReader reader = new ConfigReader(config);
        List<String> urls = reader.parse(URL_KEY, text -> {
            List<String> list = split(text);
            list.forEach(NatsLayerOptions::requireUrl);
            return list;
        }, List.of(DEFAULT_URL), "must be NATS URLs such as nats://127.0.0.1:4222, comma-separated");
        String prefix = reader.parse(PREFIX_KEY, NatsLayerOptions::requirePrefix, DEFAULT_PREFIX,
                "must be subject tokens such as notify or myapp.notify (no spaces, '*' or '>')");
        CapacityPolicy capacity = reader.capacity(CAPACITY_KEY, CHANNEL_CAPACITY_KEY);
        Duration expiry = reader.duration(EXPIRY_KEY, DEFAULT_EXPIRY);
        Duration groupExpiry = reader.duration(GROUP_EXPIRY_KEY, DEFAULT_GROUP_EXPIRY);
        Optional<Path> credentials = readableFile(reader, CREDENTIALS_KEY);
        Optional<Path> tlsCa = readableFile(reader, TLS_CA_KEY);
        reader.requireValid();
        return new NatsLayerOptions(urls, prefix, capacity.defaultCapacity(), capacity.overrides(), expiry, groupExpiry,
                credentials, tlsCa, InstantSource.system());
    }

    private static Optional<Path> readableFile(ConfigReader reader, String key) {
        return Optional.ofNullable(reader.parse(key, text -> requireReadable(key, Path.of(text)), null,
                "must be the path of a readable file"));
    }

    /** @return a builder with every default */
    public static Builder<NatsLayerOptions> builder() {
        return new Builder<>(Function.identity());
    }

    /** @return a builder that starts from these options */
    public Builder<NatsLayerOptions> toBuilder() {
        return new Builder<>(Function.identity()).from(this);
    }

    /** @return the URLs without their passwords or tokens, for messages and logs */
    List<String> redactedUrls() {
        return urls.stream().map(NatsLayerOptions::redact).toList();
    }

    @Override
    public String toString() {
        return "NatsLayerOptions[urls=" + redactedUrls() + ", prefix=" + prefix + ", capacity=" + capacity
                + ", channelCapacity=" + channelCapacity + ", expiry=" + expiry + ", groupExpiry=" + groupExpiry
                + credentials.map(path -> ", credentials=" + path).orElse("") + tlsCa.map(path -> ", tlsCa=" + path).orElse("")
                + (clock.equals(InstantSource.system()) ? "" : ", clock=" + clock) + "]";
    }

    /** @return the text with the user information of every URL in it (passwords, tokens) replaced by {@code ***} */
    static String redact(String text) {
        return text.replaceAll("//[^@/\\s,\\]]*@", "//***@");
    }

    private static void requireUrl(String url) {
        Objects.requireNonNull(url, "url");
        try {
            new NatsUri(url);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("url must be a NATS URL such as nats://127.0.0.1:4222 but was '"
                    + redact(url) + "': " + e.getMessage(), e);
        }
    }

    private static String requirePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!Subjects.isValidPrefix(prefix)) {
            throw new IllegalArgumentException("prefix must be one or more subject tokens separated by '.' (no spaces,"
                    + " '*' or '>') such as notify or myapp.notify, but was '" + prefix + "'");
        }
        return prefix;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    private static Path requireReadable(String name, Path path) {
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new IllegalArgumentException(name + " must be a readable file but " + path.toAbsolutePath() + " is not");
        }
        return path;
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    /**
     * Builds options, or a layer made from them.
     *
     * @param <T> what {@link #build()} returns
     * @since 0.2
     */
    public static final class Builder<T> {
        private final Function<NatsLayerOptions, T> finisher;
        private List<String> urls = List.of(DEFAULT_URL);
        private String prefix = DEFAULT_PREFIX;
        private int capacity = DEFAULT_CAPACITY;
        private final Map<String, Integer> channelCapacity = new LinkedHashMap<>();
        private Duration expiry = DEFAULT_EXPIRY;
        private Duration groupExpiry = DEFAULT_GROUP_EXPIRY;
        private Optional<Path> credentials = Optional.empty();
        private Optional<Path> tlsCa = Optional.empty();
        private InstantSource clock = InstantSource.system();

        Builder(Function<NatsLayerOptions, T> finisher) {
            this.finisher = finisher;
        }

        Builder<T> from(NatsLayerOptions options) {
            urls = options.urls();
            prefix = options.prefix();
            capacity = options.capacity();
            channelCapacity.putAll(options.channelCapacity());
            expiry = options.expiry();
            groupExpiry = options.groupExpiry();
            credentials = options.credentials();
            tlsCa = options.tlsCa();
            clock = options.clock();
            return this;
        }

        /**
         * @param urls the servers of one NATS cluster (default {@value #DEFAULT_URL})
         * @return this builder
         * @throws IllegalArgumentException if there is none or one is not a NATS URL
         */
        public Builder<T> urls(String... urls) {
            List<String> list = List.of(urls);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("urls must name at least one NATS server");
            }
            list.forEach(NatsLayerOptions::requireUrl);
            this.urls = list;
            return this;
        }

        /**
         * @param prefix the subject prefix (default {@value #DEFAULT_PREFIX})
         * @return this builder
         * @throws IllegalArgumentException if it is not one or more subject tokens
         */
        public Builder<T> prefix(String prefix) {
            this.prefix = requirePrefix(prefix);
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
         * @param expiry message lifetime (default 60 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder<T> expiry(Duration expiry) {
            requirePositive("expiry", expiry);
            this.expiry = expiry;
            return this;
        }

        /**
         * @param groupExpiry membership lifetime (default 1 day)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder<T> groupExpiry(Duration groupExpiry) {
            requirePositive("groupExpiry", groupExpiry);
            this.groupExpiry = groupExpiry;
            return this;
        }

        /**
         * @param credentials a NATS credentials file (default none)
         * @return this builder
         * @throws IllegalArgumentException if the file cannot be read
         */
        public Builder<T> credentials(Path credentials) {
            this.credentials = Optional.of(requireReadable("credentials", credentials));
            return this;
        }

        /**
         * @param tlsCa a PEM file of trusted certificate authorities; turns TLS on (default none)
         * @return this builder
         * @throws IllegalArgumentException if the file cannot be read
         */
        public Builder<T> tlsCa(Path tlsCa) {
            this.tlsCa = Optional.of(requireReadable("tlsCa", tlsCa));
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
         * @throws dev.notify.layer.ChannelLayerException for a layer whose NATS servers cannot be reached
         */
        public T build() {
            return finisher.apply(new NatsLayerOptions(urls, prefix, capacity, channelCapacity, expiry, groupExpiry,
                    credentials, tlsCa, clock));
        }
    }
}
