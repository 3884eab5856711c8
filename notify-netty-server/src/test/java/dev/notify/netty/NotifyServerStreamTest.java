package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.core.auth.AuthMiddleware;
import dev.notify.core.routing.Router;
import dev.notify.core.routing.SecurityHeaders;
import dev.notify.http.AsyncHttpConsumer;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpStream;
import dev.notify.http.ServerSentEvent;
import dev.notify.layer.Message;
import dev.notify.tck.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streamed responses (Server-Sent Events) over a real socket: chunked framing, disconnects, slow readers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyServerStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CHUNK = 16000;

    private final MembershipLayer layer = new MembershipLayer();
    private final AtomicInteger disconnects = new AtomicInteger();
    private NotifyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        layer.close();
    }

    /** Joins {@code news} and forwards each {@code news.item} as an event. */
    public final class NewsStream implements AsyncHttpConsumer {
        @Override
        public Set<String> groups() {
            return Set.of("news");
        }

        @Override
        public CompletionStage<Void> onRequest(HttpStream stream, HttpRequest request) {
            stream.startEventStream(Duration.ZERO);
            return DONE;
        }

        public CompletionStage<Void> newsItem(HttpStream stream, Message message) {
            stream.sendEvent(ServerSentEvent.builder().id(message.getString("id")).data(message.getString("text")).build());
            return DONE;
        }

        @Override
        public CompletionStage<Void> onDisconnect(HttpStream stream) {
            disconnects.incrementAndGet();
            return DONE;
        }
    }

    private int start(UnaryOperator<NotifyServerOptions.Builder> options) {
        Router router = Router.builder().use(SecurityHeaders.defaults()).stream("/events/", NewsStream::new)
                .include("", Router.builder().use(AuthMiddleware.requireUser()).stream("/private/", NewsStream::new).build())
                .build();
        server = NotifyServer.builder().options(options.apply(TestApp.fastOptions()).build()).router(router).layer(layer).build();
        return server.start();
    }

    private static Socket get(int port, String target, int receiveBuffer) throws IOException {
        return request(port, "GET", target, receiveBuffer);
    }

    private static Socket request(int port, String method, String target, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) WAIT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection ended in the head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new AssertionError("the connection ended mid-line: " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /** @return the next chunk of a chunked body, or {@code null} at the last (empty) chunk */
    private static String readChunk(InputStream in) throws IOException {
        int size = Integer.parseInt(line(in), 16);
        byte[] data = in.readNBytes(size);
        assertThat(line(in)).isEmpty();
        return size == 0 ? null : new String(data, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("an SSE stream is a chunked response whose events arrive as they are sent, after the middleware's head, logged once when it ends")
    void streamsEventsInChunks() throws Exception {
        int port = start(o -> o.accessLog(true));
        try (LogCapture access = LogCapture.of("notify.access")) {
            try (Socket socket = get(port, "/events/", 0)) {
                streamTwoEvents(socket);
            }
            awaitCondition("the consumer left news when the client went away", () -> layer.members("news").isEmpty());
            awaitCondition("the disconnect hook ran", () -> disconnects.get() == 1);
            // one access log line per streamed response, written when it ends, with the bytes of its body
            awaitCondition("the access log line", () -> access.lines().stream()
                    .anyMatch(line -> line.contains("method=GET path=\"/events/\" status=200 bytes=38 ")));
        }
        // a group send now reaches nobody, and the hook does not run again
        layer.blocking(WAIT).groupSend("news", Message.builder("news.item").put("id", "9").put("text", "late").build());
        server.close();
        server = null;
        assertThat(disconnects).hasValue(1);
    }

    private void streamTwoEvents(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
                .containsIgnoringCase("content-type: text/event-stream; charset=utf-8\r\n")
                .containsIgnoringCase("transfer-encoding: chunked\r\n")
                .containsIgnoringCase("x-content-type-options: nosniff\r\n")
                .doesNotContainIgnoringCase("content-length");
        awaitCondition("the consumer joined news", () -> layer.members("news").size() == 1);
        layer.blocking(WAIT).groupSend("news", Message.builder("news.item").put("id", "7").put("text", "a\nb").build());
        assertThat(readChunk(in)).isEqualTo("id: 7\ndata: a\ndata: b\n\n");
        layer.blocking(WAIT).groupSend("news", Message.builder("news.item").put("id", "8").put("text", "c").build());
        assertThat(readChunk(in)).isEqualTo("id: 8\ndata: c\n\n");
    }

    @Test
    @DisplayName("a HEAD gets the head the consumer starts, no body, and the consumer disconnects once")
    void headGetsTheHeadAlone() throws Exception {
        int port = start(UnaryOperator.identity());
        try (Socket socket = request(port, "HEAD", "/events/", 0)) {
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200 OK\r\n")
                    .containsIgnoringCase("content-type: text/event-stream; charset=utf-8\r\n");
            assertThat(in.readAllBytes()).isEmpty();
        }
        awaitCondition("the disconnect hook ran", () -> disconnects.get() == 1);
        awaitCondition("the consumer left news", () -> layer.members("news").isEmpty());
    }

    @Test
    @DisplayName("a route's security middleware refuses a stream whole, before any consumer is made, and the connection closes")
    void middlewareRefusesWhole() throws Exception {
        int port = start(UnaryOperator.identity());
        try (Socket socket = get(port, "/private/", 0)) {
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 403 ").containsIgnoringCase("content-length:")
                    .containsIgnoringCase("connection: close\r\n").doesNotContainIgnoringCase("transfer-encoding");
            in.readAllBytes(); // the body, then the end of the stream
        }
        assertThat(layer.members("news")).isEmpty();
        assertThat(disconnects).hasValue(0);
    }

    @Test
    @DisplayName("a client that stops reading an event stream is disconnected under the outbound budget")
    void stoppedReaderIsClosed() throws Exception {
        int port = start(o -> o.maxOutboundBuffer(64 * 1024).webSocketSendBuffer(64 * 1024));
        try (LogCapture log = LogCapture.all(); Socket slow = get(port, "/events/", 4096)) {
            readHead(slow.getInputStream()); // and then reads nothing
            awaitCondition("the consumer joined news", () -> layer.members("news").size() == 1);
            String text = "x".repeat(CHUNK);
            // 320 MB if it were all kept; a group send skips a member whose channel is full, so the stream's pace rules
            for (int i = 0; i < 20000 && !closedSlowClient(log); i++) {
                layer.blocking(WAIT).groupSend("news", Message.builder("news.item").put("id", Integer.toString(i)).put("text", text).build());
            }
            awaitCondition("the server closed the slow client", WAIT, () -> closedSlowClient(log));
            awaitCondition("the disconnect hook ran", () -> disconnects.get() == 1);
            awaitCondition("the consumer left news", () -> layer.members("news").isEmpty());
        }
    }

    private static boolean closedSlowClient(LogCapture log) {
        return log.lines().stream().anyMatch(line -> line.contains("closing slow http stream client path=/events/"));
    }
}
