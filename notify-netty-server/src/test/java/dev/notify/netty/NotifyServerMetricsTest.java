package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's, runtime's and layer's meters in a Micrometer registry, moving as clients come and go. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotifyServerMetricsTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryChannelLayer layer = InMemoryChannelLayer.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private NotifyServer server;
    private int port;

    /** Echoes text frames; joins the group "room". */
    public static final class Echo implements WebSocketConsumer {
        @Override
        public Set<String> groups() {
            return Set.of("room");
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            session.sendText(text);
        }
    }

    @BeforeEach
    void start() {
        Router router = Router.builder()
                .websocket("/ws/echo/", Echo::new)
                .get("/hello", request -> HttpResponse.text("hello"))
                .build();
        server = NotifyServer.builder().options(TestApp.fastOptions().build()).router(router).layer(layer)
                .meterRegistry(registry).build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        layer.close();
    }

    private RequiredSearch meter(String name, String... tags) {
        return registry.get(name).tags(tags);
    }

    private double count(String name, String... tags) {
        return meter(name, tags).functionCounter().count();
    }

    private double open(String protocol) {
        return meter("notify.connections.open", "protocol", protocol).gauge().value();
    }

    @Test
    void metersMoveWhenClientsConnectSendAndLeave() throws Exception {
        assertThat(open("websocket")).isZero();
        WsClient first = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/echo/"));
        WsClient second = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/echo/"));
        awaitCondition("two WebSockets are open", () -> open("websocket") == 2);
        assertThat(count("notify.websocket.handshakes", "outcome", "accepted")).isEqualTo(2);

        first.send("hello");
        assertThat(first.receive()).isEqualTo("hello");
        awaitCondition("the frames are counted", () -> count("notify.websocket.frames", "direction", "out") == 1);
        assertThat(count("notify.websocket.frames", "direction", "in")).isEqualTo(1);
        assertThat(count("notify.websocket.bytes", "direction", "in")).isEqualTo(5);
        assertThat(count("notify.websocket.bytes", "direction", "out")).isGreaterThanOrEqualTo(5);
        // a hook is timed when it returns, which may be just after the client has its echo
        awaitCondition("the connect and text hooks are timed",
                () -> meter("notify.handler.time", "type", "websocket").functionTimer().count() >= 3);
        assertThat(count("notify.layer.operations", "operation", "group_add", "outcome", "success")).isEqualTo(2);

        first.sendClose(1000, "bye");
        awaitCondition("one WebSocket is left", () -> open("websocket") == 1);
        second.close();
        awaitCondition("no WebSocket is left", () -> open("websocket") == 0);
        awaitCondition("the consumers left their group",
                () -> count("notify.layer.operations", "operation", "group_discard", "outcome", "success") == 2);

        assertThatThrownBy(() -> WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/nobody/")))
                .as("404").isInstanceOf(CompletionException.class);
        awaitCondition("the refused handshake is counted", () -> count("notify.websocket.handshakes", "outcome", "rejected") == 1);

        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        awaitCondition("the handler is timed", () -> meter("notify.handler.time", "type", "http").functionTimer().count() == 1);
        assertThat(meter("notify.layer.up").gauge().value()).isEqualTo(1);
    }

    @Test
    void closingTheServerRemovesItsMeters() {
        assertThat(registry.find("notify.connections.open").gauges()).hasSize(2);
        server.close();
        assertThat(registry.find("notify.connections.open").gauges()).isEmpty();
        assertThat(registry.find("notify.layer.operations").functionCounters()).isEmpty();
    }
}
