package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Message;
import dev.notify.redis.RedisChannelLayer;
import dev.notify.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The disconnect invariant, over a few hundred random endings of a connection: valid and invalid
 * frame sequences, fragments, bad UTF-8, RSV bits, oversized and compressed frames, bad close
 * frames, pings, resets and half-written frames, idle and ping timeouts, and the server's shutdown.
 * However a connection ends, its consumer's disconnect hook runs exactly once (if the handshake
 * completed; at most once if the client left during it), every group it joined is left, and the
 * server's connection count returns to zero.
 *
 * <p>Each connection's script comes from its own seed, derived from one seed per run that every
 * failure names: {@code -Dnotify.fuzz.seed=N} replays a run.
 */
@Timeout(120)
@DisplayName("However a connection ends, its consumer disconnects exactly once and leaves its groups")
class NotifyServerDisconnectFuzzTest {
    private static final int CONNECTIONS = 300;
    private static final int CLIENT_THREADS = 16;
    private static final int MAX_MESSAGE = 2048;
    private static final String SHARED_GROUP = "fuzz";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Map<String, String> DEFLATE = Map.of("Sec-WebSocket-Extensions", "permessage-deflate");
    private static final byte[] CORRUPT_DEFLATE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x01, 0x02};

    /** How a script ends its connection. */
    private enum Ending {
        CLOSE, CLOSE_EMPTY, CLOSE_INVALID_CODE, CLOSE_ONE_BYTE, CLOSE_BAD_UTF8_REASON, BAD_UTF8, RSV_BITS,
        OVERSIZED, OVERSIZED_FRAGMENTS, CORRUPT_DEFLATE, CORRUPT_DEFLATE_CONTINUATION, UNMASKED, RESERVED_OPCODE,
        CONTINUATION_WITHOUT_START, NEW_MESSAGE_INSIDE_FRAGMENTED, CONTROL_FRAGMENTED, CONTROL_TOO_LONG,
        CONSUMER_CLOSES, RESET, FIN, HALF_CLOSE, SILENT, SERVER_SHUTDOWN,
        HANDSHAKE_RESET, HANDSHAKE_PARTIAL, HTTP_IDLE, HTTP_REQUEST, HTTP_PARTIAL
    }

    private MembershipLayer layer;
    private final Map<String, AtomicInteger> disconnects = new ConcurrentHashMap<>();
    private final Map<String, String> stories = new ConcurrentHashMap<>();
    private final Set<String> handshakesCompleted = ConcurrentHashMap.newKeySet();
    private final Set<String> handshakesAttempted = ConcurrentHashMap.newKeySet();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final Queue<Kept> kept = new ConcurrentLinkedQueue<>();
    private final Map<Ending, AtomicInteger> endings = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** A connection left open until the server shuts down; kept alive by pings meanwhile. */
    private record Kept(String id, RawWebSocket socket) {
    }

    @Test
    @DisplayName("in-memory layer: a few hundred random endings, one disconnect each, every group left, no connection left open")
    void inMemory() throws Exception {
        fuzz(new MembershipLayer(), CONNECTIONS, () -> { });
    }

    @Test
    @DisplayName("Redis layer: random endings, one disconnect each, and no group is left in Redis")
    void redis() throws Exception {
        String prefix = "asgi-fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        try (RedisServer redis = RedisServer.spawn()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> commands = client.connect()) {
                fuzz(new MembershipLayer(RedisChannelLayer.builder().uris(redis.uri()).prefix(prefix).build()), CONNECTIONS / 3,
                        () -> assertThat(commands.sync().keys(prefix + ":group:*")).as("groups left in Redis").isEmpty());
            } finally {
                client.shutdown();
            }
        }
    }

    /**
     * @param connections how many connections to end
     * @param afterShutdown a last check once the server has shut down
     */
    private void fuzz(MembershipLayer memberships, int connections, Runnable afterShutdown) throws Exception {
        layer = memberships;
        long seed = Long.getLong("notify.fuzz.seed", System.nanoTime());
        try {
            fuzz(seed, connections);
            afterShutdown.run();
        } catch (AssertionError | Exception e) {
            throw new AssertionError("fuzz seed " + seed + " (replay with -Dnotify.fuzz.seed=" + seed + "): " + e.getMessage(), e);
        } finally {
            layer.close();
        }
    }

    private void fuzz(long seed, int connections) throws Exception {
        NotifyServer server = NotifyServer.builder().router(router()).layer(layer).options(TestApp.fastOptions()
                .maxFramePayload(MAX_MESSAGE)
                .pingInterval(Duration.ofMillis(200))
                .pingTimeout(Duration.ofMillis(300))
                .idleTimeout(Duration.ofMillis(300))
                .closeTimeout(Duration.ofMillis(300))
                .build()).build();
        int port = server.start();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        AtomicBoolean keeping = new AtomicBoolean(true);
        Thread keeper = new Thread(() -> keepAlive(keeping), "fuzz-keeper");
        try {
            keeper.start();
            Random seeds = new Random(seed);
            List<Future<?>> scripts = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                String id = "c" + i;
                long scriptSeed = seeds.nextLong();
                scripts.add(clients.submit(() -> script(port, id, new Random(scriptSeed))));
            }
            for (Future<?> script : scripts) {
                script.get(60, TimeUnit.SECONDS);
            }
            assertThat(problems).as("client-side problems").isEmpty();

            awaitEach("the consumer disconnected", handshakesCompleted, id -> isKept(id) || count(id) >= 1);
            awaitEach("the consumer left its group", handshakesAttempted, id -> isKept(id) || layer.members(id).isEmpty());
            awaitCondition("only the kept connections are open", Duration.ofSeconds(20),
                    () -> server.openConnections() == kept.size());
            assertThat(layer.members(SHARED_GROUP)).as("members of the shared group").hasSize(kept.size());

            keeping.set(false);
            keeper.join();
            server.close(); // closes the kept connections with 1001 and waits for their disconnect hooks
            for (Kept k : kept) {
                assertThat(k.socket().awaitEndOfStream(WAIT)).as(k.id() + " closed by the shutdown").isTrue();
                k.socket().close();
            }
            assertThat(server.openConnections()).isZero();
            for (String id : handshakesAttempted) {
                assertThat(layer.members(id)).as("members of %s: %s", id, stories.get(id)).isEmpty();
                if (handshakesCompleted.contains(id)) {
                    assertThat(count(id)).as("disconnect hooks of %s", stories.get(id)).isEqualTo(1);
                } else {
                    assertThat(count(id)).as("disconnect hooks of %s", stories.get(id)).isLessThanOrEqualTo(1);
                }
            }
            assertThat(layer.members(SHARED_GROUP)).isEmpty();
            System.out.println("fuzz seed " + seed + ", endings played: " + endings);
        } finally {
            keeping.set(false);
            clients.shutdownNow();
            for (Kept k : kept) {
                k.socket().close();
            }
            server.close();
        }
    }

    /** Waits until a condition holds for every connection; names the connections it does not hold for. */
    private void awaitEach(String what, Set<String> ids, Predicate<String> holds) throws InterruptedException {
        try {
            awaitCondition(what, Duration.ofSeconds(20), () -> ids.stream().allMatch(holds));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ", not for: "
                    + ids.stream().filter(holds.negate()).map(stories::get).limit(10).toList(), e);
        }
    }

    private int count(String id) {
        AtomicInteger n = disconnects.get(id);
        return n == null ? 0 : n.get();
    }

    private boolean isKept(String id) {
        return kept.stream().anyMatch(k -> k.id().equals(id));
    }


    /** Pings every kept connection (any frame answers the server's pings) until the shutdown. */
    private void keepAlive(AtomicBoolean keeping) {
        while (keeping.get()) {
            for (Kept k : kept) {
                try {
                    k.socket().send(true, RawWebSocket.PING, new byte[0]);
                } catch (IOException e) {
                    problems.add(k.id() + " " + stories.get(k.id()) + ": the kept connection failed before the shutdown: " + e);
                }
            }
            try {
                Thread.sleep(50); // a heartbeat well inside the server's 200 ms ping interval
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---- the scripts

    private void script(int port, String id, Random random) {
        Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
        endings.computeIfAbsent(ending, e -> new AtomicInteger()).incrementAndGet();
        boolean deflate = random.nextBoolean();
        boolean async = random.nextBoolean();
        String path = (async ? "/ws/async/" : "/ws/sync/") + id + "/";
        StringBuilder story = new StringBuilder(id).append(async ? " async" : " sync").append(deflate ? " deflate:" : ":");
        stories.put(id, story.toString());
        try {
            switch (ending) {
                case HANDSHAKE_RESET, HANDSHAKE_PARTIAL, HTTP_IDLE, HTTP_REQUEST, HTTP_PARTIAL -> {
                    story.append(' ').append(ending);
                    stories.put(id, story.toString());
                    plainSocket(port, id, path, ending, random);
                }
                default -> {
                    handshakesAttempted.add(id);
                    RawWebSocket ws = RawWebSocket.connect(port, path, deflate ? DEFLATE : Map.of());
                    if (ws.handshake.status() != 101) {
                        problems.add(story + " handshake answered " + ws.handshake.status());
                        ws.close();
                        return;
                    }
                    handshakesCompleted.add(id);
                    boolean negotiated = ws.handshake.header("Sec-WebSocket-Extensions") != null;
                    for (int i = random.nextInt(5); i > 0; i--) {
                        story.append(' ').append(step(ws, random, negotiated));
                    }
                    story.append(' ').append(ending);
                    stories.put(id, story.toString());
                    end(ws, id, ending, random, negotiated, story);
                    stories.put(id, story.toString());
                }
            }
        } catch (IOException e) {
            // the server may close first (a ping timeout during a slow script); the invariant still holds
            stories.put(id, story + " (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            problems.add(story + ": " + e);
        }
    }

    /** One frame or message a well-behaved client might send; returns its name for the story. */
    private static String step(RawWebSocket ws, Random random, boolean deflate) throws IOException {
        switch (random.nextInt(7)) {
            case 0 -> {
                ws.sendText("hello " + random.nextInt(1000));
                return "text";
            }
            case 1 -> {
                ws.send(false, RawWebSocket.TEXT, "fragmented ".getBytes(StandardCharsets.UTF_8));
                ws.send(true, RawWebSocket.PING, new byte[] {1, 2});
                ws.send(true, RawWebSocket.CONTINUATION, "message é".getBytes(StandardCharsets.UTF_8));
                return "fragments";
            }
            case 2 -> {
                ws.send(true, RawWebSocket.BINARY, randomBytes(random, random.nextInt(300)));
                return "binary";
            }
            case 3 -> {
                ws.send(true, RawWebSocket.PING, randomBytes(random, random.nextInt(126)));
                return "ping";
            }
            case 4 -> {
                ws.send(true, RawWebSocket.PONG, new byte[0]);
                return "pong";
            }
            case 5 -> {
                if (deflate) {
                    ws.sendCompressedText("compressed ".repeat(1 + random.nextInt(20)));
                    return "compressed";
                }
                ws.sendText("plain");
                return "text";
            }
            default -> {
                ws.sendText("shout " + random.nextInt(1000)); // every member of the shared group gets a message
                return "shout";
            }
        }
    }

    private void end(RawWebSocket ws, String id, Ending ending, Random random, boolean deflate, StringBuilder story) throws IOException {
        switch (ending) {
            case CLOSE -> ws.write(RawWebSocket.frame(0x88, true, closePayload(pick(random, 1000, 1001, 1003, 1008, 1011, 3000, 4999), "done")));
            case CLOSE_EMPTY -> ws.write(RawWebSocket.frame(0x88, true, new byte[0]));
            case CLOSE_INVALID_CODE -> {
                int code = pick(random, 0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535);
                story.append('(').append(code).append(')');
                ws.write(RawWebSocket.frame(0x88, true, closePayload(code, "")));
            }
            case CLOSE_ONE_BYTE -> ws.write(RawWebSocket.frame(0x88, true, new byte[] {3}));
            case CLOSE_BAD_UTF8_REASON -> ws.write(RawWebSocket.frame(0x88, true, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF, (byte) 0xC3}));
            case BAD_UTF8 -> {
                if (random.nextBoolean()) {
                    ws.send(true, RawWebSocket.TEXT, new byte[] {'o', 'k', (byte) 0xC3, 0x28});
                } else {
                    ws.send(false, RawWebSocket.TEXT, new byte[] {'o', 'k', (byte) 0xE2});
                    ws.send(true, RawWebSocket.CONTINUATION, new byte[] {0x28, 'x'});
                }
            }
            case RSV_BITS -> {
                int rsv = 1 + random.nextInt(7);
                int opcode = pick(random, RawWebSocket.TEXT, RawWebSocket.BINARY, RawWebSocket.PING);
                story.append("(rsv=").append(rsv).append(",op=").append(opcode).append(')');
                ws.write(RawWebSocket.frame(0x80 | rsv << 4 | opcode, true, "rsv".getBytes(StandardCharsets.UTF_8)));
            }
            case OVERSIZED -> ws.send(true, RawWebSocket.BINARY, randomBytes(random, MAX_MESSAGE + 1 + random.nextInt(MAX_MESSAGE)));
            case OVERSIZED_FRAGMENTS -> {
                ws.send(false, RawWebSocket.TEXT, "a".repeat(MAX_MESSAGE / 2 + 1).getBytes(StandardCharsets.UTF_8));
                ws.send(false, RawWebSocket.CONTINUATION, "b".repeat(MAX_MESSAGE / 2 + 1).getBytes(StandardCharsets.UTF_8));
                ws.send(true, RawWebSocket.CONTINUATION, "c".getBytes(StandardCharsets.UTF_8));
            }
            case CORRUPT_DEFLATE -> ws.send(true, true, RawWebSocket.TEXT, CORRUPT_DEFLATE);
            case CORRUPT_DEFLATE_CONTINUATION -> {
                ws.send(false, deflate, RawWebSocket.TEXT, deflate ? RawWebSocket.deflateBlock("first ") : "first ".getBytes(StandardCharsets.UTF_8));
                ws.send(true, random.nextBoolean(), RawWebSocket.CONTINUATION, CORRUPT_DEFLATE);
            }
            case UNMASKED -> ws.write(RawWebSocket.frame(0x81, false, "unmasked".getBytes(StandardCharsets.UTF_8)));
            case RESERVED_OPCODE -> ws.write(RawWebSocket.frame(0x80 | pick(random, 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF), true, new byte[] {1}));
            case CONTINUATION_WITHOUT_START -> ws.send(true, RawWebSocket.CONTINUATION, "orphan".getBytes(StandardCharsets.UTF_8));
            case NEW_MESSAGE_INSIDE_FRAGMENTED -> {
                ws.send(false, RawWebSocket.TEXT, "one".getBytes(StandardCharsets.UTF_8));
                ws.send(true, RawWebSocket.TEXT, "two".getBytes(StandardCharsets.UTF_8));
            }
            case CONTROL_FRAGMENTED -> ws.send(false, RawWebSocket.PING, new byte[] {1});
            case CONTROL_TOO_LONG -> ws.send(true, RawWebSocket.PING, new byte[126]);
            case CONSUMER_CLOSES -> ws.sendText("bye");
            case RESET -> {
                maybeHalfFrame(ws, random, story);
                ws.vanish();
                return;
            }
            case FIN -> {
                maybeHalfFrame(ws, random, story);
                ws.close();
                return;
            }
            case HALF_CLOSE -> {
                maybeHalfFrame(ws, random, story);
                ws.socket.shutdownOutput();
            }
            case SILENT -> maybeHalfFrame(ws, random, story); // dropped by the ping timeout
            case SERVER_SHUTDOWN -> {
                if (random.nextBoolean()) {
                    ws.send(false, RawWebSocket.TEXT, "unfinished ".getBytes(StandardCharsets.UTF_8));
                    story.append("(mid-message)");
                }
                kept.add(new Kept(id, ws));
                return;
            }
            default -> throw new IllegalStateException("not a WebSocket ending: " + ending);
        }
        if (!ws.awaitEndOfStream(WAIT)) {
            problems.add(story + ": the server did not close the connection within " + WAIT);
        }
        ws.close();
    }

    /** Writes the first part of a frame, or nothing. */
    private static void maybeHalfFrame(RawWebSocket ws, Random random, StringBuilder story) throws IOException {
        if (random.nextBoolean()) {
            byte[] frame = RawWebSocket.frame(0x81, true, "x".repeat(100).getBytes(StandardCharsets.UTF_8));
            ws.write(java.util.Arrays.copyOf(frame, 1 + random.nextInt(frame.length - 1)));
            story.append("(mid-frame)");
        }
    }

    /** Endings before a WebSocket exists, or without one. */
    private void plainSocket(int port, String id, String path, Ending ending, Random random) throws IOException {
        String upgrade = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            switch (ending) {
                case HANDSHAKE_RESET -> {
                    handshakesAttempted.add(id);
                    out.write(upgrade.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (random.nextBoolean() && socket.getInputStream().read() == 'H') {
                        handshakesCompleted.add(id); // the 101 is written once the consumer accepted
                    }
                    socket.setSoLinger(true, 0);
                }
                case HANDSHAKE_PARTIAL -> {
                    out.write(upgrade.substring(0, random.nextInt(upgrade.length() - 4)).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (random.nextBoolean()) {
                        socket.setSoLinger(true, 0);
                    } else {
                        awaitEnd(socket); // the idle timeout
                    }
                }
                case HTTP_IDLE -> awaitEnd(socket);
                case HTTP_REQUEST -> {
                    out.write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    RawWebSocket.readResponse(socket.getInputStream());
                    if (random.nextBoolean()) {
                        socket.setSoLinger(true, 0);
                    } else {
                        awaitEnd(socket);
                    }
                }
                case HTTP_PARTIAL -> {
                    out.write("POST /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (random.nextBoolean()) {
                        socket.setSoLinger(true, 0);
                    }
                }
                default -> throw new IllegalStateException("not a plain-socket ending: " + ending);
            }
        }
    }

    private void awaitEnd(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // skip whatever the server sends before it closes
            }
        } catch (SocketTimeoutException e) {
            problems.add("the server did not close an idle connection within " + WAIT);
        } catch (IOException e) {
            // reset by the server: closed too
        }
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    private static int pick(Random random, int... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---- the server's side

    private Router router() {
        return Router.builder()
                .websocket("/ws/sync/{id}/", SyncMember::new)
                .asyncWebsocket("/ws/async/{id}/", AsyncMember::new)
                .get("/hello", request -> HttpResponse.text("hello"))
                .build();
    }

    private void disconnected(WebSocketSession session) {
        disconnects.computeIfAbsent(session.scope().routeParameter("id"), id -> new AtomicInteger()).incrementAndGet();
    }

    /** Joins the shared group and one of its own; echoes, shouts to the shared group, closes on "bye". */
    private final class SyncMember implements WebSocketConsumer {
        @Override
        public Set<String> groups() {
            return Set.of(SHARED_GROUP);
        }

        @Override
        public void onConnect(WebSocketSession session) {
            session.groupAdd(session.scope().routeParameter("id")).toCompletableFuture().join();
            session.accept();
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            if (text.equals("bye")) {
                session.close(new CloseStatus(4000, "bye"));
            } else if (text.startsWith("shout ")) {
                session.layer().groupSend(SHARED_GROUP, Message.of("fuzz.shout", "text", text));
            } else {
                session.sendText(text);
            }
        }

        @Override
        public void onBinary(WebSocketSession session, byte[] data) {
            session.sendBinary(data);
        }

        @Override
        public void onMessage(WebSocketSession session, Message message) {
            session.sendText(message.getString("text"));
        }

        @Override
        public void onDisconnect(WebSocketSession session, CloseStatus status) {
            disconnected(session);
        }
    }

    /** The same as {@link SyncMember}, asynchronous. */
    private final class AsyncMember implements AsyncWebSocketConsumer {
        @Override
        public Set<String> groups() {
            return Set.of(SHARED_GROUP);
        }

        @Override
        public CompletionStage<Void> onConnect(WebSocketSession session) {
            return session.groupAdd(session.scope().routeParameter("id")).thenRun(session::accept);
        }

        @Override
        public CompletionStage<Void> onText(WebSocketSession session, String text) {
            if (text.equals("bye")) {
                session.close(new CloseStatus(4000, "bye"));
            } else if (text.startsWith("shout ")) {
                return session.layer().groupSend(SHARED_GROUP, Message.of("fuzz.shout", "text", text));
            } else {
                session.sendText(text);
            }
            return DONE;
        }

        @Override
        public CompletionStage<Void> onBinary(WebSocketSession session, byte[] data) {
            session.sendBinary(data);
            return DONE;
        }

        @Override
        public CompletionStage<Void> onMessage(WebSocketSession session, Message message) {
            session.sendText(message.getString("text"));
            return DONE;
        }

        @Override
        public CompletionStage<Void> onDisconnect(WebSocketSession session, CloseStatus status) {
            disconnected(session);
            return DONE;
        }
    }
}
