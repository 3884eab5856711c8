package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.CloseStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServer survives bad input, each case on a real socket")
class NotifyServerBadInputTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestApp app;

    private TestApp start(UnaryOperator<NotifyServerOptions.Builder> options) {
        app = new TestApp(options);
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @DisplayName("a frame larger than the maximum closes with 1009")
    void frameTooLarge() throws Exception {
        start(o -> o.maxFramePayload(1024));
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/", Map.of())) {
            raw.sendText("x".repeat(1025));
            RawWebSocket.Frame close = raw.readData(WAIT);
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        assertThat(app.awaitDisconnect().status().code()).isEqualTo(1009);
    }

    @Test
    @DisplayName("fragments are reassembled up to the maximum; beyond it the connection closes with 1009")
    void fragments() throws Exception {
        start(o -> o.maxFramePayload(1024));
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/", Map.of())) {
            raw.send(false, RawWebSocket.TEXT, "hel".getBytes(StandardCharsets.UTF_8));
            raw.send(true, RawWebSocket.PING, new byte[] {7}); // control frames may come between fragments
            raw.send(true, RawWebSocket.CONTINUATION, "lo".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = raw.read(WAIT);
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.payload()).containsExactly(7);
            assertThat(raw.readData(WAIT).text()).isEqualTo("hello");

            raw.send(false, RawWebSocket.TEXT, "x".repeat(600).getBytes(StandardCharsets.UTF_8));
            raw.send(true, RawWebSocket.CONTINUATION, "y".repeat(600).getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame close = raw.readData(WAIT);
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        assertThat(app.awaitDisconnect().status().code()).isEqualTo(1009);
    }

    @Test
    @DisplayName("invalid UTF-8 in a text frame closes with 1007")
    void invalidUtf8() throws Exception {
        start(UnaryOperator.identity());
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/echo/", Map.of())) {
            raw.send(true, RawWebSocket.TEXT, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});
            RawWebSocket.Frame close = raw.readData(WAIT);
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1007);
            assertThat(raw.awaitEndOfStream(WAIT)).isTrue();
        }
        assertThat(app.awaitDisconnect().status().code()).isEqualTo(1007);
    }

    @Test
    @DisplayName("a plain HTTP request to a WebSocket route gets 426; a path with an HTTP route too gets that route")
    void plainHttpToWebSocketRoute() throws Exception {
        start(UnaryOperator.identity());
        HttpResponse<String> response = app.http.send(HttpRequest.newBuilder(app.uri("/ws/echo/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(response.headers().firstValue("Upgrade")).hasValue("websocket");
        HttpResponse<String> shared = app.http.send(HttpRequest.newBuilder(app.uri("/ws/shared/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).isEqualTo("plain HTTP on a shared path");
    }

    @Test
    @DisplayName("a handshake with another version gets 426, one without a key 400, and no consumer is made")
    void badHandshakes() throws Exception {
        start(UnaryOperator.identity());
        assertThat(rawExchange("GET /ws/echo/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n"))
                .startsWith("HTTP/1.1 426").contains("sec-websocket-version: 13");
        assertThat(rawExchange("GET /ws/echo/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(app.consumersMade.get()).isZero();
    }

    @Test
    @DisplayName("a malformed request line, header or path gets 400")
    void malformedRequests() throws Exception {
        start(UnaryOperator.identity());
        assertThat(rawExchange("this is not http\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(rawExchange("GET /hello HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(rawExchange("GET /hello%zz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(rawExchange("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    @DisplayName("a client that connects and sends nothing is closed after the idle timeout")
    void silentClient() throws Exception {
        start(o -> o.idleTimeout(Duration.ofMillis(300)));
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.setSoTimeout(5_000);
            long started = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        }
    }

    @Test
    @DisplayName("a client that vanishes without a close frame: the disconnect hook runs with 1006 and its groups are left")
    void vanishedClient() throws Exception {
        start(UnaryOperator.identity());
        RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/vanish/", Map.of());
        assertThat(raw.handshake.status()).isEqualTo(101);
        assertThat(app.layer.members("vanish")).hasSize(1);
        raw.vanish();
        assertThat(app.awaitDisconnect()).isEqualTo(new TestApp.Disconnect("/ws/group/vanish/", CloseStatus.ABNORMAL));
        Await.until("the consumer left its group", () -> app.layer.members("vanish").isEmpty());
    }

    @Test
    @DisplayName("a client that never answers pings is dropped; one that answers stays")
    void unansweredPings() throws Exception {
        start(o -> o.pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(300)));
        try (WsClient answering = WsClient.connect(app.http, app.ws("/ws/echo/"));
             RawWebSocket silent = RawWebSocket.connect(app.port, "/ws/echo/", Map.of())) {
            RawWebSocket.Frame ping = silent.read(WAIT);
            assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
            assertThat(silent.awaitEndOfStream(WAIT)).isTrue();
            assertThat(app.awaitDisconnect().status()).isEqualTo(CloseStatus.ABNORMAL);
            // the JDK client answered every ping meanwhile
            answering.send("still here");
            assertThat(answering.receive()).isEqualTo("still here");
            assertThat(answering.closeCode).isNotDone();
        }
    }

    @Test
    @DisplayName("a handler that throws gives 500, a consumer that throws closes with 1011, and the server keeps serving")
    void throwingHandlers() throws Exception {
        start(UnaryOperator.identity());
        HttpResponse<String> failed = app.http.send(HttpRequest.newBuilder(app.uri("/fail")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(500);
        try (WsClient client = WsClient.connect(app.http, app.ws("/ws/fail/"))) {
            client.send("boom");
            assertThat(client.awaitClose()).isEqualTo(1011);
        }
        assertThat(app.http.send(HttpRequest.newBuilder(app.uri("/hello")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("hello world");
        try (WsClient client = WsClient.connect(app.http, app.ws("/ws/echo/"))) {
            client.send("alive");
            assertThat(client.receive()).isEqualTo("alive");
        }
    }

    @Test
    @DisplayName("a client that does not read is closed with 1013 while a fast client keeps its pace")
    void slowReader() throws Exception {
        start(o -> o.maxOutboundBuffer(64 * 1024).closeTimeout(Duration.ofMillis(500)));
        try (WsClient fast = WsClient.connect(app.http, app.ws("/ws/echo/"));
             RawWebSocket slow = RawWebSocket.connect(app.port, "/ws/flood/", Map.of(), 4096)) {
            slow.sendText("20000 16000"); // 320 MB if it were all kept: far more than socket buffers hold
            TestApp.Disconnect disconnect = app.awaitDisconnect();
            assertThat(disconnect.path()).isEqualTo("/ws/flood/");
            assertThat(disconnect.status().code()).isEqualTo(1013);
            for (int i = 0; i < 20; i++) {
                fast.send("fast " + i);
                assertThat(fast.receive(Duration.ofSeconds(2))).isEqualTo("fast " + i);
            }
            assertThat(slow.awaitEndOfStream(WAIT)).isTrue();
        }
    }

    /** Sends raw bytes and returns the response head, lower-cased. */
    private String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            RawWebSocket.Handshake response = RawWebSocket.readResponse(in);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + response.status() + "\n");
            response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
            return head.toString().toLowerCase(java.util.Locale.ROOT).replace("http/1.1", "HTTP/1.1");
        }
    }
}
