package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.CloseStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServer survives bad input, each case on a real socket")
class NotifyServerBadInputTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Map<String, String> DEFLATE = Map.of("Sec-WebSocket-Extensions", "permessage-deflate");
    /** Not deflate data: the first block header has the reserved block type 11. */
    private static final byte[] CORRUPT_DEFLATE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x01, 0x02};

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
    @DisplayName("corrupt permessage-deflate data closes with 1007; the disconnect hook runs once and the groups are left")
    void corruptCompressedData() throws Exception {
        start(UnaryOperator.identity());
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/deflate/", DEFLATE)) {
            assertThat(raw.handshake.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
            assertThat(app.layer.members("deflate")).hasSize(1);
            raw.send(true, true, RawWebSocket.TEXT, CORRUPT_DEFLATE);
            assertClosedWith(raw, 1007);
        }
        assertDisconnectedOnce("/ws/group/deflate/", 1007, "deflate");
    }

    @Test
    @DisplayName("corrupt deflate data in a continuation closes with 1007; the disconnect hook runs once and the groups are left")
    void corruptCompressedContinuation() throws Exception {
        start(UnaryOperator.identity());
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/deflate/", DEFLATE)) {
            raw.send(false, true, RawWebSocket.TEXT, RawWebSocket.deflateBlock("the first part "));
            raw.send(true, false, RawWebSocket.CONTINUATION, CORRUPT_DEFLATE);
            assertClosedWith(raw, 1007);
        }
        assertDisconnectedOnce("/ws/group/deflate/", 1007, "deflate");
    }

    @Test
    @DisplayName("a client that drops in the middle of a fragmented message: 1006 for the consumer, nothing logged about it")
    void dropMidFragmentedMessage() throws Exception {
        start(UnaryOperator.identity());
        try (LogCapture log = LogCapture.start()) {
            RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/fragments/", Map.of());
            String client = ":" + raw.socket.getLocalPort();
            raw.send(false, RawWebSocket.TEXT, "the first half, ".getBytes(StandardCharsets.UTF_8));
            raw.vanish();
            assertDisconnectedOnce("/ws/group/fragments/", 1006, "fragments");
            assertThat(log.lines()).as("log lines about the client").noneMatch(line -> line.contains(client));
        }
    }

    @Test
    @DisplayName("a client that drops in the middle of an HTTP request body: nothing logged about it")
    void dropMidRequestBody() throws Exception {
        start(UnaryOperator.identity());
        try (LogCapture log = LogCapture.start()) {
            String client;
            try (Socket socket = new Socket("127.0.0.1", app.port)) {
                client = ":" + socket.getLocalPort();
                socket.getOutputStream().write("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\na=1"
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                awaitCondition("the request is read", () -> app.server.openConnections() == 1);
                socket.setSoLinger(true, 0);
            }
            awaitCondition("the connection is gone", () -> app.server.openConnections() == 0);
            assertThat(log.lines()).as("log lines about the client").noneMatch(line -> line.contains(client));
        }
    }

    @Test
    @DisplayName("a close frame with an invalid code, a 1-byte body or a reason that is not UTF-8 gets a 1002 close frame, then the TCP close")
    void invalidCloseFrames() throws Exception {
        start(UnaryOperator.identity());
        List<byte[]> bodies = new ArrayList<>();
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
            bodies.add(new byte[] {(byte) (code >>> 8), (byte) code});
        }
        bodies.add(new byte[] {0x03, (byte) 0xE8, 'o', 'k', (byte) 0xC3, 0x28}); // 1000 with a reason that is not UTF-8
        bodies.add(new byte[] {0x03}); // one byte
        for (byte[] body : bodies) {
            try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/closing/", Map.of())) {
                raw.send(true, RawWebSocket.CLOSE, body);
                assertClosedWith(raw, 1002);
            }
            TestApp.Disconnect disconnect = app.awaitDisconnect();
            assertThat(disconnect.status().code()).as("close frame body %s", java.util.Arrays.toString(body)).isEqualTo(1002);
        }
        assertDisconnectedOnce("/ws/group/closing/", -1, "closing");
    }

    @Test
    @DisplayName("RSV bits without a negotiated extension close with 1002")
    void rsvWithoutExtension() throws Exception {
        start(UnaryOperator.identity());
        for (int rsv = 1; rsv <= 7; rsv++) {
            try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/rsv/", Map.of())) {
                assertThat(raw.handshake.header("Sec-WebSocket-Extensions")).isNull();
                raw.write(RawWebSocket.frame(0x80 | rsv << 4 | RawWebSocket.TEXT, true, "hi".getBytes(StandardCharsets.UTF_8)));
                assertClosedWith(raw, 1002);
            }
            assertThat(app.awaitDisconnect().status().code()).as("RSV %d", rsv).isEqualTo(1002);
        }
        assertDisconnectedOnce("/ws/group/rsv/", -1, "rsv");
    }

    @Test
    @DisplayName("with permessage-deflate, RSV2, RSV3, and RSV1 on a control frame close with 1002")
    void rsvBesidesDeflate() throws Exception {
        start(UnaryOperator.identity());
        for (int firstByte : new int[] {0x80 | 0x20 | RawWebSocket.TEXT, 0x80 | 0x10 | RawWebSocket.BINARY, 0x80 | 0x40 | RawWebSocket.PING}) {
            try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/rsv/", DEFLATE)) {
                assertThat(raw.handshake.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
                raw.write(RawWebSocket.frame(firstByte, true, new byte[0]));
                assertClosedWith(raw, 1002);
            }
            assertThat(app.awaitDisconnect().status().code()).as("first byte %x", firstByte).isEqualTo(1002);
        }
        assertDisconnectedOnce("/ws/group/rsv/", -1, "rsv");
    }

    @Test
    @DisplayName("RSV1 on a continuation frame closes with 1002 (RFC 7692 6.1); the disconnect hook runs once and the groups are left")
    void rsv1OnContinuation() throws Exception {
        start(UnaryOperator.identity());
        try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/deflate/", DEFLATE)) {
            raw.send(false, true, RawWebSocket.TEXT, RawWebSocket.deflateBlock("the first part "));
            raw.send(true, true, RawWebSocket.CONTINUATION, RawWebSocket.deflateBlock("the second part"));
            assertClosedWith(raw, 1002);
        }
        assertDisconnectedOnce("/ws/group/deflate/", 1002, "deflate");
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
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not before the idle timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    @DisplayName("a request whose head or body trickles in slower than the request timeout gets 408 and the connection closes")
    void slowRequest() throws Exception {
        start(o -> o.idleTimeout(Duration.ofSeconds(2)).requestReadTimeout(Duration.ofMillis(800)));
        String head = "POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n";
        assertThat(trickle(head + "Content-Length: 40\r\n\r\n", "a=1&".repeat(10))).startsWith("HTTP/1.1 408");
        assertThat(trickle("", head + "Content-Length: 3\r\n\r\na=1")).startsWith("HTTP/1.1 408");
        // in time, on the same keep-alive connection twice: answered
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.setSoTimeout(5_000);
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write((head + "Content-Length: 3\r\n\r\na=" + i).getBytes(StandardCharsets.ISO_8859_1));
                RawWebSocket.Handshake response = RawWebSocket.readResponse(socket.getInputStream());
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("form " + i + " []");
            }
        }
    }

    /**
     * Sends the first part at once and the second a byte every 100 ms (each part of a body resets
     * the idle timer), until the server answers.
     *
     * @return the server's answer, as {@link #rawExchange}
     */
    private String trickle(String first, String slowly) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(first.getBytes(StandardCharsets.ISO_8859_1));
            try {
                for (int i = 0; i < slowly.length() && in.available() == 0; i++) {
                    out.write(slowly.charAt(i));
                    Thread.sleep(100); // the client's pace, not a wait for the server
                }
            } catch (SocketException e) {
                // the server closed while we were writing: its answer is read below
            }
            RawWebSocket.Handshake response = RawWebSocket.readResponse(in);
            try {
                assertThat(in.read()).as("end of stream after the response").isEqualTo(-1);
            } catch (SocketException e) {
                // reset: a byte of ours reached the server after it closed; closed all the same
            }
            return "HTTP/1.1 " + response.status();
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
        awaitCondition("the consumer left its group", () -> app.layer.members("vanish").isEmpty());
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
            assertThat(answering.isClosed()).isFalse();
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

    @Test
    @DisplayName("a client that stops reading is closed with 1013 although the kernel's buffers could take everything sent")
    void stoppedReader() throws Exception {
        start(o -> o.maxOutboundBuffer(256 * 1024).closeTimeout(Duration.ofMillis(500)));
        try (RawWebSocket slow = RawWebSocket.connect(app.port, "/ws/flood/", Map.of())) { // the system's socket buffers
            slow.sendText("200 16000"); // 3.2 MB, less than a loopback connection's autotuned buffers take
            TestApp.Disconnect disconnect = app.awaitDisconnect();
            assertThat(disconnect.path()).isEqualTo("/ws/flood/");
            assertThat(disconnect.status().code()).isEqualTo(1013);
        }
    }

    @Test
    @DisplayName("a client that read for a while and then stops is closed with 1013 before the kernel takes megabytes for it")
    void readerThatStops() throws Exception {
        start(o -> o.maxOutboundBuffer(256 * 1024));
        try (LogCapture log = LogCapture.start();
             RawWebSocket slow = RawWebSocket.connect(app.port, "/ws/flood/", Map.of(), 64 * 1024)) {
            for (int round = 0; round < 250; round++) { // 20 MB read at the client's pace: autotuning grows the buffers
                slow.sendText("5 16000");
                for (int i = 0; i < 5; i++) {
                    assertThat(slow.readData(WAIT).payload()).hasSize(16000);
                }
            }
            // now it asks for one message at a time, in step with the server, and reads none
            long before = app.flooded.get();
            int asked = 0;
            while (!closedSlowClient(log) && asked < 2000) {
                slow.sendText("1 16000");
                asked++;
                long expected = before + asked * 16000L;
                awaitCondition("the server sent what was asked, or closed", () -> app.flooded.get() == expected || closedSlowClient(log));
            }
            assertThat(closedSlowClient(log)).as("closed with 1013").isTrue();
            // the server's kernel buffer, the client's (128 KiB), the budget, and a message in flight;
            // with the send buffer autotuned, the server's alone grows to 4 MiB
            assertThat(asked * 16000L).as("bytes sent after the client stopped reading").isLessThan(1_500_000);
            assertThat(app.awaitDisconnect().status().code()).isEqualTo(1013);
        }
    }

    private static boolean closedSlowClient(LogCapture log) {
        return log.lines().stream().anyMatch(line -> line.contains("closing slow websocket client with 1013 path=/ws/flood/"));
    }

    /** The client's next frames end with a close frame with this code, and then the TCP connection ends. */
    private static void assertClosedWith(RawWebSocket raw, int code) throws Exception {
        RawWebSocket.Frame close = raw.readData(WAIT);
        assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).isEqualTo(code);
        assertThat(raw.awaitEndOfStream(WAIT)).isTrue();
    }

    /**
     * The consumer on this path saw this close code (unless it is -1: already checked), left its
     * group, and saw no other disconnect:
     * the server is closed first, which waits for every disconnect hook still running.
     */
    private void assertDisconnectedOnce(String path, int code, String group) throws Exception {
        if (code > 0) {
            TestApp.Disconnect disconnect = app.awaitDisconnect();
            assertThat(disconnect.path()).isEqualTo(path);
            assertThat(disconnect.status().code()).isEqualTo(code);
        }
        awaitCondition("the consumer left its group", () -> app.layer.members(group).isEmpty());
        awaitCondition("no connection left", () -> app.server.openConnections() == 0);
        app.server.close();
        assertThat(app.disconnects).as("disconnect hooks after the first").isEmpty();
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
