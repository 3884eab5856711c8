package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.CloseStatus;
import dev.notify.core.routing.Router;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServer serves WebSocket consumers over real sockets")
class NotifyServerTest {
    private TestApp app;

    @BeforeEach
    void start() {
        app = new TestApp();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    @DisplayName("a sync consumer echoes text and binary messages")
    void echo() throws Exception {
        try (WsClient client = WsClient.connect(app.http, app.ws("/ws/echo/"))) {
            client.send("hello");
            assertThat(client.receive()).isEqualTo("hello");
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.receiveBinary()).containsExactly(1, 2, 3);
            String big = "é".repeat(70_000); // a 140 kB frame with a 64-bit length
            client.send(big);
            assertThat(client.receive()).isEqualTo(big);
        }
    }

    @Test
    @DisplayName("an async consumer answers on the same connection")
    void asyncEcho() throws Exception {
        try (WsClient client = WsClient.connect(app.http, app.ws("/ws/async-echo/"))) {
            client.send("ping");
            assertThat(client.receive()).isEqualTo("async ping");
            client.send("thread?");
            assertThat(client.receive()).as("async hooks run on the connection's event loop").isEqualTo("event loop: true");
        }
    }

    @Test
    @DisplayName("many messages in a burst arrive complete and in order")
    void burstInOrder() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/", Map.of())) {
            assertThat(raw.handshake.status()).isEqualTo(101);
            for (int i = 0; i < 500; i++) {
                raw.sendText("m" + i);
            }
            for (int i = 0; i < 500; i++) {
                assertThat(raw.readData(Duration.ofSeconds(5)).text()).isEqualTo("m" + i);
            }
        }
    }

    @Test
    @DisplayName("the consumer chooses among the subprotocols the client offered")
    void subprotocols() throws Exception {
        try (WsClient client = WsClient.connect(app.http, app.ws("/ws/subprotocol/"), "v1.notify", "v2.notify")) {
            assertThat(client.subprotocol()).isEqualTo("v2.notify");
            client.send("which?");
            assertThat(client.receive()).isEqualTo("v1.notify,v2.notify");
        }
        try (WsClient client = WsClient.connect(app.http, app.ws("/ws/subprotocol/"))) {
            assertThat(client.subprotocol()).isEmpty();
        }
    }

    @Test
    @DisplayName("a group message reaches every member connection")
    void groupBroadcast() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.add(WsClient.connect(app.http, app.ws("/ws/group/lobby/")));
            }
            assertThat(app.layer.members("lobby")).hasSize(50);
            clients.get(0).send("say hi all");
            for (WsClient client : clients) {
                assertThat(client.receive()).isEqualTo("hi all");
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    @DisplayName("the client's close code reaches the disconnect hook, and the consumer leaves its groups")
    void disconnectCleanup() throws Exception {
        WsClient client = WsClient.connect(app.http, app.ws("/ws/group/room1/"));
        assertThat(app.layer.members("room1")).hasSize(1);
        client.sendClose(4000, "bye");
        assertThat(client.awaitClose()).isEqualTo(4000);
        assertThat(app.awaitDisconnect()).isEqualTo(new TestApp.Disconnect("/ws/group/room1/", new CloseStatus(4000, "bye")));
        awaitCondition("the consumer left its group", () -> app.layer.members("room1").isEmpty());
    }

    @Test
    @DisplayName("a close frame without a code reaches the hook as 1005")
    void closeWithoutCode() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/", Map.of())) {
            raw.send(true, RawWebSocket.CLOSE, new byte[0]);
            RawWebSocket.Frame answer = raw.readData(Duration.ofSeconds(5));
            assertThat(answer.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(answer.payload()).isEmpty();
            assertThat(raw.awaitEndOfStream(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(app.awaitDisconnect().status().code()).isEqualTo(1005);
    }

    @Test
    @DisplayName("a consumer that rejects fails the handshake with 403")
    void rejected() {
        assertThatThrownBy(() -> WsClient.connect(app.http, app.ws("/ws/reject/")))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    @DisplayName("an unknown WebSocket path is a 404 at the handshake, and no consumer is made")
    void unknownPath() throws Exception {
        int before = app.consumersMade.get();
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/nowhere/", Map.of())) {
            assertThat(raw.handshake.status()).isEqualTo(404);
            assertThat(raw.awaitEndOfStream(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(app.consumersMade.get()).isEqualTo(before);
    }

    @Test
    @DisplayName("a refused Origin is a 403 at the handshake; an allowed one connects")
    void origin() throws Exception {
        int before = app.consumersMade.get();
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/", Map.of("Origin", "http://evil.example"))) {
            assertThat(raw.handshake.status()).isEqualTo(403);
            assertThat(raw.handshake.body()).contains("evil.example");
        }
        assertThat(app.consumersMade.get()).isEqualTo(before);
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/", Map.of("Origin", "http://allowed.example"))) {
            assertThat(raw.handshake.status()).isEqualTo(101);
        }
    }

    @Test
    @DisplayName("permessage-deflate is negotiated with a client that offers it, both ways")
    void compression() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/",
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertThat(raw.handshake.status()).isEqualTo(101);
            assertThat(raw.handshake.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
            String text = "compress me ".repeat(100);
            raw.sendCompressedText(text);
            RawWebSocket.Frame echo = raw.readData(Duration.ofSeconds(5));
            assertThat(echo.rsv1()).as("compressed").isTrue();
            assertThat(echo.payload().length).isLessThan(text.length() / 4);
            assertThat(RawWebSocket.inflate(echo.payload())).isEqualTo(text);
        }
    }

    @Test
    @DisplayName("with compression off, a client's permessage-deflate offer is declined")
    void compressionOff() throws Exception {
        try (TestApp plain = new TestApp(o -> o.compression(false));
             RawWebSocket raw = RawWebSocket.connect(plain.port, "/ws/echo/", Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
            assertThat(raw.handshake.status()).isEqualTo(101);
            assertThat(raw.handshake.header("Sec-WebSocket-Extensions")).isNull();
            raw.sendText("plain");
            RawWebSocket.Frame echo = raw.readData(Duration.ofSeconds(5));
            assertThat(echo.rsv1()).isFalse();
            assertThat(echo.text()).isEqualTo("plain");
        }
    }

    @Test
    @DisplayName("the NIO transport, chosen explicitly, serves as well")
    void nioTransport() throws Exception {
        try (TestApp nio = new TestApp(o -> o.transport(NotifyServerOptions.Transport.NIO));
             WsClient client = WsClient.connect(nio.http, nio.ws("/ws/echo/"))) {
            client.send("over nio");
            assertThat(client.receive()).isEqualTo("over nio");
        }
    }

    @Test
    @DisplayName("the handshake fails with 503 when the consumer neither accepts nor rejects in time")
    void handshakeTimeout() throws Exception {
        long started = System.nanoTime();
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/slow-connect/", Map.of())) {
            assertThat(raw.handshake.status()).isEqualTo(503);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(app.server.options().handshakeTimeout().minusMillis(50));
        app.releaseSlowConnect.countDown();
        try (WsClient client = WsClient.connect(app.http, app.ws("/ws/echo/"))) {
            client.send("next");
            assertThat(client.receive()).isEqualTo("next");
        }
    }

    @Test
    @DisplayName("a server started twice, or asked for its port before starting, says so")
    void lifecycle() {
        assertThatThrownBy(() -> app.server.start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        try (InMemoryChannelLayer layer = InMemoryChannelLayer.create()) {
            NotifyServer notStarted = NotifyServer.builder().router(Router.builder().build()).layer(layer).port(0).build();
            assertThatThrownBy(notStarted::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
            notStarted.close();
            assertThatThrownBy(notStarted::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        assertThatThrownBy(() -> NotifyServer.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("router").hasMessageContaining("layer");
    }
}
