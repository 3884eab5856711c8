package dev.notify.spi;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads typed values from a {@link NotifyConfig} for a backend's options, collecting every problem
 * instead of stopping at the first, so that {@link #requireValid()} reports them all at once.
 *
 * <pre>{@code
 * ConfigReader read = new ConfigReader(config);
 * CapacityPolicy capacity = read.capacity("notify.redis.capacity", "notify.redis.channel-capacity");
 * Duration expiry = read.duration("notify.redis.expiry", Duration.ofSeconds(60));
 * read.requireValid();
 * }</pre>
 *
 * @since 0.1
 */
public final class ConfigReader {
    private final NotifyConfig config;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param config the configuration to read
     */
    public ConfigReader(NotifyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param key a key
     * @param defaultValue its default
     * @return the trimmed value, or the default when unset or blank
     */
    public String string(String key, String defaultValue) {
        String value = config.lookup(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /**
     * @param key a key
     * @param defaultValue its default
     * @return the value as an int greater than zero, or the default (also after a problem)
     */
    public int positiveInt(String key, int defaultValue) {
        return parse(key, text -> {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new IllegalArgumentException();
            }
            return value;
        }, defaultValue, "must be a whole number > 0");
    }

    /**
     * @param key a key
     * @param defaultValue its default
     * @return the value as a positive duration (see {@link NotifyConfig#parseDuration}), or the default
     */
    public Duration duration(String key, Duration defaultValue) {
        return parse(key, text -> {
            Duration value = NotifyConfig.parseDuration(key, text);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException();
            }
            return value;
        }, defaultValue, "must be a duration > 0 such as 500ms, 60s, 5m, 1d or a number of seconds");
    }

    /**
     * Reads Channels' {@code capacity} and {@code channel_capacity} options.
     *
     * @param capacityKey the key of the default capacity
     * @param overridesKey the key of the {@code pattern=capacity,...} overrides
     * @return the policy (the default of {@value CapacityPolicy#DEFAULT_CAPACITY} after a problem)
     */
    public CapacityPolicy capacity(String capacityKey, String overridesKey) {
        int capacity = positiveInt(capacityKey, CapacityPolicy.DEFAULT_CAPACITY);
        return parse(overridesKey, text -> CapacityPolicy.parse(capacity, text), CapacityPolicy.of(capacity),
                "must be pattern=capacity,... such as websocket.*=20");
    }

    /**
     * Reads a value with any parser; a parser failure is recorded as a problem.
     *
     * @param key a key
     * @param parser turns the trimmed text into a value, throwing on bad input
     * @param defaultValue the value when unset, or after a problem
     * @param rule what a good value looks like, for the problem line
     * @param <T> the value type
     * @return the value or the default
     */
    public <T> T parse(String key, Function<String, T> parser, T defaultValue, String rule) {
        String text = config.lookup(key);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            String detail = e.getMessage() == null || e instanceof NumberFormatException ? "" : " (" + e.getMessage() + ")";
            problems.add(key + "=" + text + " " + rule + detail);
            return defaultValue;
        }
    }

    /**
     * Records a problem found by the caller, such as two options that conflict.
     *
     * @param problem one line saying the key, the value and what to do
     */
    public void problem(String problem) {
        problems.add(problem);
    }

    /** @return the problems found so far */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * @throws InvalidConfigurationException listing every problem, if there is any
     */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }
}
