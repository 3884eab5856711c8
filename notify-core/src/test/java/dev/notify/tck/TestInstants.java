package dev.notify.tck;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when a test moves it, so expiry is tested without sleeping. */
public final class TestInstants implements InstantSource {
    private final AtomicReference<Instant> now;

    private TestInstants(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock that starts at the real current time (Redis key TTLs stay meaningful). */
    public static TestInstants startingNow() {
        return new TestInstants(Instant.now());
    }

    /** Moves the clock forward. */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
