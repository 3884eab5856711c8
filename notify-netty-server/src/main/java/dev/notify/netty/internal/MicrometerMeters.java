package dev.notify.netty.internal;

import dev.notify.metrics.MeterSink;
import dev.notify.metrics.MeterSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Binds meter sources to a Micrometer registry: the only class of the server that touches
 * Micrometer, loaded only when an application gives the server a registry, so that Micrometer is an
 * optional dependency. It keeps the functions it registered (Micrometer holds them weakly) and
 * removes its meters when the server closes.
 */
public final class MicrometerMeters implements MeterSink, AutoCloseable {
    private final MeterRegistry registry;
    private final List<Object> functions = new ArrayList<>();
    private final List<Meter> meters = new ArrayList<>();

    private MicrometerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param registry a {@code io.micrometer.core.instrument.MeterRegistry}, typed {@code Object} so
     *     that callers need no Micrometer type
     * @param sources what to bind
     * @return the binding, to close with the server
     * @throws IllegalArgumentException if {@code registry} is not a Micrometer registry
     */
    public static synchronized MicrometerMeters bind(Object registry, MeterSource... sources) {
        if (!(registry instanceof MeterRegistry meterRegistry)) {
            throw new IllegalArgumentException("not a Micrometer MeterRegistry: " + registry);
        }
        MicrometerMeters binding = new MicrometerMeters(meterRegistry);
        for (MeterSource source : sources) {
            source.describeMeters(binding);
        }
        return binding;
    }

    @Override
    public synchronized void counter(String name, String description, LongSupplier count, String... tags) {
        functions.add(count);
        meters.add(FunctionCounter.builder(name, count, LongSupplier::getAsLong).description(description).tags(tags)
                .register(registry));
    }

    @Override
    public synchronized void gauge(String name, String description, DoubleSupplier value, String... tags) {
        meters.add(Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description).tags(tags)
                .strongReference(true).register(registry));
    }

    @Override
    public synchronized void timer(String name, String description, LongSupplier count, LongSupplier totalNanos,
            String... tags) {
        LongSupplier[] both = {count, totalNanos};
        functions.add(both);
        meters.add(FunctionTimer.builder(name, both, b -> b[0].getAsLong(), b -> b[1].getAsLong(), TimeUnit.NANOSECONDS)
                .description(description).tags(tags).register(registry));
    }

    /** Removes this binding's meters from the registry. */
    @Override
    public synchronized void close() {
        meters.forEach(registry::remove);
        meters.clear();
        functions.clear();
    }
}
