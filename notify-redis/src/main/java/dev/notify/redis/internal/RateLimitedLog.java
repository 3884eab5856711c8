package dev.notify.redis.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Logs at most once per 10 seconds and counts what it left out, so a flood stays one line. */
public final class RateLimitedLog {
    private static final long PERIOD = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong next = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @param log the logger
     * @param format the message format
     * @param args its arguments
     */
    public void warn(Logger log, String format, Object... args) {
        if (due()) {
            log.warn(format + suffix(), args);
        }
    }

    /**
     * @param log the logger
     * @param format the message format
     * @param args its arguments
     */
    public void info(Logger log, String format, Object... args) {
        if (due()) {
            log.info(format + suffix(), args);
        }
    }

    private boolean due() {
        long now = System.nanoTime();
        long at = next.get();
        if (now - at >= 0 && next.compareAndSet(at, now + PERIOD)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    private String suffix() {
        long left = suppressed.getAndSet(0);
        return left == 0 ? "" : " (" + left + " similar message(s) in the last 10 s not logged)";
    }
}
