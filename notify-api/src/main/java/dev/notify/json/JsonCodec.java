package dev.notify.json;

import dev.notify.layer.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's JSON: what {@code sendJson} writes, what a JSON consumer's {@code onJson} receives,
 * what HTTP handlers encode, and how a record or bean becomes a layer {@link Message} and back.
 * One codec serves a whole server; consumers reach it with {@code session.json()}, HTTP handlers
 * with {@code request.json()}, other code with {@code server.json()}.
 *
 * <pre>{@code
 * record ChatLine(String user, String text, Instant sentAt) {}
 *
 * ChatLine line = new ChatLine("ada", "hi", Instant.now());
 * session.sendJson(line);                                        // {"user":"ada",...,"sentAt":"2024-..."}
 * Message message = session.json().toMessage("chat.line", line); // fields user, text, sentAt
 * ChatLine back = session.json().fromMessage(message, ChatLine.class);
 * }</pre>
 *
 * <p><em>Portable values</em> are what a {@link Message} carries: {@code null}, booleans, numbers,
 * strings, {@code byte[]}, lists and maps with string keys. {@link #toPortable} turns a value into
 * them the way its JSON reads (a record becomes a map of its components, an {@code Instant} its
 * ISO-8601 string with the default codec), and {@link #fromPortable} reads them back.
 *
 * <p>Implementations MUST be thread-safe; one instance is shared by every connection. Failures are
 * {@link IllegalArgumentException}s that name the type and the reason.
 *
 * @since 0.1
 */
public interface JsonCodec {

    /**
     * @param value any value the codec can write: maps, lists, strings, numbers, booleans,
     *     {@code null}, records and beans
     * @return its JSON text
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    String encode(Object value);

    /**
     * @param json JSON text
     * @param type the type to read, such as a record class, or {@code Object.class} for portable
     *     values
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the text is not JSON or does not fit the type
     */
    <T> T decode(String json, Class<T> type);

    /**
     * @param json JSON text
     * @return the value as portable values: a {@code Map<String, Object>}, {@code List<Object>},
     *     {@code String}, {@code Number}, {@code Boolean} or {@code null}
     * @throws IllegalArgumentException if the text is not JSON
     */
    default Object decode(String json) {
        return decode(json, Object.class);
    }

    /**
     * Turns a value into portable values without writing text: what {@link #encode} would write,
     * as maps, lists, strings, numbers, booleans, {@code null} and {@code byte[]}.
     *
     * @param value a value the codec can write
     * @return its portable form, such as a {@code Map<String, Object>} for a record
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    Object toPortable(Object value);

    /**
     * Reads a value from portable values, as {@link #decode(String, Class)} reads it from text.
     *
     * @param portable portable values, such as a message's fields
     * @param type the type to read
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the values do not fit the type
     */
    <T> T fromPortable(Object portable, Class<T> type);

    /**
     * A layer message whose fields are the fields of the value's JSON object. Every portable value
     * travels on every layer, Redis included.
     *
     * @param type the message type, such as {@code "chat.message"}
     * @param value a value whose JSON is an object, such as a record or a map; it has no
     *     {@code type} field of its own (the message type is the first argument)
     * @return the message
     * @throws IllegalArgumentException if the value's JSON is not an object, has a {@code type}
     *     field, or cannot be written
     */
    default Message toMessage(String type, Object value) {
        Object portable = toPortable(value);
        if (!(portable instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("a message is made from a value whose JSON is an object, but "
                    + (value == null ? "null" : value.getClass().getName()) + " is written as "
                    + (portable == null ? "null" : portable.getClass().getSimpleName()));
        }
        if (fields.containsKey("type")) {
            throw new IllegalArgumentException("the JSON of " + value.getClass().getName()
                    + " has a 'type' field, which a message keeps for its own type (\"" + type
                    + "\", the first argument); rename that field");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> body = (Map<String, ?>) fields;
        return Message.builder(type).putAll(body).build();
    }

    /**
     * Reads a value from a layer message's fields, all but {@code type}.
     *
     * @param message the message
     * @param type the type to read, such as a record class
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the fields do not fit the type
     */
    default <T> T fromMessage(Message message, Class<T> type) {
        Map<String, Object> fields = new LinkedHashMap<>(message.asMap());
        fields.remove("type");
        return fromPortable(fields, type);
    }
}
