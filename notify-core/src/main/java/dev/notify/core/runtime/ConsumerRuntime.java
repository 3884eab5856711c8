package dev.notify.core.runtime;

import dev.notify.consumer.Scope;
import dev.notify.core.internal.WorkerThreads;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.http.MalformedRequestException;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.MessageTooLargeException;
import dev.notify.metrics.MeterSink;
import dev.notify.metrics.MeterSource;
import dev.notify.spi.RateLimitedLog;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Runs consumers and HTTP handlers for a transport: routes each connection or request, applies the
 * middleware, and drives one consumer instance per connection through its lifecycle.
 *
 * <p>Threading: synchronous consumers and blocking HTTP handlers run on the blocking executor
 * (virtual threads on Java 21+, otherwise a pool of {@value #DEFAULT_BLOCKING_THREADS} threads);
 * asynchronous ones on the connection's own I/O thread when the transport offers it
 * ({@link Connection#executor()}; the Netty server does), else on the async executor (one thread
 * per CPU). Hooks of one connection run one at a time, in arrival order, whether the event came
 * from the socket or from the layer.
 *
 * <p>One slow route cannot starve the others: each blocking HTTP route runs at most
 * {@linkplain Builder#routeConcurrency(int) a number} of requests at once (a bulkhead; more are
 * answered 503 with {@code Retry-After} at once, never queued), and a handler that has not answered
 * within the {@linkplain Builder#requestTimeout(Duration) request timeout} (daphne's
 * {@code http_timeout}) is answered 503; a blocking handler's thread is then interrupted, an
 * asynchronous handler's late result is discarded.
 *
 * @since 0.1
 */
public final class ConsumerRuntime implements AutoCloseable, MeterSource {
    /** Threads of the blocking pool on JVMs without virtual threads. */
    public static final int DEFAULT_BLOCKING_THREADS = 64;
    /**
     * Requests one blocking route handles at once: half the platform-thread pool, so that one slow
     * route always leaves threads to the others.
     */
    public static final int DEFAULT_ROUTE_CONCURRENCY = 32;
    /** 60 seconds, as nginx's {@code proxy_read_timeout}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** The one line a client gets while the channel layer cannot serve (503). */
    static final String LAYER_UNAVAILABLE = "Service Unavailable: the channel layer cannot serve this now; try again later";
    /** One line per 10 s about requests and handshakes refused for the layer: an outage is not a flood. */
    static final RateLimitedLog LAYER_FAILURES = new RateLimitedLog();
    private static final byte[] NO_BODY = new byte[0];

    private final ChannelLayer layer;
    private final Router router;
    private final JsonCodec json;
    private final MessageJson messageJson;
    private final ExecutorService blockingExecutor;
    private final ExecutorService asyncExecutor;
    private final boolean ownsExecutors;
    private final HandlerTimes times = new HandlerTimes();
    private final HandlerGuard handlers;

    private ConsumerRuntime(Builder b) {
        this.layer = Objects.requireNonNull(b.layer, "layer");
        this.router = Objects.requireNonNull(b.router, "router");
        this.json = b.json != null ? b.json : JacksonJsonCodec.create();
        this.messageJson = new MessageJson(json);
        this.ownsExecutors = b.blockingExecutor == null;
        this.blockingExecutor = b.blockingExecutor != null ? b.blockingExecutor
                : WorkerThreads.blocking("notify-worker", DEFAULT_BLOCKING_THREADS);
        this.asyncExecutor = b.asyncExecutor != null ? b.asyncExecutor
                : WorkerThreads.pool("notify-async", Runtime.getRuntime().availableProcessors());
        this.handlers = new HandlerGuard(blockingExecutor, asyncExecutor, b.routeConcurrency, b.requestTimeout, times);
    }

    /**
     * @param layer the channel layer consumers are bound to
     * @param router the routes
     * @return a runtime with default executors
     */
    public static ConsumerRuntime create(ChannelLayer layer, Router router) {
        return builder().layer(layer).router(router).build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A WebSocket client asks to connect: the router's middleware and routing run (an unknown path
     * is refused with 404 without making a consumer), then the consumer is made and its connect
     * hook accepts or rejects; the middleware chain's answer reaches {@code connection}.
     * Refusals are logged at debug level here; the transport logs one line per refused handshake.
     *
     * @param scope the upgrade request's scope
     * @param connection the transport
     * @return where the transport reports frames and the end of the connection
     */
    public ConnectionHandle open(Scope scope, Connection connection) {
        WebSocketConnection opened = new WebSocketConnection(layer, json, messageJson, scope, connection, times);
        router.dispatchWebSocket(new HttpRequest("GET", scope, NO_BODY, layer, json),
                        (route, handshake) -> opened.start(route, handshake.scope(), blockingExecutor, asyncExecutor))
                .whenComplete(opened::answer);
        return opened;
    }

    /**
     * Answers an HTTP request: middleware, routing (404, or 405 with {@code Allow}), then the
     * handler, blocking handlers on the blocking executor and asynchronous ones on the async
     * executor. A handler or middleware that fails gives a 500 and is logged; a
     * {@link MalformedRequestException} (a form body that cannot be decoded) gives a 400 with its
     * message; a full route or a handler that takes longer than the request timeout gives 503 (see
     * the class documentation).
     *
     * @param request the request
     * @return completes with the response; never fails
     */
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        HttpRequest served = new HttpRequest(request.method(), request.scope(), request.body(), layer, json);
        return router.dispatchHttp(served, handlers::invoke).exceptionally(error -> HandlerGuard.failed(request, error));
    }

    /**
     * Answers an HTTP request whose response may be streamed: as {@link #handle(HttpRequest)}, but a
     * {@linkplain Router.Builder#stream streaming route} gets a new consumer that starts the
     * response through {@code transport} and sends chunks until it ends it or the client leaves;
     * any other route's response reaches {@code transport} whole, through
     * {@link StreamConnection#respond}. Streamed responses have no request timeout.
     *
     * @param request the request
     * @param transport the transport side of the response
     * @return where the transport reports the end of the exchange
     * @since 0.3
     */
    public StreamHandle stream(HttpRequest request, StreamConnection transport) {
        HttpRequest served = new HttpRequest(request.method(), request.scope(), request.body(), layer, json);
        HttpStreamConnection opened = new HttpStreamConnection(layer, json, request.scope(), transport, times, handlers.timers());
        router.dispatchHttp(served, (route, routed) -> route instanceof Router.HttpRoute.Stream stream
                        ? opened.start(stream, routed, asyncExecutor)
                        : handlers.invoke(route, routed))
                .whenComplete(opened::answer);
        return opened;
    }

    /**
     * @return whether a failure means that the channel layer cannot serve now (its backend is
     *     down, slow or full), which is answered with 503, not a fault of the application (500)
     */
    static boolean layerUnavailable(Throwable failure) {
        return failure instanceof ChannelLayerException && !(failure instanceof MessageTooLargeException);
    }

    /**
     * Describes {@code notify.handler.time}, a timer of HTTP handlers and consumer hooks (tag
     * {@code type}: {@code http} or {@code websocket}), each until its stage completes; they are
     * timed from now on.
     *
     * @param sink where the meters go
     */
    @Override
    public void describeMeters(MeterSink sink) {
        times.describeMeters(sink);
    }

    /** @return the channel layer */
    public ChannelLayer layer() {
        return layer;
    }

    /** @return the router */
    public Router router() {
        return router;
    }

    /** @return the JSON codec of consumers and HTTP handlers */
    public JsonCodec json() {
        return json;
    }

    /** Stops the executors this runtime made (not the layer, nor executors passed to the builder). */
    @Override
    public void close() {
        handlers.close();
        if (ownsExecutors) {
            blockingExecutor.shutdown();
            asyncExecutor.shutdown();
        }
    }

    /**
     * Builds a {@link ConsumerRuntime}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private ChannelLayer layer;
        private Router router;
        private JsonCodec json;
        private ExecutorService blockingExecutor;
        private ExecutorService asyncExecutor;
        private int routeConcurrency = DEFAULT_ROUTE_CONCURRENCY;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {
        }

        /**
         * @param layer the channel layer; required
         * @return this builder
         */
        public Builder layer(ChannelLayer layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
            return this;
        }

        /**
         * @param router the routes; required
         * @return this builder
         */
        public Builder router(Router router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * @param codec the JSON of {@code sendJson}, JSON consumers and HTTP handlers; default
         *     {@link JacksonJsonCodec#create()}
         * @return this builder
         */
        public Builder json(JsonCodec codec) {
            this.json = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Both executors, owned by the caller (the runtime does not shut them down).
         *
         * @param blocking runs synchronous hooks and blocking handlers
         * @param async runs asynchronous hooks; its tasks never block
         * @return this builder
         */
        public Builder executors(ExecutorService blocking, ExecutorService async) {
            this.blockingExecutor = Objects.requireNonNull(blocking, "blocking");
            this.asyncExecutor = Objects.requireNonNull(async, "async");
            return this;
        }

        /**
         * The bulkhead of each blocking HTTP route: how many of its requests may run at once. A
         * request beyond it is answered 503 with {@code Retry-After: 1} at once.
         *
         * @param requests the limit per route; default {@value ConsumerRuntime#DEFAULT_ROUTE_CONCURRENCY}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder routeConcurrency(int requests) {
            if (requests <= 0) {
                throw new IllegalArgumentException("routeConcurrency must be > 0 but was " + requests);
            }
            this.routeConcurrency = requests;
            return this;
        }

        /**
         * How long an HTTP handler may take, daphne's {@code http_timeout}: then the request is
         * answered 503, a blocking handler's thread is interrupted and an asynchronous handler's
         * result discarded. WebSocket consumers are not limited by it.
         *
         * @param timeout the limit, {@link Duration#ZERO} for none; default {@link ConsumerRuntime#DEFAULT_REQUEST_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder requestTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("requestTimeout must be >= 0 but was " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** @return the runtime */
        public ConsumerRuntime build() {
            return new ConsumerRuntime(this);
        }
    }
}
