package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.config.NotifyConfig;
import dev.notify.core.routing.Router;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.testing.ConnectResult;
import dev.notify.testing.WebSocketCommunicator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The /ws/test/ consumer through the app's own WebSocket routes, with the in-memory layer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotificationConsumerTest {
    private final ChannelLayer layer = InMemoryChannelLayer.create();
    private final Router router = AppRoutes.router(wsOnly(List.of()), null, () -> true);

    static AppConfig wsOnly(List<String> allowedOrigins) {
        return new AppConfig("127.0.0.1", 0, "redis", "redis://127.0.0.1:6379", "nats://127.0.0.1:4222",
                "jdbc:h2:mem:unused", Role.WS, allowedOrigins, Optional.empty(), Optional.empty(), Optional.empty(), NotifyConfig.EMPTY);
    }

    private WebSocketCommunicator client() {
        return WebSocketCommunicator.builder(router, "/ws/test/").layer(layer).build();
    }

    @AfterEach
    void close() {
        layer.close();
    }

    @Test
    void answersEveryTextLikeTheOriginal() {
        try (WebSocketCommunicator ws = client()) {
            assertThat(ws.connect().accepted()).isTrue();

            ws.sendText("{\"message\": \"hello\"}");
            ws.sendText("not even JSON");

            assertThat(ws.receiveText()).isEqualTo("{\"status\": \"Data received!\"}");
            assertThat(ws.receiveText()).isEqualTo("{\"status\": \"Data received!\"}");
        }
    }

    @Test
    void forwardsTheValueOfEachGroupNotificationToEveryClient() {
        try (WebSocketCommunicator first = client(); WebSocketCommunicator second = client()) {
            assertThat(first.connect().accepted()).isTrue();
            assertThat(second.connect().accepted()).isTrue();

            new NotificationGroup(layer).send("{\"count\": 1}");

            assertThat(first.receiveText()).isEqualTo("{\"count\": 1}");
            assertThat(second.receiveText()).isEqualTo("{\"count\": 1}");
            new NotificationGroup(layer).send("marker");
            assertThat(first.receiveText()).as("the first message arrived once").isEqualTo("marker");
        }
    }

    @Test
    void leavesTheGroupOnDisconnect() {
        try (WebSocketCommunicator leaving = client(); WebSocketCommunicator staying = client()) {
            assertThat(leaving.connect().accepted()).isTrue();
            assertThat(staying.connect().accepted()).isTrue();
            leaving.disconnect();

            new NotificationGroup(layer).send("after");

            assertThat(staying.receiveText()).isEqualTo("after");
        }
        // a message left for the gone channel would fill it to capacity over time; the group must be empty
        GroupListener only = new GroupListener(layer);
        new NotificationGroup(layer).send("just one member");
        assertThat(only.nextValue()).isEqualTo("just one member");
    }

    @Test
    void refusesForeignBrowserOriginsWith403() {
        ConnectResult foreign;
        try (WebSocketCommunicator ws = WebSocketCommunicator.builder(router, "/ws/test/")
                .header("Origin", "http://evil.example").layer(layer).build()) {
            foreign = ws.connect();
        }
        try (WebSocketCommunicator ws = WebSocketCommunicator.builder(router, "/ws/test/")
                .header("Origin", "http://127.0.0.1:8000").layer(layer).build()) {
            assertThat(ws.connect().accepted()).isTrue();
        }

        assertThat(foreign.accepted()).isFalse();
        assertThat(foreign.status()).isEqualTo(403);
    }

    @Test
    void allowsTheConfiguredOriginsInstead() {
        Router strict = AppRoutes.router(wsOnly(List.of("https://notify.example")), null, () -> true);
        try (WebSocketCommunicator local = WebSocketCommunicator.builder(strict, "/ws/test/")
                .header("Origin", "http://127.0.0.1:8000").layer(layer).build();
             WebSocketCommunicator configured = WebSocketCommunicator.builder(strict, "/ws/test/")
                     .header("Origin", "https://notify.example").layer(layer).build()) {
            assertThat(local.connect().accepted()).isFalse();
            assertThat(configured.connect().accepted()).isTrue();
        }
    }

    @Test
    void refusesUnknownPathsWithoutAConsumer() {
        try (WebSocketCommunicator ws = WebSocketCommunicator.builder(router, "/ws/other/").layer(layer).build()) {
            ConnectResult result = ws.connect();

            assertThat(result.accepted()).isFalse();
            assertThat(result.status()).isEqualTo(404);
        }
    }
}
