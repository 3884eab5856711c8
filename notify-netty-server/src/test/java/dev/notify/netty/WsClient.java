package dev.notify.netty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client for tests (the JDK's) that queues what the server sends: the one client
 * of the socket-level tests, shared through notify-netty-server's test-jar. Every wait has a
 * timeout, and a failed one throws {@link AssertionError}.
 */
public final class WsClient implements AutoCloseable {
    /** How long {@link #receive()} and {@link #awaitClose()} wait: 10 s. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(HttpClient http, URI uri, Map<String, String> headers, String... subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * @param uri such as {@code ws://127.0.0.1:8000/ws/test/}
     * @param subprotocols the subprotocols to offer, in order of preference
     * @return a connected client
     */
    public static WsClient connect(URI uri, String... subprotocols) {
        return connect(HTTP, uri, subprotocols);
    }

    /**
     * @param http the client to connect with, such as one that trusts a test certificate
     * @param uri such as {@code wss://127.0.0.1:8443/ws/echo/}
     * @param subprotocols the subprotocols to offer, in order of preference
     * @return a connected client
     */
    public static WsClient connect(HttpClient http, URI uri, String... subprotocols) {
        return new WsClient(http, uri, Map.of(), subprotocols);
    }

    /**
     * @param uri such as {@code ws://127.0.0.1:8000/ws/me/}
     * @param headers handshake headers, such as {@code Cookie}, {@code Authorization} or {@code Origin}
     * @return a connected client
     * @throws java.util.concurrent.CompletionException with a {@link WebSocketHandshakeException} if refused
     */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        return new WsClient(HTTP, uri, headers);
    }

    /**
     * @param uri the WebSocket URL
     * @param headers handshake headers
     * @return the HTTP status of the refused handshake
     * @throws AssertionError if the handshake was accepted
     */
    public static int refusal(URI uri, Map<String, String> headers) {
        try {
            new WsClient(HTTP, uri, headers).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the handshake to " + uri + " was accepted");
    }

    /** @param text a text message to send, waiting up to 5 s for it to be written */
    public void send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** @param data a binary message to send, waiting up to 5 s for it to be written */
    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /**
     * @param code the close code to send
     * @param reason the close reason
     */
    public void sendClose(int code, String reason) {
        socket.sendClose(code, reason).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** @return the next text message, waiting up to {@link #WAIT} */
    public String receive() {
        return receive(WAIT);
    }

    /**
     * @param timeout the longest wait
     * @return the next text message
     */
    public String receive(Duration timeout) {
        return next(texts, timeout, "text");
    }

    /**
     * @param timeout the longest wait
     * @return the next text message, or empty if none came within the timeout
     */
    public Optional<String> poll(Duration timeout) {
        try {
            return Optional.ofNullable(texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a text message", e);
        }
    }

    /** @return the next binary message, waiting up to {@link #WAIT} */
    public byte[] receiveBinary() {
        return next(binaries, WAIT, "binary");
    }

    /** @return the subprotocol the server chose; empty for none */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** @return the close code the server sent, waiting up to {@link #WAIT} */
    public int awaitClose() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** @return whether the server has closed the connection (or it failed) */
    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Sends a normal close unless the connection is closing already, then drops it. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private static <T> T next(BlockingQueue<T> queue, Duration timeout, String kind) {
        try {
            T message = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no " + kind + " message within " + timeout.toMillis() + " ms");
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a " + kind + " message", e);
        }
    }

    /** Collects messages, reassembling fragments, and reads on after each. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binaries.add(bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
