package dev.notify.inmemory;

import dev.notify.config.NotifyConfig;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.ConfigReader;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;

/**
 * Options of the {@link InMemoryChannelLayer}, with Channels' defaults.
 *
 * @param capacity messages a channel may hold, with per-pattern overrides; default
 *     {@value CapacityPolicy#DEFAULT_CAPACITY} each
 * @param expiry how long a message may wait; default {@link #DEFAULT_EXPIRY}
 * @param groupExpiry how long a group membership lasts after its last add; default
 *     {@link #DEFAULT_GROUP_EXPIRY}
 * @param clock the time source, replaceable in tests; default the system clock
 * @since 0.1
 */
public record InMemoryLayerOptions(CapacityPolicy capacity, Duration expiry, Duration groupExpiry, InstantSource clock) {
    /** 60 seconds, as in Channels. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(60);
    /** 86400 seconds, as in Channels. */
    public static final Duration DEFAULT_GROUP_EXPIRY = Duration.ofDays(1);

    /** {@value}: messages per channel (default {@value CapacityPolicy#DEFAULT_CAPACITY}). */
    public static final String CAPACITY_KEY = "notify.inmemory.capacity";
    /** {@value}: {@code pattern=capacity,...} overrides such as {@code websocket.*=20} (default none). */
    public static final String CHANNEL_CAPACITY_KEY = "notify.inmemory.channel-capacity";
    /** {@value}: how long a message waits (default {@link #DEFAULT_EXPIRY}). */
    public static final String EXPIRY_KEY = "notify.inmemory.expiry";
    /** {@value}: how long a membership lasts after its last add (default {@link #DEFAULT_GROUP_EXPIRY}). */
    public static final String GROUP_EXPIRY_KEY = "notify.inmemory.group-expiry";

    static final Set<String> KEYS = Set.of(CAPACITY_KEY, CHANNEL_CAPACITY_KEY, EXPIRY_KEY, GROUP_EXPIRY_KEY);

    /**
     * @param capacity messages a channel may hold
     * @param expiry how long a message may wait
     * @param groupExpiry how long a membership lasts after its last add
     * @param clock the time source
     * @throws IllegalArgumentException if a duration is not positive
     */
    public InMemoryLayerOptions {
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(clock, "clock");
        requirePositive("expiry", expiry);
        requirePositive("groupExpiry", groupExpiry);
    }

    /** @return the defaults */
    public static InMemoryLayerOptions defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.capacity = capacity;
        b.expiry = expiry;
        b.groupExpiry = groupExpiry;
        b.clock = clock;
        return b;
    }

    /**
     * Reads the {@code notify.inmemory.*} keys; absent keys keep their defaults.
     *
     * @param config the configuration
     * @return the options
     * @throws dev.notify.config.InvalidConfigurationException listing every bad key
     */
    public static InMemoryLayerOptions fromConfig(NotifyConfig config) {
        ConfigReader read = new ConfigReader(config);
        InMemoryLayerOptions options = builder()
                .capacity(read.capacity(CAPACITY_KEY, CHANNEL_CAPACITY_KEY))
                .expiry(read.duration(EXPIRY_KEY, DEFAULT_EXPIRY))
                .groupExpiry(read.duration(GROUP_EXPIRY_KEY, DEFAULT_GROUP_EXPIRY))
                .build();
        read.requireValid();
        return options;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    /**
     * Builds {@link InMemoryLayerOptions}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private CapacityPolicy capacity = CapacityPolicy.of(CapacityPolicy.DEFAULT_CAPACITY);
        private Duration expiry = DEFAULT_EXPIRY;
        private Duration groupExpiry = DEFAULT_GROUP_EXPIRY;
        private InstantSource clock = InstantSource.system();

        private Builder() {
        }

        /**
         * @param perChannel messages every channel may hold
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder capacity(int perChannel) {
            this.capacity = CapacityPolicy.of(perChannel, capacity.overrides());
            return this;
        }

        /**
         * @param policy the default capacity and per-pattern overrides
         * @return this builder
         */
        public Builder capacity(CapacityPolicy policy) {
            this.capacity = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param value how long a message may wait
         * @return this builder
         */
        public Builder expiry(Duration value) {
            requirePositive("expiry", value);
            this.expiry = value;
            return this;
        }

        /**
         * @param value how long a group membership lasts
         * @return this builder
         */
        public Builder groupExpiry(Duration value) {
            requirePositive("groupExpiry", value);
            this.groupExpiry = value;
            return this;
        }

        /**
         * @param value the time source
         * @return this builder
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return the options */
        public InMemoryLayerOptions build() {
            return new InMemoryLayerOptions(capacity, expiry, groupExpiry, clock);
        }
    }
}
