package dev.notify.core.runtime;

import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The transport side of one connection, as a test sees it: what the runtime did ({@code accept},
 * {@code reject 403}, {@code text hi}, {@code close 1000}) in order, and the end of the connection
 * reported back the way a client answers: a close is echoed, a refused handshake ends it.
 */
final class RecordingTransport implements Connection {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> history = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ConnectionHandle> handle = new CompletableFuture<>();
    private final CompletableFuture<CompletionStage<Void>> ended = new CompletableFuture<>();
    private final AtomicBoolean ending = new AtomicBoolean();

    /** Opens the connection through the runtime. */
    static RecordingTransport open(ConsumerRuntime runtime, String path) {
        return open(runtime, Scope.builder(Scope.Type.WEBSOCKET, path).build());
    }

    /** Opens the connection with a scope of the test's making. */
    static RecordingTransport open(ConsumerRuntime runtime, Scope scope) {
        RecordingTransport transport = new RecordingTransport();
        transport.handle.complete(runtime.open(scope, transport));
        return transport;
    }

    ConnectionHandle handle() {
        return handle.join();
    }

    /** The client ends the connection (unless it has ended), as a close frame or a vanishing peer would. */
    CompletionStage<Void> end(CloseStatus status) {
        if (ending.compareAndSet(false, true)) {
            ended.complete(handle.thenCompose(h -> h.closed(status)));
        }
        return ended.join();
    }

    /** @return completes when the runtime has finished with the connection, once it has ended */
    CompletableFuture<Void> finished() {
        return ended.thenCompose(stage -> stage).toCompletableFuture();
    }

    /** @return the next thing the runtime did, waiting up to 5 s */
    String next() throws InterruptedException {
        String event = events.poll(5, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("the runtime did nothing within " + Duration.ofSeconds(5));
        }
        return event;
    }

    /** @return everything the runtime did so far, oldest first */
    List<String> history() {
        return List.copyOf(history);
    }

    private void record(String event) {
        history.add(event);
        events.add(event);
    }

    @Override
    public void accept(String subprotocol, Map<String, List<String>> headers) {
        record((subprotocol == null ? "accept" : "accept " + subprotocol) + (headers.isEmpty() ? "" : " " + headers));
    }

    @Override
    public void reject(int httpStatus, String reason) {
        record("reject " + httpStatus);
        end(CloseStatus.ABNORMAL);
    }

    @Override
    public void sendText(String text) {
        record("text " + text);
    }

    @Override
    public void sendBinary(byte[] data) {
        record("binary " + data.length);
    }

    @Override
    public void close(CloseStatus status) {
        record("close " + status.code());
        end(status);
    }
}
