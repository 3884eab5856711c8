package dev.notify.bench.client;

import dev.notify.bench.BenchPayload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What one run of K group messages shares across connections: what each expects, and when all have it. */
final class Run {
    /** Latencies above this are recorded as this. */
    static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    final int expected;
    final long triggerMicros;
    final CompletableFuture<Void> allArrived = new CompletableFuture<>();
    private final int connections;
    private final AtomicInteger complete = new AtomicInteger();

    Run(int connections, int expected) {
        this.connections = connections;
        this.expected = expected;
        this.triggerMicros = BenchPayload.nowMicros();
        if (connections == 0 || expected == 0) {
            allArrived.complete(null);
        }
    }

    /** One connection has all K; called once per connection, on its event loop. */
    void connectionComplete() {
        if (complete.incrementAndGet() == connections) {
            allArrived.complete(null);
        }
    }
}
