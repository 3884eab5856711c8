package dev.notify.tck;

import dev.notify.metrics.MeterSink;
import dev.notify.metrics.MeterSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A {@link MeterSink} for tests: it keeps what sources describe and reads a meter's current value by
 * name and tags, with no metrics library involved.
 */
public final class MeterReadings implements MeterSink {
    private final Map<String, DoubleSupplier> meters = new ConcurrentHashMap<>();

    /**
     * @param sources what to read
     * @return their meters
     */
    public static MeterReadings of(MeterSource... sources) {
        MeterReadings readings = new MeterReadings();
        for (MeterSource source : sources) {
            source.describeMeters(readings);
        }
        return readings;
    }

    @Override
    public void counter(String name, String description, LongSupplier count, String... tags) {
        meters.putIfAbsent(key(name, tags), count::getAsLong);
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value, String... tags) {
        meters.putIfAbsent(key(name, tags), value);
    }

    @Override
    public void timer(String name, String description, LongSupplier count,
            LongSupplier totalNanos, String... tags) {
        meters.putIfAbsent(key(name, tags), count::getAsLong);
        meters.putIfAbsent(key(name + ".total.nanos", tags), totalNanos::getAsLong);
    }

    /**
     * @param name a meter name; for a timer, its count ({@code name + ".total.nanos"} for its time)
     * @param tags its tags, {@code key, value} pairs in any order
     * @return its value now
     * @throws AssertionError if no such meter was described
     */
    public double value(String name, String... tags) {
        DoubleSupplier meter = meters.get(key(name, tags));
        if (meter == null) {
            throw new AssertionError("no meter " + key(name, tags) + "; described: " + new TreeMap<>(meters).keySet());
        }
        return meter.getAsDouble();
    }

    /**
     * @param name a meter name
     * @return the sum of the values of every meter of that name, whatever its tags
     */
    public double sum(String name) {
        double sum = 0;
        for (Map.Entry<String, DoubleSupplier> meter : meters.entrySet()) {
            if (meter.getKey().startsWith(name + "{")) {
                sum += meter.getValue().getAsDouble();
            }
        }
        return sum;
    }

    /**
     * Waits until a meter reads a value: counts are updated when a stage completes, which may be
     * just after its caller saw it complete.
     *
     * @param expected the value
     * @param name the meter name
     * @param tags its tags
     * @throws AssertionError if it does not within 10 seconds
     */
    public void awaitValue(double expected, String name, String... tags) {
        awaitReading(expected, key(name, tags), () -> value(name, tags));
    }

    /**
     * Waits until the meters of one name, whatever their tags, add up to a value.
     *
     * @param expected the sum
     * @param name the meter name
     * @throws AssertionError if they do not within 10 seconds
     */
    public void awaitSum(double expected, String name) {
        awaitReading(expected, "the sum of " + name, () -> sum(name));
    }

    private static void awaitReading(double expected, String what, DoubleSupplier reading) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reading.getAsDouble() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " is " + reading.getAsDouble() + ", expected " + expected);
            }
            try {
                Thread.sleep(5); // counters have no change event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String key(String name, String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags must be key, value pairs: " + String.join(",", tags));
        }
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            sorted.put(tags[i], tags[i + 1]);
        }
        return name + sorted;
    }
}
