package dev.notify.core.runtime;

import dev.notify.consumer.Scope;
import dev.notify.metrics.MeterSink;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often HTTP handlers and consumer hooks ran and how long they took, until their stage
 * completed: the {@code notify.handler.time} timer. Off (no clock read) until described.
 */
final class HandlerTimes {
    private final LongAdder httpCount = new LongAdder();
    private final LongAdder httpNanos = new LongAdder();
    private final LongAdder webSocketCount = new LongAdder();
    private final LongAdder webSocketNanos = new LongAdder();
    private volatile boolean on;

    void describeMeters(MeterSink sink) {
        on = true;
        String description = "time in HTTP handlers and consumer hooks, until their stage completes";
        sink.timer("notify.handler.time", description, httpCount::sum, httpNanos::sum, "type", "http");
        sink.timer("notify.handler.time", description, webSocketCount::sum, webSocketNanos::sum, "type", "websocket");
    }

    /** @return the start of a call, or 0 while off */
    long start() {
        return on ? System.nanoTime() : 0;
    }

    /**
     * @param type an HTTP handler or a consumer hook
     * @param start what {@link #start()} returned when it was called
     */
    void done(Scope.Type type, long start) {
        if (start != 0) {
            long took = System.nanoTime() - start;
            if (type == Scope.Type.HTTP) {
                httpCount.increment();
                httpNanos.add(took);
            } else {
                webSocketCount.increment();
                webSocketNanos.add(took);
            }
        }
    }

    /**
     * @param type an HTTP handler or a consumer hook
     * @param start what {@link #start()} returned when it was called
     * @param stage what it returned
     * @param <T> its result
     * @return the stage, whose completion is recorded
     */
    <T> CompletionStage<T> whenDone(Scope.Type type, long start, CompletionStage<T> stage) {
        if (start != 0) {
            stage.whenComplete((result, failure) -> done(type, start));
        }
        return stage;
    }
}
