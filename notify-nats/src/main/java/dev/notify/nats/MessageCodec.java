package dev.notify.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.notify.layer.Message;
import java.io.IOException;
import java.util.Map;

/**
 * Messages as CBOR (RFC 8949): a binary encoding that keeps what JSON would blur, {@code byte[]}
 * apart from strings, integers apart from floats, and integers beyond 64 bits.
 */
final class MessageCodec {
    private static final ObjectMapper CBOR = new CBORMapper();

    private MessageCodec() {
    }

    static byte[] encode(Message message) {
        try {
            return CBOR.writeValueAsBytes(message.asMap());
        } catch (IOException e) {
            // Message admits only portable values, which CBOR can all encode
            throw new IllegalStateException("cannot encode a " + message.type() + " message as CBOR", e);
        }
    }

    /**
     * @param bytes an encoded message
     * @return the message
     * @throws IllegalArgumentException if the bytes are not a CBOR map that makes a valid message
     */
    static Message decode(byte[] bytes) {
        Map<String, Object> map;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = CBOR.readValue(bytes, Map.class);
            map = read;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a CBOR map: " + e.getMessage(), e);
        }
        if (map == null) {
            throw new IllegalArgumentException("not a CBOR map but null");
        }
        return Message.fromMap(map);
    }
}
