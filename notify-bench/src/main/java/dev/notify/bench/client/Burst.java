package dev.notify.bench.client;

import dev.notify.bench.BenchPayload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** The shared state of one burst: what every connection expects, the latency recorder, the completion. */
final class Burst {
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    final int expected;
    final long triggerMicros;
    final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);
    final LongAdder delivered = new LongAdder();
    final CompletableFuture<Void> allArrived = new CompletableFuture<>();
    private final int connections;
    private final AtomicInteger complete = new AtomicInteger();

    Burst(int connections, int expected) {
        this.connections = connections;
        this.expected = expected;
        this.triggerMicros = BenchPayload.nowMicros();
        if (connections == 0 || expected == 0) {
            allArrived.complete(null);
        }
    }

    /**
     * Records one delivery; called on the connection's event loop.
     *
     * @param sentMicros the payload's send time, or -1 when it has none (then the trigger time counts)
     */
    void delivered(long sentMicros) {
        long from = sentMicros > 0 ? sentMicros : triggerMicros;
        latencyMicros.recordValue(Math.max(0, Math.min(MAX_LATENCY_MICROS, BenchPayload.nowMicros() - from)));
        delivered.increment();
    }

    void connectionComplete() {
        if (complete.incrementAndGet() == connections) {
            allArrived.complete(null);
        }
    }
}
