package dev.notify.core.runtime;

import dev.notify.LogText;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.Scope;
import dev.notify.consumer.UnknownMessageTypeException;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection in the runtime: the consumer's session and the transport's handle. It
 * owns the consumer's lifecycle once the route is known: consumer, channel, groups, connect, the
 * layer pump, frames, and disconnect, all serialized on one {@link SerialExecutor}.
 *
 * <p>The consumer's accept or refusal completes {@link #decision}, which the middleware chain sees
 * as the handshake's response; the chain's final answer reaches the transport through
 * {@link #answer}. Frames the consumer sends in between are held until the answer is out.
 */
final class WebSocketConnection implements WebSocketSession, ConnectionHandle {
    private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final String SUBPROTOCOL = "Sec-WebSocket-Protocol";

    private enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    /** Whether the transport has been told the handshake's answer. */
    private enum Handshake { PENDING, ACCEPTED, REFUSED }

    /** Completes a decision when the client left before the consumer and the middleware decided. */
    private static final class ClientLeftException extends RuntimeException {
        ClientLeftException() {
            super("the client left during the handshake", null, false, false);
        }
    }

    private final Connection transport;
    private final ChannelLayer layer;
    private final JsonCodec json;
    private final MessageJson messageJson;
    private final HandlerTimes times;
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private final ConsumerChannel channel;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse> decision = new CompletableFuture<>();

    // the handshake's scope until routing, then the routed one
    private volatile Scope scope;
    private volatile Handshake handshake = Handshake.PENDING;
    private volatile boolean clientLeft;
    // frames sent after the consumer accepted and before the transport accepted; guarded by this
    private List<Object> held = new ArrayList<>(0);

    // set once, before the first task runs on the serial executor
    private volatile ConsumerAdapter consumer;
    private volatile SerialExecutor serial;
    private volatile Executor hookExecutor;
    private volatile boolean disconnectQueued;
    // the layer message the consumer is handling, for sendJson's shared encoding; read from any
    // thread without ordering: whichever message is seen, only that message's own values are shared
    private Message handling;

    /**
     * @param layer the layer the consumer is bound to
     * @param json the server's JSON codec
     * @param messageJson the server's shared encodings of message values
     * @param scope the handshake's scope
     * @param transport the transport side
     * @param times where the hooks' times go
     */
    WebSocketConnection(ChannelLayer layer, JsonCodec json, MessageJson messageJson, Scope scope, Connection transport,
            HandlerTimes times) {
        this.times = times;
        this.layer = layer;
        this.json = json;
        this.messageJson = messageJson;
        this.scope = scope;
        this.transport = transport;
        this.channel = new ConsumerChannel(layer);
    }

    /**
     * Routing and the middleware let the handshake through: makes the consumer and queues its
     * connect.
     *
     * @param route the matched route
     * @param routed the scope the middleware handed on, with the route parameters
     * @param blocking where synchronous hooks run
     * @param async where asynchronous hooks run when the transport has no executor of its own
     * @return completes with the consumer's decision: 101 when it accepts, else the refusal
     */
    CompletionStage<HttpResponse> start(Router.WebSocketRoute route, Scope routed, Executor blocking, Executor async) {
        scope = routed;
        ConsumerAdapter adapter;
        try {
            adapter = ConsumerAdapter.create(route);
        } catch (RuntimeException e) {
            log.error("cannot make the consumer for {}: {}", scope.path(), e.getMessage(), e);
            rejectHandshake(500, "cannot make the consumer");
            return decision;
        }
        synchronized (this) {
            if (state.get() == State.CLOSED) {
                return decision; // the client left during the handshake
            }
            consumer = adapter;
            Executor own = transport.executor();
            hookExecutor = adapter.blocking() ? blocking : own != null ? own : async;
            serial = new SerialExecutor(hookExecutor);
        }
        serial.submit(this::connect);
        return decision;
    }

    /**
     * Gives the transport the middleware chain's final answer: accepts if it is a 101 and the
     * consumer accepted, else refuses with its status. Called once.
     *
     * @param response the answer, or {@code null} if the chain failed
     * @param error why the chain failed, or {@code null}
     */
    void answer(HttpResponse response, Throwable error) {
        if (clientLeft) {
            return; // nobody to answer
        }
        if (error != null) {
            log.error("middleware failed for WebSocket handshake {}", scope.path(), Stages.unwrap(error));
            response = HttpResponse.status(500, "middleware failed");
        }
        boolean consumerAccepted = state.get() == State.OPEN || state.get() == State.CLOSING;
        if (response.status() == HttpResponse.SWITCHING_PROTOCOLS) {
            if (consumerAccepted) {
                synchronized (this) {
                    Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
                    headers.keySet().removeIf(SUBPROTOCOL::equalsIgnoreCase);
                    transport.accept(response.header(SUBPROTOCOL).orElse(null), headers);
                    held.forEach(this::transmit);
                    held = null;
                    handshake = Handshake.ACCEPTED;
                }
                return;
            }
            log.error("a middleware answered the WebSocket handshake {} with 101 although no consumer accepted", scope.path());
            response = HttpResponse.status(500, "middleware answered 101 without a consumer");
        }
        synchronized (this) {
            held = null;
            handshake = Handshake.REFUSED;
        }
        log.debug("refused WebSocket handshake for {}: {} {}", scope.path(), response.status(), response.bodyText());
        // a consumer that had accepted hears of it as the disconnect the transport reports
        transport.reject(response.status(), response.bodyText());
    }

    private CompletionStage<Void> connect() {
        return channel.open(consumer.groups()).thenComposeAsync(joined -> {
            if (state.get() != State.CONNECTING) {
                return DONE; // the client left while we joined the groups
            }
            long start = times.start();
            try {
                return times.whenDone(Scope.Type.WEBSOCKET, start, consumer.connect(this));
            } catch (Exception e) {
                times.done(Scope.Type.WEBSOCKET, start);
                return CompletableFuture.failedFuture(e);
            }
        }, hookExecutor).handle((ok, error) -> {
            if (error != null) {
                Throwable cause = Stages.unwrap(error);
                if (state.get() == State.CONNECTING && ConsumerRuntime.layerUnavailable(cause)) {
                    ConsumerRuntime.LAYER_FAILURES.log(note -> log.warn("WebSocket handshake on {} answered 503: {}{}",
                            LogText.of(scope.path()), cause.getMessage(), note));
                    rejectHandshake(503, ConsumerRuntime.LAYER_UNAVAILABLE);
                } else if (state.get() == State.CONNECTING) {
                    log.error("{} failed to connect on {}", consumer.consumer().getClass().getName(), scope.path(), cause);
                    rejectHandshake(500, "consumer failed to connect");
                } else {
                    fail(cause);
                }
            } else if (state.get() == State.CONNECTING) {
                accept(); // a connect hook that neither accepted nor rejected accepts
            }
            if (state.get() == State.OPEN || state.get() == State.CLOSING) {
                pump();
            } else if (state.get() == State.CLOSED && !disconnectQueued) {
                queueDisconnect(null);
            }
            return null;
        });
    }

    private void rejectHandshake(int status, String reason) {
        if (state.getAndSet(State.CLOSED) == State.CONNECTING) {
            decision.complete(HttpResponse.status(status, reason));
        }
    }

    private void pump() {
        channel.pump(serial, () -> state.get() == State.CLOSED, this::handle,
                cause -> close(CloseStatus.INTERNAL_ERROR.withReason("channel layer failed")));
    }

    private CompletionStage<Void> handle(Message message) {
        handling = message;
        try {
            return runHook(() -> consumer.message(this, message));
        } finally {
            handling = null;
        }
    }

    private interface Hook {
        CompletionStage<Void> run() throws Exception;
    }

    private CompletionStage<Void> runHook(Hook hook) {
        CompletionStage<Void> stage;
        long start = times.start();
        try {
            stage = times.whenDone(Scope.Type.WEBSOCKET, start, hook.run());
        } catch (Exception | LinkageError e) {
            times.done(Scope.Type.WEBSOCKET, start);
            fail(e);
            return DONE;
        }
        if (HandlerMethods.completedNormally(stage)) {
            return DONE; // the common case of a hook that completed at once: nothing to chain
        }
        return stage.exceptionally(error -> {
            fail(Stages.unwrap(error));
            return null;
        });
    }

    private void fail(Throwable error) {
        if (error instanceof ConsumerAdapter.RefusedFrameException) {
            log.info("closing {} on {}: {}", channel.name(), scope.path(), error.getMessage());
            close(((ConsumerAdapter.RefusedFrameException) error).status());
            return;
        }
        if (error instanceof UnknownMessageTypeException) {
            log.error("closing {} on {} with 1011: {}", channel.name(), scope.path(), error.getMessage());
        } else {
            log.error("{} failed on {}; closing with 1011", consumer.consumer().getClass().getName(), scope.path(), error);
        }
        try {
            consumer.error(this, error);
        } catch (RuntimeException e) {
            log.error("onError of {} failed", consumer.consumer().getClass().getName(), e);
        }
        close(CloseStatus.INTERNAL_ERROR);
    }

    // ---- ConnectionHandle: events from the transport

    @Override
    public void text(String text) {
        SerialExecutor s = serial;
        if (s != null && state.get() != State.CLOSED) {
            s.submit(() -> state.get() == State.CLOSED ? DONE : runHook(() -> consumer.text(this, text)));
        }
    }

    @Override
    public void binary(byte[] data) {
        SerialExecutor s = serial;
        if (s != null && state.get() != State.CLOSED) {
            s.submit(() -> state.get() == State.CLOSED ? DONE : runHook(() -> consumer.binary(this, data)));
        }
    }

    @Override
    public CompletionStage<Void> closed(CloseStatus status) {
        clientLeft = handshake == Handshake.PENDING;
        decision.completeExceptionally(new ClientLeftException());
        State previous;
        synchronized (this) {
            previous = state.getAndSet(State.CLOSED);
            if (serial == null) {
                finished.complete(null); // closed before a consumer existed
                return finished;
            }
        }
        if (previous == State.OPEN || previous == State.CLOSING) {
            queueDisconnect(status);
        } else if (previous == State.CONNECTING) {
            // the connect task is still running; it queues the clean-up when it sees CLOSED
            log.debug("{} closed during connect", scope.path());
        }
        return finished;
    }

    private synchronized void queueDisconnect(CloseStatus status) {
        if (disconnectQueued) {
            return;
        }
        disconnectQueued = true;
        channel.stopReceiving();
        serial.submit(() -> {
            CompletionStage<Void> hook = status == null ? DONE : runDisconnectHook(status);
            return hook.thenCompose(v -> channel.leaveGroups()).whenComplete((r, e) -> finished.complete(null));
        });
    }

    private CompletionStage<Void> runDisconnectHook(CloseStatus status) {
        CompletionStage<Void> stage;
        long start = times.start();
        try {
            stage = times.whenDone(Scope.Type.WEBSOCKET, start, consumer.disconnect(this, status));
        } catch (Exception | LinkageError e) {
            times.done(Scope.Type.WEBSOCKET, start);
            log.error("{} failed in onDisconnect on {}", consumer.consumer().getClass().getName(), scope.path(), e);
            return DONE;
        }
        return stage.exceptionally(e -> {
            log.error("{} failed in onDisconnect on {}", consumer.consumer().getClass().getName(), scope.path(), Stages.unwrap(e));
            return null;
        });
    }

    // ---- WebSocketSession: calls from the consumer

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
    public void accept() {
        acceptWith(null);
    }

    @Override
    public void accept(String subprotocol) {
        if (!scope.subprotocols().contains(subprotocol)) {
            throw new IllegalArgumentException("subprotocol '" + subprotocol + "' was not offered by the client (offered: "
                    + scope.subprotocols() + ")");
        }
        acceptWith(subprotocol);
    }

    private void acceptWith(String subprotocol) {
        if (state.compareAndSet(State.CONNECTING, State.OPEN)) {
            HttpResponse.Builder accepted = HttpResponse.builder(HttpResponse.SWITCHING_PROTOCOLS);
            if (subprotocol != null) {
                accepted.header(SUBPROTOCOL, subprotocol);
            }
            decision.complete(accepted.build());
        } else {
            log.debug("accept on {} ignored in state {}", scope.path(), state.get());
        }
    }

    @Override
    public void reject() {
        if (state.get() == State.CONNECTING) {
            log.debug("refused WebSocket handshake for {}: rejected by {}", scope.path(), consumer.consumer().getClass().getName());
            rejectHandshake(403, "rejected by the consumer");
        } else {
            close(CloseStatus.POLICY_VIOLATION);
        }
    }

    @Override
    public void sendText(String text) {
        if (openForSending()) {
            deliver(text);
        } else {
            log.debug("text frame to {} dropped: connection is {}", scope.path(), state.get());
        }
    }

    @Override
    public void sendBinary(byte[] data) {
        if (openForSending()) {
            deliver(data);
        } else {
            log.debug("binary frame to {} dropped: connection is {}", scope.path(), state.get());
        }
    }

    /** Sending during the handshake accepts first, as daphne does (ws_protocol's serverSend). */
    private boolean openForSending() {
        if (state.get() == State.CONNECTING) {
            acceptWith(null);
        }
        return state.get() == State.OPEN;
    }

    @Override
    public void sendJson(Object value) {
        sendText(messageJson.encode(value, handling));
    }

    @Override
    public void close(CloseStatus status) {
        if (state.get() == State.CONNECTING) {
            log.debug("refused WebSocket handshake for {}: closed by the consumer with {}", scope.path(), status.code());
            rejectHandshake(403, "closed by the consumer before accepting");
        } else if (state.compareAndSet(State.OPEN, State.CLOSING)) {
            deliver(status);
        }
    }

    /** Sends a frame or the close, or holds it while the handshake's answer is on its way. */
    private void deliver(Object frame) {
        if (handshake == Handshake.PENDING) {
            synchronized (this) {
                if (handshake == Handshake.PENDING) {
                    held.add(frame);
                    return;
                }
            }
        }
        if (handshake == Handshake.ACCEPTED) {
            transmit(frame);
        } else {
            log.debug("frame to {} dropped: the handshake was refused", scope.path());
        }
    }

    private void transmit(Object frame) {
        if (frame instanceof String text) {
            transport.sendText(text);
        } else if (frame instanceof byte[] data) {
            transport.sendBinary(data);
        } else {
            transport.close((CloseStatus) frame);
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
        return state.get() == State.OPEN;
    }

    @Override
    public String toString() {
        return "WebSocketConnection{" + scope.path() + ", " + channel.name() + ", " + state.get() + "}";
    }
}
