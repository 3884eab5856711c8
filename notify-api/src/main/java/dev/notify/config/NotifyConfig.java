package dev.notify.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration as keys and string values, such as {@code notify.layer=redis}. Keys are
 * lower-case, dot-separated and start with {@code notify.}; each key also has an environment
 * variable name: upper case, with dots and dashes turned into underscores
 * ({@code notify.redis.url} is {@code NOTIFY_REDIS_URL}).
 *
 * <p>Durations are written {@code 500ms}, {@code 60s}, {@code 5m}, {@code 2h}, {@code 1d}, in ISO-8601
 * ({@code PT60S}), or as a bare number of seconds ({@code 60}), as in Channels.
 *
 * <pre>{@code
 * // a file, overridden by environment variables, overridden by system properties
 * NotifyConfig config = NotifyConfig.fromFile(Path.of("notify.properties"))
 *         .overriding(NotifyConfig.fromEnvironment())
 *         .overriding(NotifyConfig.fromSystemProperties());
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface NotifyConfig {

    /** A configuration with no keys. */
    NotifyConfig EMPTY = key -> null;

    /**
     * @param key a key such as {@code notify.layer}
     * @return its value, or {@code null} if not set
     */
    String get(String key);

    /**
     * The keys this configuration knows, for validation. Configurations that cannot list their
     * keys return an empty set.
     *
     * @return the keys that are set
     */
    default Set<String> keys() {
        return Set.of();
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is not set
     * @return the value or the default
     */
    default String get(String key, String defaultValue) {
        String value = get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /**
     * @param higher the configuration that wins where both set a key
     * @return a configuration that reads {@code higher} first, then this one
     */
    default NotifyConfig overriding(NotifyConfig higher) {
        NotifyConfig lower = this;
        return new NotifyConfig() {
            @Override
            public String get(String key) {
                String value = higher.get(key);
                return value != null ? value : lower.get(key);
            }

            @Override
            public Set<String> keys() {
                Set<String> all = new LinkedHashSet<>(lower.keys());
                all.addAll(higher.keys());
                return all;
            }
        };
    }

    /**
     * @param values keys and values
     * @return a configuration over a copy of the map
     */
    static NotifyConfig fromMap(Map<String, String> values) {
        Map<String, String> copy = new TreeMap<>(values);
        return new NotifyConfig() {
            @Override
            public String get(String key) {
                return copy.get(key);
            }

            @Override
            public Set<String> keys() {
                return copy.keySet();
            }
        };
    }

    /**
     * @param properties properties whose {@code notify.*} keys are read (copied now)
     * @return the configuration
     */
    static NotifyConfig fromProperties(Properties properties) {
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("notify.")) {
                values.put(name, properties.getProperty(name));
            }
        }
        return fromMap(values);
    }

    /**
     * Reads a properties file. Keys may be written either way: {@code notify.layer=redis} or
     * {@code NOTIFY_LAYER=redis}.
     *
     * @param file the file
     * @return the configuration
     * @throws UncheckedIOException if the file cannot be read
     */
    static NotifyConfig fromFile(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String key = name.startsWith("NOTIFY_") ? keyOfEnvironmentName(name) : name;
            if (key.startsWith("notify.")) {
                values.put(key, properties.getProperty(name).trim());
            }
        }
        return fromMap(values);
    }

    /** @return the {@code notify.*} system properties, read now */
    static NotifyConfig fromSystemProperties() {
        return fromProperties(System.getProperties());
    }

    /** @return the {@code NOTIFY_*} environment variables, read now, under their key names */
    static NotifyConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param environment variables such as {@code NOTIFY_LAYER}
     * @return their values under key names such as {@code notify.layer}
     */
    static NotifyConfig fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("NOTIFY_")) {
                values.put(keyOfEnvironmentName(name), value);
            }
        });
        return fromMap(values);
    }

    /**
     * @param key a key such as {@code notify.redis.group-expiry}
     * @return its environment variable name, {@code NOTIFY_REDIS_GROUP_EXPIRY}
     */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Maps {@code NOTIFY_REDIS_URL} to {@code notify.redis.url}. Underscores become dots; a key
     * whose last segment has a dash ({@code group-expiry}) is also reachable as
     * {@code NOTIFY_REDIS_GROUP_EXPIRY} because lookups compare environment names.
     */
    private static String keyOfEnvironmentName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * Reads a key the way an environment variable would name it as well, so that
     * {@code NOTIFY_REDIS_GROUP_EXPIRY} sets {@code notify.redis.group-expiry}.
     *
     * @param key the key
     * @return its value under the key or under its environment-style spelling, or {@code null}
     */
    default String lookup(String key) {
        String value = get(key);
        if (value == null) {
            value = get(keyOfEnvironmentName(environmentName(key)));
        }
        return value;
    }

    /**
     * Parses a duration in the forms described above.
     *
     * @param key the key, for the error message
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException naming the key and the accepted forms
     */
    static Duration parseDuration(String key, String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            String number = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1).trim();
            long n = Long.parseLong(number);
            switch (unit) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                case 'd':
                    return Duration.ofDays(n);
                default:
                    if (Character.isDigit(unit)) {
                        return Duration.ofSeconds(n);
                    }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(key + "=" + text
                + " is not a duration; write 500ms, 60s, 5m, 2h, 1d, PT60S or a number of seconds");
    }
}
