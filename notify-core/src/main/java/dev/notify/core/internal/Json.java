package dev.notify.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson mapper of the runtime: encodes values sent with sendJson, decodes JSON frames. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** Encodes a value, failing with IllegalArgumentException if Jackson cannot. */
    public static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes JSON text into maps, lists, strings, numbers, booleans and null. */
    public static Object decode(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }
}
