package dev.notify.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How many messages a channel may hold: a default capacity plus per-channel-pattern overrides
 * (Channels' {@code capacity} and {@code channel_capacity}). Patterns are globs ({@code *}, {@code ?},
 * {@code [abc]}) matched against the whole channel name; the first match wins.
 *
 * @since 0.1
 */
public final class CapacityPolicy {
    /** Channels' default capacity. */
    public static final int DEFAULT_CAPACITY = 100;

    private final int defaultCapacity;
    private final Map<String, Integer> overrides;
    private final List<Pattern> patterns;
    private final int[] capacities;

    private CapacityPolicy(int defaultCapacity, Map<String, Integer> overrides) {
        this.defaultCapacity = requirePositive("capacity", defaultCapacity);
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        this.patterns = new ArrayList<>();
        this.capacities = new int[overrides.size()];
        int i = 0;
        for (Map.Entry<String, Integer> entry : overrides.entrySet()) {
            patterns.add(Pattern.compile(globToRegex(entry.getKey())));
            capacities[i++] = requirePositive("capacity of '" + entry.getKey() + "'", entry.getValue());
        }
    }

    /**
     * @param capacity the capacity of every channel
     * @return a policy without overrides
     * @throws IllegalArgumentException if the capacity is not positive
     */
    public static CapacityPolicy of(int capacity) {
        return new CapacityPolicy(capacity, Map.of());
    }

    /**
     * @param capacity the default capacity
     * @param overrides glob pattern to capacity, in match order
     * @return the policy
     * @throws IllegalArgumentException if a capacity is not positive
     */
    public static CapacityPolicy of(int capacity, Map<String, Integer> overrides) {
        return new CapacityPolicy(capacity, new LinkedHashMap<>(overrides));
    }

    /**
     * Parses overrides written {@code pattern=capacity,pattern=capacity}, as configuration gives them.
     *
     * @param capacity the default capacity
     * @param overrides the text; empty for none
     * @return the policy
     * @throws IllegalArgumentException naming the bad entry
     */
    public static CapacityPolicy parse(int capacity, String overrides) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String entry : overrides.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("channel capacity entry '" + entry.trim()
                        + "' must be written pattern=capacity, such as websocket.*=20");
            }
            String pattern = entry.substring(0, eq).trim();
            String number = entry.substring(eq + 1).trim();
            try {
                map.put(pattern, Integer.parseInt(number));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("channel capacity of '" + pattern + "' must be a whole number but was '" + number + "'", e);
            }
        }
        return of(capacity, map);
    }

    /**
     * @param channel a channel name
     * @return the capacity of that channel
     */
    public int capacity(String channel) {
        for (int i = 0; i < capacities.length; i++) {
            if (patterns.get(i).matcher(channel).matches()) {
                return capacities[i];
            }
        }
        return defaultCapacity;
    }

    /** @return the capacity of channels no pattern matches */
    public int defaultCapacity() {
        return defaultCapacity;
    }

    /** @return the overrides, pattern to capacity */
    public Map<String, Integer> overrides() {
        return overrides;
    }

    @Override
    public String toString() {
        return "CapacityPolicy{" + defaultCapacity + (overrides.isEmpty() ? "" : ", " + overrides) + "}";
    }

    private static int requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0 but was " + value);
        }
        return value;
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*':
                    regex.append(".*");
                    break;
                case '?':
                    regex.append('.');
                    break;
                case '[':
                case ']':
                    regex.append(c);
                    break;
                default:
                    regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
