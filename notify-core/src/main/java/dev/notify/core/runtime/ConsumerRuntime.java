package dev.notify.core.runtime;

import dev.notify.LogText;
import dev.notify.consumer.Scope;
import dev.notify.core.internal.WorkerThreads;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.json.JsonCodec;
import dev.notify.http.MalformedRequestException;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Stages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * @since 0.1
 */
public final class ConsumerRuntime implements AutoCloseable {
    /** Threads of the blocking pool on JVMs without virtual threads. */
    public static final int DEFAULT_BLOCKING_THREADS = 64;

    private static final Logger log = LoggerFactory.getLogger(ConsumerRuntime.class);
    private static final byte[] NO_BODY = new byte[0];

    private final ChannelLayer layer;
    private final Router router;
    private final JsonCodec json;
    private final ExecutorService blockingExecutor;
    private final ExecutorService asyncExecutor;
    private final boolean ownsExecutors;

    private ConsumerRuntime(Builder b) {
        this.layer = Objects.requireNonNull(b.layer, "layer");
        this.router = Objects.requireNonNull(b.router, "router");
        this.json = b.json != null ? b.json : JacksonJsonCodec.create();
        this.ownsExecutors = b.blockingExecutor == null;
        this.blockingExecutor = b.blockingExecutor != null ? b.blockingExecutor
                : WorkerThreads.blocking("notify-worker", DEFAULT_BLOCKING_THREADS);
        this.asyncExecutor = b.asyncExecutor != null ? b.asyncExecutor
                : WorkerThreads.pool("notify-async", Runtime.getRuntime().availableProcessors());
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
        WebSocketConnection opened = new WebSocketConnection(layer, json, scope, connection);
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
     * message.
     *
     * @param request the request
     * @return completes with the response; never fails
     */
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        HttpRequest served = new HttpRequest(request.method(), request.scope(), request.body(), layer, json);
        return router.dispatchHttp(served, this::invoke).exceptionally(error -> {
            Throwable cause = Stages.unwrap(error);
            if (cause instanceof MalformedRequestException malformed) {
                log.debug("bad request {} {}: {}", request.method(), LogText.of(request.path()), LogText.of(malformed.getMessage()));
                return HttpResponse.status(400, "Bad Request: " + malformed.getMessage());
            }
            log.error("HTTP handler for {} {} failed", request.method(), request.path(), cause);
            return HttpResponse.status(500, "Internal Server Error");
        });
    }

    private CompletionStage<HttpResponse> invoke(Router.HttpRoute route, HttpRequest request) {
        if (route instanceof Router.HttpRoute.Blocking blocking) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return Objects.requireNonNull(blocking.handler().handle(request), "the handler returned null");
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, blockingExecutor);
        }
        Router.HttpRoute.Async async = (Router.HttpRoute.Async) route;
        return CompletableFuture.supplyAsync(() -> async.handler().handle(request), asyncExecutor)
                .thenCompose(response -> response);
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

        /** @return the runtime */
        public ConsumerRuntime build() {
            return new ConsumerRuntime(this);
        }
    }
}
