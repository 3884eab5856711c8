package dev.notify.testing;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.Scope;
import dev.notify.core.ChannelLayers;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.core.routing.Router;
import dev.notify.core.runtime.Connection;
import dev.notify.core.runtime.ConnectionHandle;
import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.config.NotifyConfig;
import dev.notify.http.HttpRequest;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Stages;
import dev.notify.spi.ChannelLayerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens a WebSocket connection to a consumer through the real runtime and a channel layer, without a
 * network, and checks what the consumer sends back (Channels' {@code WebsocketCommunicator}).
 *
 * <pre>{@code
 * try (var ws = WebSocketCommunicator.open(router, "/ws/chat/lobby/")) {
 *     assertThat(ws.connect().accepted()).isTrue();
 *     ws.sendText("{\"message\":\"hi\"}");
 *     assertThat(ws.receiveText()).contains("hi");      // 1 s default timeout
 *     ws.receiveNothing(Duration.ofMillis(100));          // fails if anything arrives
 * }
 * }</pre>
 *
 * <p>Unless a layer is given, each communicator makes its own in-memory layer (notify-inmemory must
 * be on the test class path); give several communicators one layer to test groups between them.
 * Every wait has a timeout (1 second unless given); a failed expectation throws
 * {@link AssertionError}. Not thread-safe: use one communicator from one test thread.
 *
 * @since 0.1
 */
public final class WebSocketCommunicator implements AutoCloseable {
    /** The default wait, 1 second, as in Channels. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private sealed interface Event permits Accepted, Rejected, Text, Binary, Closed {
    }

    private record Accepted(String subprotocol, Map<String, List<String>> headers) implements Event {
    }

    private record Rejected(int status, String reason) implements Event {
    }

    private record Text(String text) implements Event {
    }

    private record Binary(byte[] data) implements Event {
    }

    private record Closed(CloseStatus status) implements Event {
    }

    private final ConsumerRuntime runtime;
    private final JsonCodec json;
    private final ChannelLayer layer;
    private final boolean ownsLayer;
    private final Scope scope;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<ConnectionHandle> handle = new CompletableFuture<>();
    private final CompletableFuture<CompletionStage<Void>> ended = new CompletableFuture<>();

    private WebSocketCommunicator(Builder b) {
        this.ownsLayer = b.layer == null;
        this.layer = b.layer != null ? b.layer : defaultLayer();
        this.json = b.json != null ? b.json : JacksonJsonCodec.create();
        this.runtime = ConsumerRuntime.builder().layer(layer).router(b.router).json(json).build();
        this.scope = b.scope.build();
    }

    /**
     * @param router the routes
     * @param path the path to connect to, with an optional {@code ?query}
     * @return a communicator, not yet connected
     */
    public static WebSocketCommunicator open(Router router, String path) {
        return builder(router, path).build();
    }

    /**
     * @param consumerFactory makes the synchronous consumer, served at {@code /}
     * @return a communicator, not yet connected
     */
    public static WebSocketCommunicator open(Supplier<? extends WebSocketConsumer> consumerFactory) {
        return builder(consumerFactory).build();
    }

    /**
     * @param consumerFactory makes the asynchronous consumer, served at {@code /}
     * @return a communicator, not yet connected
     */
    public static WebSocketCommunicator openAsync(Supplier<? extends AsyncWebSocketConsumer> consumerFactory) {
        return asyncBuilder(consumerFactory).build();
    }

    /**
     * @param router the routes
     * @param path the path, with an optional {@code ?query}
     * @return a builder for headers, subprotocols and the layer
     */
    public static Builder builder(Router router, String path) {
        return new Builder(router, path);
    }

    /**
     * @param consumerFactory makes the synchronous consumer, served at {@code /}
     * @return a builder for headers, subprotocols and the layer
     */
    public static Builder builder(Supplier<? extends WebSocketConsumer> consumerFactory) {
        return new Builder(Router.builder().websocket("/", consumerFactory).build(), "/");
    }

    /**
     * @param consumerFactory makes the asynchronous consumer, served at {@code /}
     * @return a builder for headers, subprotocols and the layer
     */
    public static Builder asyncBuilder(Supplier<? extends AsyncWebSocketConsumer> consumerFactory) {
        return new Builder(Router.builder().asyncWebsocket("/", consumerFactory).build(), "/");
    }

    /** @return the layer the consumer is bound to */
    public ChannelLayer layer() {
        return layer;
    }

    /** @return the JSON codec of the consumer and of {@link #sendJson} and {@link #receiveJson} */
    public JsonCodec json() {
        return json;
    }

    /** @return the result of connecting, waiting {@link #DEFAULT_TIMEOUT} */
    public ConnectResult connect() {
        return connect(DEFAULT_TIMEOUT);
    }

    /**
     * Asks to connect and waits for the consumer to accept or reject.
     *
     * @param timeout the longest wait
     * @return the result
     * @throws AssertionError if the consumer neither accepts nor rejects in time
     * @throws IllegalStateException if already connected
     */
    public ConnectResult connect(Duration timeout) {
        if (handle.isDone()) {
            throw new IllegalStateException("connect() was already called");
        }
        handle.complete(runtime.open(scope, new Transport()));
        Event event = next(timeout, "the consumer to accept or reject the connection");
        if (event instanceof Accepted accepted) {
            return new ConnectResult(true, accepted.subprotocol(), 101, "", accepted.headers());
        }
        if (event instanceof Rejected rejected) {
            return new ConnectResult(false, null, rejected.status(), rejected.reason(), Map.of());
        }
        throw new AssertionError("expected the connection to be accepted or rejected but got " + describe(event));
    }

    /** @param text a text frame to send to the consumer */
    public void sendText(String text) {
        requireOpen().text(text);
    }

    /** @param data a binary frame to send to the consumer */
    public void sendBinary(byte[] data) {
        requireOpen().binary(data.clone());
    }

    /** @param value a value to send as a JSON text frame, encoded with {@link #json()} */
    public void sendJson(Object value) {
        sendText(json.encode(value));
    }

    /** @return the next text frame, waiting {@link #DEFAULT_TIMEOUT} */
    public String receiveText() {
        return receiveText(DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout the longest wait
     * @return the next frame, which must be a text frame
     * @throws AssertionError on a timeout, a binary frame, or a close
     */
    public String receiveText(Duration timeout) {
        Event event = next(timeout, "a text frame");
        if (event instanceof Text text) {
            return text.text();
        }
        throw new AssertionError("expected a text frame but got " + describe(event));
    }

    /** @return the next binary frame, waiting {@link #DEFAULT_TIMEOUT} */
    public byte[] receiveBinary() {
        return receiveBinary(DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout the longest wait
     * @return the next frame, which must be a binary frame
     * @throws AssertionError on a timeout, a text frame, or a close
     */
    public byte[] receiveBinary(Duration timeout) {
        Event event = next(timeout, "a binary frame");
        if (event instanceof Binary binary) {
            return binary.data();
        }
        throw new AssertionError("expected a binary frame but got " + describe(event));
    }

    /** @return the next text frame decoded as JSON, waiting {@link #DEFAULT_TIMEOUT} */
    public Object receiveJson() {
        return receiveJson(DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout the longest wait
     * @return the next text frame decoded as JSON (maps, lists, strings, numbers, booleans, null)
     * @throws AssertionError on a timeout, another frame, or text that is not JSON
     */
    public Object receiveJson(Duration timeout) {
        return receiveJson(Object.class, timeout);
    }

    /**
     * @param type the type to read the next text frame as, such as a record class
     * @param <T> the type
     * @return the next text frame decoded with {@link #json()}, waiting {@link #DEFAULT_TIMEOUT}
     * @throws AssertionError on a timeout, another frame, or text that does not fit the type
     */
    public <T> T receiveJson(Class<T> type) {
        return receiveJson(type, DEFAULT_TIMEOUT);
    }

    /**
     * @param type the type to read the next text frame as
     * @param timeout the longest wait
     * @param <T> the type
     * @return the next text frame decoded with {@link #json()}
     * @throws AssertionError on a timeout, another frame, or text that does not fit the type
     */
    public <T> T receiveJson(Class<T> type, Duration timeout) {
        String text = receiveText(timeout);
        try {
            return json.decode(text, type);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("expected a JSON text frame that reads as " + type.getName() + " but got: " + text, e);
        }
    }

    /** Fails if anything arrives within 100 ms, as Channels' {@code receive_nothing}. */
    public void receiveNothing() {
        receiveNothing(Duration.ofMillis(100));
    }

    /**
     * @param wait how long to watch
     * @throws AssertionError if a frame or a close arrives meanwhile
     */
    public void receiveNothing(Duration wait) {
        Event event = poll(wait);
        if (event != null) {
            throw new AssertionError("expected nothing but got " + describe(event));
        }
    }

    /**
     * Waits for the consumer to close the connection, skipping nothing.
     *
     * @param timeout the longest wait
     * @return the close status the consumer sent
     * @throws AssertionError on a timeout or if a frame arrives first
     */
    public CloseStatus receiveClose(Duration timeout) {
        Event event = next(timeout, "the connection to close");
        if (event instanceof Closed closed) {
            return closed.status();
        }
        throw new AssertionError("expected the connection to close but got " + describe(event));
    }

    /** @return the close status, waiting {@link #DEFAULT_TIMEOUT} */
    public CloseStatus receiveClose() {
        return receiveClose(DEFAULT_TIMEOUT);
    }

    /**
     * Closes the connection from the client side with 1000 and waits for the consumer's disconnect
     * hook and group clean-up.
     */
    public void disconnect() {
        disconnect(CloseStatus.NORMAL);
    }

    /**
     * Closes the connection from the client side (unless it is closed already) and waits up to 5 s
     * for the consumer's disconnect hook and group clean-up.
     *
     * @param status the close status the client sends
     */
    public void disconnect(CloseStatus status) {
        if (handle.isDone()) {
            ended.complete(handle.join().closed(status));
            Stages.join(ended.join(), Duration.ofSeconds(5), "disconnect");
        }
    }

    /** Disconnects if connected, then releases the runtime (and the layer, if this made it). */
    @Override
    public void close() {
        disconnect();
        runtime.close();
        if (ownsLayer) {
            layer.close();
        }
    }

    private ConnectionHandle requireOpen() {
        if (!handle.isDone()) {
            throw new IllegalStateException("call connect() first");
        }
        return handle.join();
    }

    private Event next(Duration timeout, String what) {
        Event event = poll(timeout);
        if (event == null) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
        return event;
    }

    private Event poll(Duration timeout) {
        try {
            return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String describe(Event event) {
        if (event instanceof Text text) {
            return "a text frame: " + text.text();
        }
        if (event instanceof Binary binary) {
            return "a binary frame of " + binary.data().length + " bytes: " + Arrays.toString(Arrays.copyOf(binary.data(), Math.min(16, binary.data().length)));
        }
        if (event instanceof Closed closed) {
            return "a close with " + closed.status().code() + (closed.status().reason().isEmpty() ? "" : " (" + closed.status().reason() + ")");
        }
        if (event instanceof Rejected rejected) {
            return "a refused handshake with HTTP " + rejected.status() + " (" + rejected.reason() + ")";
        }
        return "the connection accepted";
    }

    private static ChannelLayer defaultLayer() {
        ChannelLayerProvider provider = ChannelLayers.providers().get("inmemory");
        if (provider == null) {
            throw new IllegalStateException("WebSocketCommunicator needs a channel layer: add dev.notify:notify-inmemory"
                    + " as a test dependency, or pass one with builder(...).layer(layer)");
        }
        return provider.create(NotifyConfig.EMPTY);
    }

    /** The transport side: records what the runtime sends. */
    private final class Transport implements Connection {
        @Override
        public void accept(String subprotocol, Map<String, List<String>> headers) {
            events.add(new Accepted(subprotocol, headers));
        }

        @Override
        public void reject(int httpStatus, String reason) {
            events.add(new Rejected(httpStatus, reason));
            end(CloseStatus.ABNORMAL);
        }

        @Override
        public void sendText(String text) {
            events.add(new Text(text));
        }

        @Override
        public void sendBinary(byte[] data) {
            events.add(new Binary(data));
        }

        @Override
        public void close(CloseStatus status) {
            events.add(new Closed(status));
            // the client answers the close, as a browser would
            end(status);
        }

        private void end(CloseStatus status) {
            ended.complete(handle.thenCompose(h -> h.closed(status)));
        }
    }

    /**
     * Builds a {@link WebSocketCommunicator}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Router router;
        private final Scope.Builder scope;
        private final List<String> subprotocols = new ArrayList<>();
        private ChannelLayer layer;
        private JsonCodec json;

        private Builder(Router router, String pathAndQuery) {
            this.router = Objects.requireNonNull(router, "router");
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
            this.scope = Scope.builder(Scope.Type.WEBSOCKET, path).query(query, HttpRequest.parseUrlEncoded(query));
        }

        /**
         * @param name a header of the upgrade request, such as {@code Origin} or {@code Cookie}
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            scope.header(name, value);
            if ("cookie".equalsIgnoreCase(name)) {
                for (String pair : value.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        scope.cookie(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                    }
                }
            }
            return this;
        }

        /**
         * @param offered the subprotocols the client offers
         * @return this builder
         */
        public Builder subprotocols(String... offered) {
            subprotocols.addAll(List.of(offered));
            scope.subprotocols(subprotocols);
            return this;
        }

        /**
         * @param shared the layer to bind the consumer to; the communicator does not close it
         * @return this builder
         */
        public Builder layer(ChannelLayer shared) {
            this.layer = Objects.requireNonNull(shared, "layer");
            return this;
        }

        /**
         * @param codec the JSON of the consumer and of the communicator's {@code sendJson} and
         *     {@code receiveJson}, as the application passes it to its server; default
         *     {@link JacksonJsonCodec#create()}
         * @return this builder
         */
        public Builder json(JsonCodec codec) {
            this.json = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** @return the communicator, not yet connected */
        public WebSocketCommunicator build() {
            return new WebSocketCommunicator(this);
        }
    }
}
