package dev.notify.metrics;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Where a {@link MeterSource} describes its meters: a metrics library's binding implements it and
 * registers each meter, reading the given functions whenever it publishes. The functions read
 * counts the source keeps anyway; they are cheap, thread-safe and never block.
 *
 * <p>Tags are given as {@code key, value} pairs ({@code "operation", "send", "outcome", "failure"}).
 * Describing the same name and tags twice is harmless: a binding keeps the first.
 *
 * @since 0.2
 */
public interface MeterSink {

    /**
     * A count that only grows, such as frames received.
     *
     * @param name the meter name, such as {@code notify.websocket.frames}
     * @param description one line for an operator
     * @param count reads the count
     * @param tags {@code key, value} pairs
     * @throws IllegalArgumentException if the tags are not pairs
     */
    void counter(String name, String description, LongSupplier count, String... tags);

    /**
     * A value that goes up and down, such as open connections.
     *
     * @param name the meter name
     * @param description one line for an operator
     * @param value reads the value
     * @param tags {@code key, value} pairs
     * @throws IllegalArgumentException if the tags are not pairs
     */
    void gauge(String name, String description, DoubleSupplier value, String... tags);

    /**
     * How often something ran and how long it took in total, such as handler calls.
     *
     * @param name the meter name
     * @param description one line for an operator
     * @param count reads how many times it ran
     * @param totalNanos reads the nanoseconds it took, all runs together
     * @param tags {@code key, value} pairs
     * @throws IllegalArgumentException if the tags are not pairs
     */
    void timer(String name, String description, LongSupplier count, LongSupplier totalNanos, String... tags);
}
