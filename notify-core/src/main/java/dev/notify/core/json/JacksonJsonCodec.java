package dev.notify.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.notify.json.JsonCodec;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link JsonCodec} on Jackson, and the default of every server, runtime and test
 * communicator.
 *
 * <p>{@link #create()} uses {@link #defaultMapper()}: records and beans, {@code java.time} values as
 * ISO-8601 strings ({@code "2024-05-01T12:00:00Z"}, {@code "PT30S"}), {@code Optional}s as their
 * value or {@code null}, unknown properties ignored when reading (a message from another service
 * may carry more fields than your record), and empty beans written as {@code {}}. An application
 * with its own mapper passes it:
 *
 * <pre>{@code
 * ObjectMapper mapper = JacksonJsonCodec.defaultMapper()
 *         .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
 * NotifyServer server = NotifyServer.builder().json(JacksonJsonCodec.create(mapper))...
 * }</pre>
 *
 * <p>In an application module (one with a {@code module-info.java}), Jackson reads your records
 * and beans reflectively, so their package is exported to it:
 * {@code exports com.example.chat to com.fasterxml.jackson.databind;} for public types (the default
 * mapper does not force access to public members), {@code opens ... to com.fasterxml.jackson.databind;}
 * for others.
 *
 * <p>Thread-safe, as long as the mapper is not reconfigured after it is passed here.
 *
 * @since 0.1
 */
public final class JacksonJsonCodec implements JsonCodec {
    private final ObjectMapper mapper;

    private JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return a codec on a new {@link #defaultMapper()} */
    public static JacksonJsonCodec create() {
        return new JacksonJsonCodec(defaultMapper());
    }

    /**
     * @param mapper the application's mapper, used as it is (no modules are added to it); it must
     *     not be reconfigured afterwards
     * @return a codec on that mapper
     */
    public static JacksonJsonCodec create(ObjectMapper mapper) {
        return new JacksonJsonCodec(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * The mapper behind {@link #create()}, new on every call, for an application that wants the
     * defaults plus its own settings.
     *
     * @return a new mapper with the {@code java.time} and {@code Optional} modules, dates and
     *     durations as ISO-8601 strings, unknown properties ignored, empty beans allowed, and public
     *     members used without forcing access
     */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                // public types in a package exported to Jackson need no opens (see the class description)
                .disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS)
                .build()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        }
    }

    @Override
    public <T> T decode(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + " from JSON: " + e.getOriginalMessage()
                    + moduleHint(type), e);
        }
    }

    @Override
    public Object toPortable(Object value) {
        JsonNode tree;
        try {
            tree = mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw cannotWrite(value, e);
        }
        return portable(tree);
    }

    @Override
    public <T> T fromPortable(Object portable, Class<T> type) {
        try {
            return mapper.convertValue(portable, type);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException ? e.getCause() : e;
            String reason = cause instanceof JsonProcessingException ? ((JsonProcessingException) cause).getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot read " + type.getName() + " from " + describe(portable) + ": " + reason
                    + moduleHint(type), e);
        }
    }

    /**
     * A tree as the values a message carries. Decimals become doubles, as a JSON parser reads them;
     * binary stays {@code byte[]}.
     */
    private static Object portable(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), portable(field.getValue()));
                }
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode item : node) {
                    list.add(portable(item));
                }
                return list;
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                return node.isBigDecimal() ? (Object) node.doubleValue() : node.numberValue();
            case BINARY:
                try {
                    return node.binaryValue();
                } catch (IOException e) {
                    throw new IllegalStateException("a binary node without bytes", e);
                }
            case POJO:
                // a value the mapper embedded as an object instead of writing it as JSON
                throw new IllegalArgumentException("cannot turn " + describe(((POJONode) node).getPojo())
                        + " into portable values: the mapper embeds it as an object instead of writing it as JSON");
            default:
                return null; // NULL and MISSING
        }
    }

    private static IllegalArgumentException cannotWrite(Object value, Exception e) {
        String reason = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        return new IllegalArgumentException("cannot write " + describe(value) + " as JSON: " + reason
                + (value == null ? "" : moduleHint(value.getClass())), e);
    }

    /** The module-info line a type in an application module lacks, if that is why Jackson failed. */
    private static String moduleHint(Class<?> type) {
        Module module = type.getModule();
        Module jackson = ObjectMapper.class.getModule();
        String pkg = type.getPackageName();
        if (!module.isNamed() || module.isExported(pkg, jackson) && (Modifier.isPublic(type.getModifiers()) || module.isOpen(pkg, jackson))) {
            return "";
        }
        String line = Modifier.isPublic(type.getModifiers()) ? "exports " : "opens ";
        return ". Jackson reads " + type.getName() + " reflectively: add this line to module " + module.getName()
                + "'s module-info.java:  " + line + pkg + (jackson.isNamed() ? " to " + jackson.getName() : "") + ";";
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    @Override
    public String toString() {
        return "JacksonJsonCodec";
    }
}
