package dev.notify.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.notify.json.JsonCodec;
import dev.notify.layer.Message;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@DisplayName("JacksonJsonCodec")
class JacksonJsonCodecTest {
    public record Author(String name, Optional<String> email) {
    }

    public record Post(String title, Instant publishedAt, LocalDate day, Duration readingTime, Author author, List<String> tags) {
    }

    public record Upload(String name, byte[] data) {
    }

    public record Price(String item, BigDecimal amount) {
    }

    public record Typed(String type, String text) {
    }

    private static final Instant PUBLISHED = Instant.parse("2024-05-01T12:30:15.250Z");
    private static final Post POST = new Post("hello", PUBLISHED, LocalDate.of(2024, 5, 1), Duration.ofSeconds(90),
            new Author("ada", Optional.empty()), List.of("a", "b"));

    private final JsonCodec json = JacksonJsonCodec.create();

    @Test
    @DisplayName("writes java.time values as ISO-8601 strings and Optionals as their value, and reads them back")
    void javaTimeAndOptional() {
        String text = json.encode(POST);
        assertThat(text).isEqualTo("{\"title\":\"hello\",\"publishedAt\":\"2024-05-01T12:30:15.250Z\",\"day\":\"2024-05-01\","
                + "\"readingTime\":\"PT1M30S\",\"author\":{\"name\":\"ada\",\"email\":null},\"tags\":[\"a\",\"b\"]}");
        assertThat(json.decode(text, Post.class)).isEqualTo(POST);
        assertThat(json.encode(new Author("ada", Optional.of("ada@example.com")))).contains("\"email\":\"ada@example.com\"");
    }

    @Test
    @DisplayName("a record becomes a message of portable values, and the message becomes the record again")
    void messages() {
        Message message = json.toMessage("post.published", POST);
        assertThat(message.type()).isEqualTo("post.published");
        assertThat(message.get("publishedAt")).isEqualTo("2024-05-01T12:30:15.250Z");
        assertThat(message.get("author")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("name", "ada").containsEntry("email", null);
        assertThat(message.get("readingTime")).isEqualTo("PT1M30S");
        assertThat(message.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(json.fromMessage(message, Post.class)).isEqualTo(POST);
    }

    @Test
    @DisplayName("bytes stay bytes in a message, decimals become doubles")
    void bytesAndDecimals() {
        Message upload = json.toMessage("upload", new Upload("a.bin", new byte[] {1, 2, 3}));
        assertThat(upload.get("data")).isEqualTo(new byte[] {1, 2, 3});
        assertThat(json.fromMessage(upload, Upload.class).data()).containsExactly(1, 2, 3);

        Message price = json.toMessage("price", new Price("tea", new BigDecimal("2.50")));
        assertThat(price.get("amount")).isEqualTo(2.5);
        assertThat(json.fromMessage(price, Price.class).amount()).isEqualByComparingTo("2.5");
    }

    @Test
    @DisplayName("decoding without a type gives maps, lists, strings, numbers, booleans and null")
    void untyped() {
        assertThat(json.decode("{\"a\":[1,2.5,\"x\",true,null]}"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, "x", true, null)));
    }

    @Test
    @DisplayName("unknown fields of a message or a document are ignored when reading a record")
    void unknownFieldsIgnored() {
        Message message = Message.builder("author").put("name", "ada").put("from", "django").build();
        assertThat(json.fromMessage(message, Author.class)).isEqualTo(new Author("ada", Optional.empty()));
    }

    @Test
    @DisplayName("bad input gets an IllegalArgumentException that names the type and the reason")
    void badInput() {
        assertThatThrownBy(() -> json.decode("{not json", Post.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read " + Post.class.getName());
        assertThatThrownBy(() -> json.decode("{\"publishedAt\":\"yesterday\"}", Post.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> json.encode(new Object() {
            public Object getSelf() {
                throw new IllegalStateException("no");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot write");
        assertThatThrownBy(() -> json.toMessage("tags", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON is an object");
        assertThatThrownBy(() -> json.toMessage("chat.message", new Typed("chat.message", "hi")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'type' field");
        Message wrong = Message.builder("post").put("publishedAt", List.of(1)).build();
        assertThatThrownBy(() -> json.fromMessage(wrong, Post.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read " + Post.class.getName());
    }

    @Test
    @DisplayName("an application's own mapper is used as it is")
    void ownMapper() {
        ObjectMapper snake = JacksonJsonCodec.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        JsonCodec own = JacksonJsonCodec.create(snake);
        assertThat(own.encode(POST)).contains("\"published_at\":\"2024-05-01T12:30:15.250Z\"", "\"reading_time\":\"PT1M30S\"");
        assertThat(own.toMessage("post", POST).has("published_at")).isTrue();
        assertThat(own.fromMessage(own.toMessage("post", POST), Post.class)).isEqualTo(POST);

        JsonCodec plain = JacksonJsonCodec.create(new ObjectMapper());
        assertThatThrownBy(() -> plain.encode(POST)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jsr310");
    }
}
