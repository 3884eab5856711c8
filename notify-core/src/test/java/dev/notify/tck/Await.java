package dev.notify.tck;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for a condition that no event announces (Redis state, a child process, a page's DOM) by
 * polling it, with a deadline: the one such loop of the tests. Where an event or a message can be
 * awaited instead, await that.
 */
public final class Await {
    /** How long {@link #awaitCondition(String, Condition)} waits: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    /** A condition checked now; it may throw to stop the wait at once, such as when a process died. */
    @FunctionalInterface
    public interface Condition {
        /**
         * @return whether the condition holds now
         * @throws Exception to give up waiting with that failure
         */
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} for a condition.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     * @throws AssertionError if it does not hold in time
     */
    public static void awaitCondition(String what, Condition condition) {
        awaitCondition(what, DEFAULT_TIMEOUT, condition);
    }

    /**
     * Waits for a condition, checking it at once and then after pauses that grow from 5 to 100 ms.
     *
     * @param what what is awaited, for the failure message
     * @param timeout the longest wait
     * @param condition the condition
     * @throws AssertionError if it does not hold in time, or wrapping a checked exception it threw
     */
    public static void awaitCondition(String what, Duration timeout, Condition condition) {
        awaitCondition(() -> what, timeout, condition);
    }

    /**
     * As {@link #awaitCondition(String, Duration, Condition)}, with a failure message made when the
     * wait fails, so that it can show the last state seen.
     *
     * @param failure describes what was awaited and what was seen
     * @param timeout the longest wait
     * @param condition the condition
     * @throws AssertionError if it does not hold in time, or wrapping a checked exception it threw
     */
    public static void awaitCondition(Supplier<String> failure, Duration timeout, Condition condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        try {
            while (!condition.holds()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("not true within " + timeout.toMillis() + " ms: " + failure.get());
                }
                Thread.sleep(pause); // nothing announces the condition: poll it
                pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting: " + failure.get(), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(failure.get() + ": " + e, e);
        }
    }
}
