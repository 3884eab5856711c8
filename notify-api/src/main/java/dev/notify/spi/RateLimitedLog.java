package dev.notify.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Lets one log line through per period and counts the lines it holds back, so that a flood of one
 * kind of event (group copies dropped for full channels, full local buffers) stays one line per
 * period however fast it comes. notify-api has no logging dependency: the backend writes the line
 * to its own logger, with a note of how many similar lines were left out.
 *
 * <pre>{@code
 * private final RateLimitedLog drops = new RateLimitedLog();
 * ...
 * drops.log(note -> LOG.info("groupSend to '{}' dropped {} copies{}", group, count, note));
 * }</pre>
 *
 * <p>Thread-safe and lock-free; a held-back line costs one atomic read and one increment.
 *
 * @since 0.2
 */
public final class RateLimitedLog {
    /** At most one line per 10 seconds, unless told otherwise. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);

    private final long periodNanos;
    private final String periodText;
    private final LongSupplier nanoTime;
    private final AtomicLong next;
    private final AtomicLong heldBack = new AtomicLong();

    /** At most one line per {@link #DEFAULT_PERIOD}. */
    public RateLimitedLog() {
        this(DEFAULT_PERIOD, System::nanoTime);
    }

    /**
     * @param period at most one line per this period
     * @param nanoTime the monotonic time source, {@code System::nanoTime} outside tests
     * @throws IllegalArgumentException if the period is not positive
     */
    public RateLimitedLog(Duration period, LongSupplier nanoTime) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive but was " + period);
        }
        this.periodNanos = period.toNanos();
        this.periodText = period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.next = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Writes a line if one is due, else counts it as held back.
     *
     * @param line writes the line; it is given the note to append: empty, or
     *     {@code " (N similar line(s) in the last 10 s not logged)"}
     * @return whether the line was written
     */
    public boolean log(Consumer<String> line) {
        long now = nanoTime.getAsLong();
        long due = next.get();
        if (now - due < 0 || !next.compareAndSet(due, now + periodNanos)) {
            heldBack.incrementAndGet();
            return false;
        }
        long left = heldBack.getAndSet(0);
        line.accept(left == 0 ? "" : " (" + left + " similar line(s) in the last " + periodText + " not logged)");
        return true;
    }
}
