package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("One JSON codec for a whole server, and its layer from HTTP handlers and outside code")
class NotifyServerJsonTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant SENT = Instant.parse("2024-05-01T12:30:15Z");

    /** An announcement, as HTTP clients post it and WebSocket clients receive it. */
    public record Announcement(String title, Instant sentAt) {
    }

    /** Joins "everyone"; greets with a record; forwards announcements. */
    public static final class Listener implements WebSocketConsumer {
        @Override
        public Set<String> groups() {
            return Set.of("everyone");
        }

        @Override
        public void onConnect(WebSocketSession session) {
            session.accept();
            session.sendJson(new Announcement("welcome", SENT));
        }

        public void announcement(WebSocketSession session, Message message) {
            session.sendJson(session.json().fromMessage(message, Announcement.class));
        }
    }

    private final ChannelLayer layer = InMemoryChannelLayer.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private NotifyServer server;

    private int start(NotifyServer.Builder builder) {
        Router router = Router.builder()
                .websocket("/ws/", Listener::new)
                .post("/announce", request -> {
                    Announcement announcement = request.json().decode(request.bodyText(), Announcement.class);
                    request.layer().blocking(WAIT).groupSend("everyone", request.json().toMessage("announcement", announcement));
                    return HttpResponse.json(request.json().encode(announcement));
                })
                .build();
        server = builder.options(TestApp.fastOptions().build()).router(router).layer(layer).build();
        return server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        layer.close();
    }

    @Test
    @DisplayName("consumers send records with java.time as ISO-8601; an HTTP handler decodes, sends to the layer and answers JSON")
    void defaultCodec() throws Exception {
        int port = start(NotifyServer.builder());
        try (WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/"))) {
            assertThat(client.receive()).isEqualTo("{\"title\":\"welcome\",\"sentAt\":\"2024-05-01T12:30:15Z\"}");

            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/announce"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"maintenance\",\"sentAt\":\"2024-05-01T13:00:00Z\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"title\":\"maintenance\",\"sentAt\":\"2024-05-01T13:00:00Z\"}");
            assertThat(client.receive()).isEqualTo("{\"title\":\"maintenance\",\"sentAt\":\"2024-05-01T13:00:00Z\"}");

            // a scheduled job, or any code outside the server, through the server's layer and codec
            server.layer().blocking(WAIT).groupSend("everyone",
                    server.json().toMessage("announcement", new Announcement("from a job", SENT)));
            assertThat(client.receive()).isEqualTo("{\"title\":\"from a job\",\"sentAt\":\"2024-05-01T12:30:15Z\"}");
        }
    }

    @Test
    @DisplayName("an application's own ObjectMapper serves consumers and HTTP handlers alike")
    void ownMapper() throws Exception {
        int port = start(NotifyServer.builder().json(JacksonJsonCodec.create(
                JacksonJsonCodec.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))));
        try (WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/"))) {
            assertThat(client.receive()).isEqualTo("{\"title\":\"welcome\",\"sent_at\":\"2024-05-01T12:30:15Z\"}");
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/announce"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"snake\",\"sent_at\":\"2024-05-01T13:00:00Z\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("{\"title\":\"snake\",\"sent_at\":\"2024-05-01T13:00:00Z\"}");
            assertThat(client.receive()).isEqualTo("{\"title\":\"snake\",\"sent_at\":\"2024-05-01T13:00:00Z\"}");
        }
    }
}
