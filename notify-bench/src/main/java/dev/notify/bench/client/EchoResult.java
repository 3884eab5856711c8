package dev.notify.bench.client;

import java.time.Duration;

/**
 * Round trips (a text, and the server's reply) on a number of connections in parallel.
 *
 * @param connections connections, each with one request outstanding at a time
 * @param roundTrips completed round trips
 * @param elapsed wall time of the measured round trips
 * @param latency round-trip time in microseconds
 */
public record EchoResult(int connections, long roundTrips, Duration elapsed, Percentiles latency) {
    /** @return round trips per second */
    public double perSecond() {
        return elapsed.isZero() ? 0 : roundTrips / (elapsed.toNanos() / 1e9);
    }
}
