package dev.notify.nats;

import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.LayerTimeoutException;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Completes when the server has processed everything this connection sent before: a PING whose
 * PONG comes back after them (the client's {@code flush}). Flushes block, so they run on one thread
 * of their own, and every caller that arrives while one is under way shares the next: the
 * connection never has more than one PING of ours outstanding.
 */
final class ServerBarrier implements AutoCloseable {
    private final Connection connection;
    private final Duration timeout;
    private final ExecutorService thread;
    private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    ServerBarrier(Connection connection, Duration timeout, String threadName) {
        this.connection = connection;
        this.timeout = timeout;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** @return completes once the server has processed what this connection sent so far */
    CompletableFuture<Void> await() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(done);
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::flush);
            } catch (RejectedExecutionException e) {
                failAll(new ChannelLayerException("the NATS channel layer is closed"));
            }
        }
        return done;
    }

    private void flush() {
        scheduled.set(false); // callers from now on need a later PING
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (CompletableFuture<Void> next; (next = waiting.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        RuntimeException failure = null;
        try {
            connection.flush(timeout);
        } catch (TimeoutException e) {
            failure = new LayerTimeoutException("the NATS server did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new ChannelLayerException("the NATS channel layer is closed", e);
        } catch (RuntimeException e) {
            failure = new ChannelLayerException("NATS: " + e.getMessage(), e);
        }
        for (CompletableFuture<Void> done : batch) {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    private void failAll(RuntimeException failure) {
        for (CompletableFuture<Void> next; (next = waiting.poll()) != null; ) {
            next.completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        failAll(new ChannelLayerException("the NATS channel layer is closed"));
    }
}
