package dev.notify.bench;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What {@code GET /home?count=K&delay=S} asks every bench server for: K group messages, S seconds
 * apart. With a delay the messages go at a fixed rate: message i is due (i − 1) × S after the first,
 * and a late one goes at once, so a slow send does not lower the rate of the ones after it.
 *
 * @param count K, at least 0
 * @param intervalMicros S in microseconds, 0 for a burst
 */
public record SendPlan(int count, long intervalMicros) {
    /** The example app's defaults: {@code count=9}, {@code delay=2}. */
    public static final SendPlan EXAMPLE_DEFAULTS = new SendPlan(9, TimeUnit.SECONDS.toMicros(2));

    /**
     * @param count K
     * @param intervalMicros S in microseconds
     * @throws IllegalArgumentException if either is negative
     */
    public SendPlan {
        if (count < 0 || intervalMicros < 0) {
            throw new IllegalArgumentException("count and delay must be >= 0 but were " + count + " and " + intervalMicros + " µs");
        }
    }

    /**
     * @param count the {@code count} parameter, or null for the default
     * @param delaySeconds the {@code delay} parameter in seconds (such as {@code 0.001}), or null for the default
     * @return the plan
     * @throws IllegalArgumentException naming the bad parameter
     */
    public static SendPlan parse(String count, String delaySeconds) {
        try {
            int k = count == null ? EXAMPLE_DEFAULTS.count : Integer.parseInt(count.strip());
            long micros = delaySeconds == null ? EXAMPLE_DEFAULTS.intervalMicros
                    : new BigDecimal(delaySeconds.strip()).movePointRight(6).longValueExact();
            return new SendPlan(k, micros);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("count must be a whole number and delay a number of seconds with at most "
                    + "6 decimals, both >= 0, but were count=" + count + " and delay=" + delaySeconds, e);
        }
    }

    /**
     * Waits until message {@code i} is due.
     *
     * @param startNanos the {@link System#nanoTime()} of the first message
     * @param i the message's number, from 1
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitTurn(long startNanos, int i) throws InterruptedException {
        long due = startNanos + TimeUnit.MICROSECONDS.toNanos(intervalMicros) * (i - 1);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before message " + i + " of " + count);
            }
        }
    }
}
