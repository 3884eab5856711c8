package dev.notify.core.runtime;

import dev.notify.LogText;
import dev.notify.consumer.Scope;
import dev.notify.consumer.UnknownMessageTypeException;
import dev.notify.core.routing.Router;
import dev.notify.http.AsyncHttpConsumer;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.http.HttpStream;
import dev.notify.http.ServerSentEvent;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed HTTP response in the runtime: the {@link AsyncHttpConsumer}'s stream and the
 * transport's handle. Its channel, groups and receive loop are a {@link ConsumerChannel}, its hooks
 * run on one {@link SerialExecutor}, as a WebSocket connection's do.
 *
 * <p>The consumer's start (or whole response, or failure) completes {@link #decision}, which the
 * middleware chain sees as the response; the chain's final answer reaches the transport through
 * {@link #answer}. Chunks the consumer sends in between are held until the head is out.
 */
final class HttpStreamConnection implements HttpStream, StreamHandle {
    private static final Logger log = LoggerFactory.getLogger(HttpStreamConnection.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final byte[] HEARTBEAT = ServerSentEvent.comment("heartbeat").frame().getBytes(StandardCharsets.UTF_8);

    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int ENDED = 2;

    /** What the transport has been told: nothing yet, a streamed head, or a whole response. */
    private enum Answer { PENDING, STREAM, WHOLE }

    /** Ends the body; held like a chunk so that it follows the chunks sent before it. */
    private static final Object END = new Object();
    /** Cuts the connection after a failure. */
    private static final Object ABORT = new Object();

    /** Completes a decision when the client left before the consumer and the middleware decided. */
    private static final class ClientLeftException extends RuntimeException {
        ClientLeftException() {
            super("the client left before the response started", null, false, false);
        }
    }

    private final StreamConnection transport;
    private final ChannelLayer layer;
    private final JsonCodec json;
    private final HandlerTimes times;
    private final ScheduledExecutorService timers;
    private final ConsumerChannel channel;
    private final AtomicInteger phase = new AtomicInteger(NEW);
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse> decision = new CompletableFuture<>();

    private volatile Scope scope;
    private volatile boolean closed;
    private volatile Answer answered = Answer.PENDING;
    // chunks, END or ABORT sent before the transport got the head; guarded by this
    private List<Object> held = new ArrayList<>(0);
    private volatile int headStatus;
    private volatile ScheduledFuture<?> heartbeat;

    // set once, before the first task runs on the serial executor; guarded by this until then
    private volatile AsyncHttpConsumer consumer;
    private volatile SerialExecutor serial;
    private volatile Executor hookExecutor;
    private boolean disconnectQueued;

    HttpStreamConnection(ChannelLayer layer, JsonCodec json, Scope scope, StreamConnection transport, HandlerTimes times,
            ScheduledExecutorService timers) {
        this.layer = layer;
        this.json = json;
        this.scope = scope;
        this.transport = transport;
        this.times = times;
        this.timers = timers;
        this.channel = new ConsumerChannel(layer);
    }

    /**
     * Routing and the middleware let the request through to a streaming route: makes the consumer
     * and queues its request hook.
     *
     * @return completes with the response head when the consumer starts, or a whole response
     */
    CompletionStage<HttpResponse> start(Router.HttpRoute.Stream route, HttpRequest request, Executor async) {
        scope = request.scope();
        AsyncHttpConsumer made;
        try {
            made = Objects.requireNonNull(route.factory().get(), "a consumer factory returned null; it must return a new consumer");
            HandlerMethods.of(made.getClass()); // a handler notify cannot call fails this request, not a later message
        } catch (RuntimeException e) {
            log.error("cannot make the consumer for {}: {}", LogText.of(scope.path()), e.getMessage(), e);
            return CompletableFuture.completedFuture(HttpResponse.status(500, "Internal Server Error"));
        }
        synchronized (this) {
            if (closed) {
                return decision;
            }
            consumer = made;
            Executor own = transport.executor();
            hookExecutor = own != null ? own : async;
            serial = new SerialExecutor(hookExecutor);
        }
        serial.submit(() -> connect(request));
        return decision;
    }

    private CompletionStage<Void> connect(HttpRequest request) {
        return channel.open(consumer.groups())
                .thenComposeAsync(joined -> closed ? DONE : timed(() -> consumer.onRequest(this, request)), hookExecutor)
                .handle((ok, error) -> {
                    if (error != null) {
                        Throwable cause = Stages.unwrap(error);
                        if (phase.get() == NEW && !closed) {
                            phase.set(ENDED);
                            decision.complete(HandlerGuard.failed(request, cause));
                        } else {
                            fail(cause);
                        }
                    }
                    if (!closed) {
                        channel.pump(serial, () -> closed, this::message, this::fail);
                    }
                    return null;
                });
    }

    private interface Hook {
        CompletionStage<Void> run() throws Exception;
    }

    private CompletionStage<Void> timed(Hook hook) {
        long start = times.start();
        try {
            return times.whenDone(Scope.Type.HTTP, start, hook.run());
        } catch (Exception | LinkageError e) {
            times.done(Scope.Type.HTTP, start);
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Void> message(Message message) {
        return timed(() -> {
            Optional<CompletionStage<Void>> handled = HandlerMethods.invoke(consumer, this, message);
            return handled.isPresent() ? handled.get() : consumer.onMessage(this, message);
        }).exceptionally(error -> {
            fail(Stages.unwrap(error));
            return null;
        });
    }

    private void fail(Throwable error) {
        if (error instanceof UnknownMessageTypeException) {
            log.error("ending the response {} on {}: {}", channel.name(), LogText.of(scope.path()), error.getMessage());
        } else {
            log.error("{} failed on {}; ending the response", consumer.getClass().getName(), LogText.of(scope.path()), error);
        }
        try {
            consumer.onError(this, error);
        } catch (RuntimeException e) {
            log.error("onError of {} failed", consumer.getClass().getName(), e);
        }
        if (phase.compareAndSet(NEW, ENDED)) {
            decision.complete(HttpResponse.status(500, "Internal Server Error"));
        } else if (phase.getAndSet(ENDED) == STARTED) {
            stopHeartbeat();
            deliver(ABORT);
        }
    }

    /**
     * Gives the transport the middleware chain's final answer: the head of the stream if it is the
     * consumer's, else a whole response. Called once.
     */
    void answer(HttpResponse response, Throwable error) {
        if (error != null) {
            if (Stages.unwrap(error) instanceof ClientLeftException) {
                return; // nobody to answer
            }
            log.error("middleware failed for {}", LogText.of(scope.path()), Stages.unwrap(error));
            response = HttpResponse.status(500, "Internal Server Error");
        }
        if (headStatus != 0 && response.status() == headStatus && response.body().length == 0) {
            synchronized (this) { // what the consumer sends meanwhile waits here, so the held chunks go first
                transport.start(response);
                held.forEach(this::transmit);
                held = null;
                answered = Answer.STREAM; // only now may a sender skip the lock: the held chunks are out
            }
        } else {
            synchronized (this) {
                answered = Answer.WHOLE;
                held = null;
            }
            transport.respond(response); // outside the lock: a transport may report the end at once
        }
    }

    // ---- StreamHandle: the end reported by the transport

    @Override
    public CompletionStage<Void> closed() {
        decision.completeExceptionally(new ClientLeftException());
        synchronized (this) {
            if (closed) {
                return finished;
            }
            closed = true;
            if (serial == null) {
                finished.complete(null); // over before a consumer existed
                return finished;
            }
        }
        stopHeartbeat();
        queueDisconnect();
        return finished;
    }

    private synchronized void queueDisconnect() {
        if (disconnectQueued) {
            return;
        }
        disconnectQueued = true;
        channel.stopReceiving();
        serial.submit(() -> timed(() -> consumer.onDisconnect(this))
                .exceptionally(e -> {
                    log.error("{} failed in onDisconnect on {}", consumer.getClass().getName(), LogText.of(scope.path()),
                            Stages.unwrap(e));
                    return null;
                })
                .thenCompose(v -> channel.leaveGroups())
                .whenComplete((r, e) -> finished.complete(null)));
    }

    // ---- HttpStream: calls from the consumer

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public String channelName() {
        return channel.name();
    }

    @Override
    public ChannelLayer layer() {
        return layer;
    }

    @Override
    public JsonCodec json() {
        return json;
    }

    @Override
    public void start(int status, Map<String, String> headers) {
        HttpResponse.Builder head = HttpResponse.builder(status);
        headers.forEach(head::header);
        begin(head.build());
    }

    @Override
    public void startEventStream(Duration every) {
        Objects.requireNonNull(every, "heartbeat");
        if (every.isNegative()) {
            throw new IllegalArgumentException("heartbeat must not be negative but was " + every);
        }
        begin(HttpResponse.builder(200)
                .header("Content-Type", ServerSentEvent.CONTENT_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no") // nginx would hold events back in its buffer
                .build());
        if (!every.isZero()) {
            long nanos = every.toNanos();
            heartbeat = timers.scheduleAtFixedRate(() -> {
                if (isOpen()) {
                    deliver(HEARTBEAT);
                }
            }, nanos, nanos, TimeUnit.NANOSECONDS);
            if (!isOpen()) {
                stopHeartbeat();
            }
        }
    }

    private void begin(HttpResponse head) {
        if (!phase.compareAndSet(NEW, STARTED)) {
            throw new IllegalStateException("the response to " + scope.path() + " already started");
        }
        headStatus = head.status();
        decision.complete(head);
    }

    @Override
    public void respond(HttpResponse response) {
        if (!phase.compareAndSet(NEW, ENDED)) {
            throw new IllegalStateException("the response to " + scope.path() + " already started");
        }
        decision.complete(Objects.requireNonNull(response, "response"));
    }

    @Override
    public void send(byte[] chunk) {
        int now = phase.get();
        if (now == NEW) {
            throw new IllegalStateException("send before the response to " + scope.path() + " started: call start first");
        }
        if (now == ENDED || closed) {
            log.debug("chunk to {} dropped: the response is over", scope.path());
            return;
        }
        if (chunk.length > 0) { // an empty chunk would end a chunked body
            deliver(chunk);
        }
    }

    @Override
    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendEvent(ServerSentEvent event) {
        send(event.frame());
    }

    @Override
    public void end() {
        if (phase.compareAndSet(STARTED, ENDED)) {
            stopHeartbeat();
            deliver(END);
        }
    }

    private void stopHeartbeat() {
        ScheduledFuture<?> beat = heartbeat;
        if (beat != null) {
            beat.cancel(false);
        }
    }

    /** Sends a chunk, the end or the abort, or holds it while the head is on its way. */
    private void deliver(Object frame) {
        if (answered == Answer.PENDING) {
            synchronized (this) {
                if (answered == Answer.PENDING) {
                    held.add(frame);
                    return;
                }
            }
        }
        if (answered == Answer.STREAM) {
            transmit(frame);
        }
    }

    private void transmit(Object frame) {
        if (frame == END) {
            transport.end();
        } else if (frame == ABORT) {
            transport.abort();
        } else {
            transport.send((byte[]) frame);
        }
    }

    @Override
    public CompletionStage<Void> groupAdd(String group) {
        return channel.groupAdd(group);
    }

    @Override
    public CompletionStage<Void> groupDiscard(String group) {
        return channel.groupDiscard(group);
    }

    @Override
    public boolean isOpen() {
        return phase.get() != ENDED && !closed;
    }

    @Override
    public String toString() {
        return "HttpStreamConnection{" + scope.path() + ", " + channel.name() + ", open=" + isOpen() + "}";
    }
}
