package dev.notify.layer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable layer message: a map with a string {@code type} and portable values, as in
 * Django Channels ({@code {"type": "send.notification", "value": "..."}}).
 *
 * <p>Portable values are what both JSON and msgpack carry: {@code null}, {@link Boolean},
 * {@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link Float}, {@link Double},
 * {@link BigInteger} within 64 bits, {@link String}, {@code byte[]}, {@link List} of portable
 * values and {@link Map} with {@link String} keys and portable values. Anything else is refused
 * when the message is built, with an {@link IllegalArgumentException} that names the key path
 * (for example {@code payload.items[2]}), so a bad message never reaches a layer.
 *
 * <p>Two messages are equal when their fields are: integers compare by value whatever their Java
 * type ({@code 5} equals {@code 5L}), floating-point numbers likewise, {@code byte[]} by content.
 *
 * <p>The key {@value #RESERVED_ROUTING_KEY} is reserved for the Redis wire format and refused.
 * Nested lists and maps are copied and unmodifiable; {@code byte[]} values are copied on the way
 * in and must not be modified by readers.
 *
 * @since 0.1
 */
public final class Message {
    /** The routing key channels_redis adds to stored messages; callers may not use it. */
    public static final String RESERVED_ROUTING_KEY = "__asgi_channel__";

    private final Map<String, Object> body;
    private final String type; // read for every delivery, to find its handler

    private Message(Map<String, Object> body) {
        this.body = body;
        this.type = (String) body.get("type");
    }

    /**
     * A message with only a type.
     *
     * @param type the message type, such as {@code "send.notification"}
     * @return the message
     * @throws IllegalArgumentException if the type is blank
     */
    public static Message of(String type) {
        return builder(type).build();
    }

    /**
     * A message with a type and one field.
     *
     * @param type the message type
     * @param key the field name
     * @param value a portable value
     * @return the message
     * @throws IllegalArgumentException if the type is blank or the value is not portable
     */
    public static Message of(String type, String key, Object value) {
        return builder(type).put(key, value).build();
    }

    /**
     * A message from a map that holds a string {@code type} entry, such as one decoded from JSON
     * or msgpack.
     *
     * @param map the whole message, {@code type} included
     * @return the message
     * @throws IllegalArgumentException if {@code type} is missing or not a string, or a value is not
     *     portable
     */
    public static Message fromMap(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        Object type = map.get("type");
        if (!(type instanceof String)) {
            throw new IllegalArgumentException(
                    "a message needs a string 'type' entry but had " + describe(type) + ": " + map.keySet());
        }
        Builder builder = builder((String) type);
        map.forEach((key, value) -> {
            if (!"type".equals(key)) {
                builder.put(key, value);
            }
        });
        return builder.build();
    }

    /**
     * @param type the message type, such as {@code "chat.message"}
     * @return a builder for a message of that type
     * @throws IllegalArgumentException if the type is blank
     */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** @return the message type */
    public String type() {
        return type;
    }

    /**
     * @param key a field name
     * @return the value, or {@code null} if absent or null
     */
    public Object get(String key) {
        return body.get(key);
    }

    /**
     * @param key a field name
     * @return whether the message has the field
     */
    public boolean has(String key) {
        return body.containsKey(key);
    }

    /**
     * @param key a field name
     * @return the string value, or {@code null} if absent or null
     * @throws IllegalArgumentException if the value is present but not a string
     */
    public String getString(String key) {
        return typed(key, String.class);
    }

    /**
     * @param key a field name
     * @return the numeric value, or {@code null} if absent or null
     * @throws IllegalArgumentException if the value is present but not a number
     */
    public Number getNumber(String key) {
        return typed(key, Number.class);
    }

    /**
     * @return the whole message as an unmodifiable map, {@code type} first
     */
    public Map<String, Object> asMap() {
        return body;
    }

    /**
     * @return a builder that starts with this message's fields
     */
    public Builder toBuilder() {
        Builder builder = new Builder(type());
        builder.fields.putAll(body);
        return builder;
    }

    private <T> T typed(String key, Class<T> type) {
        Object value = body.get(key);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IllegalArgumentException("message field '" + key + "' is " + describe(value)
                + ", not a " + type.getSimpleName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message && deepEquals(body, ((Message) other).body);
    }

    @Override
    public int hashCode() {
        return body.keySet().hashCode() * 31 + type().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Message");
        appendValue(out, body);
        return out.toString();
    }

    private static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] && b instanceof byte[]) {
            return java.util.Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> ma = (Map<?, ?>) a;
            Map<?, ?> mb = (Map<?, ?>) b;
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : ma.entrySet()) {
                if (!mb.containsKey(entry.getKey()) || !deepEquals(entry.getValue(), mb.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> la = (List<?>) a;
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Number && b instanceof Number) {
            return numbersEqual((Number) a, (Number) b);
        }
        return Objects.equals(a, b);
    }

    /** Integers compare by value whatever their width (a decoder picks the smallest that fits). */
    private static boolean numbersEqual(Number a, Number b) {
        boolean aIntegral = !(a instanceof Double || a instanceof Float);
        boolean bIntegral = !(b instanceof Double || b instanceof Float);
        if (aIntegral && bIntegral) {
            return toBigInteger(a).equals(toBigInteger(b));
        }
        if (!aIntegral && !bIntegral) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return false;
    }

    private static BigInteger toBigInteger(Number n) {
        return n instanceof BigInteger ? (BigInteger) n : BigInteger.valueOf(n.longValue());
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof byte[]) {
            out.append("bytes[").append(((byte[]) value).length).append(']');
        } else if (value instanceof String) {
            out.append('"').append(value).append('"');
        } else if (value instanceof Map) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append(sep).append(entry.getKey()).append('=');
                appendValue(out, entry.getValue());
                sep = ", ";
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            String sep = "";
            for (Object item : (List<?>) value) {
                out.append(sep);
                appendValue(out, item);
                sep = ", ";
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Copies a value into its immutable portable form, or fails naming the path. */
    private static Object portable(String path, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Short || value instanceof Byte) {
            return value;
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.compareTo(MIN_INT64) < 0 || big.compareTo(MAX_UINT64) > 0) {
                throw new IllegalArgumentException("message value at '" + path
                        + "' is an integer outside the 64-bit range JSON and msgpack carry: " + big);
            }
            return big;
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(portable(path + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException("message value at '" + path
                            + "' is a map with a non-string key " + describe(entry.getKey())
                            + "; only string keys are portable");
                }
                String key = (String) entry.getKey();
                copy.put(key, portable(path + "." + key, entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("message value at '" + path + "' is " + describe(value)
                + "; portable values are null, booleans, numbers, strings, byte[], lists and maps with string keys");
    }

    /**
     * Builds a {@link Message}; each {@link #put} checks its value at once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String type) {
            Objects.requireNonNull(type, "type");
            if (type.isBlank()) {
                throw new IllegalArgumentException("message type must not be blank");
            }
            fields.put("type", type);
        }

        /**
         * @param key the field name; not {@code type} nor {@value #RESERVED_ROUTING_KEY}
         * @param value a portable value
         * @return this builder
         * @throws IllegalArgumentException if the key is reserved or the value is not portable
         */
        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if ("type".equals(key)) {
                throw new IllegalArgumentException("the message type is set by Message.builder(type), not put(\"type\", ...)");
            }
            if (RESERVED_ROUTING_KEY.equals(key)) {
                throw new IllegalArgumentException("message key '" + RESERVED_ROUTING_KEY
                        + "' is reserved for the layer's routing and may not be set");
            }
            fields.put(key, portable(key, value));
            return this;
        }

        /**
         * @param values fields to add, each checked as by {@link #put}
         * @return this builder
         */
        public Builder putAll(Map<String, ?> values) {
            values.forEach(this::put);
            return this;
        }

        /** @return the immutable message */
        public Message build() {
            return new Message(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
        }
    }
}
