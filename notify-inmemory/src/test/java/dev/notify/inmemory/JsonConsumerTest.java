package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.notify.consumer.JsonWebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.testing.WebSocketCommunicator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("A consumer's own types as JSON, on the socket and through the layer")
class JsonConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant SENT = Instant.parse("2024-05-01T12:30:15Z");

    /** What clients post and what the room hears. */
    public record ChatLine(String user, String text, Instant sentAt) {
    }

    /** Reads each client frame as a ChatLine and sends it to the room as a layer message. */
    public static final class RoomConsumer implements JsonWebSocketConsumer {
        @Override
        public Set<String> groups() {
            return Set.of("room");
        }

        @Override
        public void onJson(WebSocketSession session, Object content) {
            ChatLine line = session.json().fromPortable(content, ChatLine.class);
            session.layer().blocking(WAIT).groupSend("room", session.json().toMessage("chat.line", line));
        }

        public void chatLine(WebSocketSession session, Message message) {
            session.sendJson(session.json().fromMessage(message, ChatLine.class));
        }
    }

    private final ChannelLayer layer = InMemoryChannelLayer.create();

    @AfterEach
    void close() {
        layer.close();
    }

    @Test
    @DisplayName("a record with an Instant goes out through sendJson as ISO-8601, and through a layer message to every member")
    void recordWithInstant() {
        try (var alice = WebSocketCommunicator.builder(RoomConsumer::new).layer(layer).build();
             var bob = WebSocketCommunicator.builder(RoomConsumer::new).layer(layer).build()) {
            assertThat(alice.connect().accepted()).isTrue();
            assertThat(bob.connect().accepted()).isTrue();

            alice.sendJson(new ChatLine("alice", "hi", SENT));

            for (WebSocketCommunicator member : new WebSocketCommunicator[] {alice, bob}) {
                String text = member.receiveText(WAIT);
                assertThat(text).isEqualTo("{\"user\":\"alice\",\"text\":\"hi\",\"sentAt\":\"2024-05-01T12:30:15Z\"}");
                assertThat(member.json().decode(text, ChatLine.class)).isEqualTo(new ChatLine("alice", "hi", SENT));
            }
        }
    }

    @Test
    @DisplayName("a message from outside any consumer (another service, Django) reads as the record")
    void messageFromOutside() {
        try (var ws = WebSocketCommunicator.builder(RoomConsumer::new).layer(layer).build()) {
            assertThat(ws.connect().accepted()).isTrue();
            layer.blocking(WAIT).groupSend("room", Message.builder("chat.line")
                    .put("user", "django").put("text", "from python").put("sentAt", "2024-05-01T12:30:15Z")
                    .put("extra", "ignored").build());
            assertThat(ws.receiveJson(ChatLine.class, WAIT)).isEqualTo(new ChatLine("django", "from python", SENT));
        }
    }

    @Test
    @DisplayName("the application's own mapper encodes what consumers send")
    void ownMapper() {
        var snakeCase = JacksonJsonCodec.create(
                JacksonJsonCodec.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        try (var ws = WebSocketCommunicator.builder(RoomConsumer::new).layer(layer).json(snakeCase).build()) {
            assertThat(ws.connect().accepted()).isTrue();
            ws.sendJson(new ChatLine("alice", "hi", SENT));
            assertThat(ws.receiveJson(WAIT)).isEqualTo(Map.of("user", "alice", "text", "hi", "sent_at", "2024-05-01T12:30:15Z"));
        }
    }
}
