package dev.notify.bench.client;

import java.time.Duration;

/**
 * One burst of K messages to N connections, measured at the client.
 *
 * @param connections N
 * @param messages K
 * @param delivered distinct payloads received, at most N × K
 * @param missing N × K − delivered
 * @param connectionsMissing connections that did not get all K before the timeout
 * @param maxMissingPerConnection the most any one connection missed
 * @param duplicates payloads a connection got twice
 * @param elapsed from the trigger to the last delivery
 * @param latency from each payload's send time to its arrival, in microseconds
 * @param clientCpu CPU time this client process used during the burst
 * @param serverCpu CPU time of the server processes (the server, and Redis when there is one); zero when unknown
 */
public record FanOutResult(int connections, int messages, long delivered, long missing, int connectionsMissing,
                           int maxMissingPerConnection, long duplicates, Duration elapsed, Percentiles latency,
                           Duration clientCpu, Duration serverCpu) {
    /** @return delivered payloads per second of elapsed time */
    public double deliveriesPerSecond() {
        return elapsed.isZero() ? 0 : delivered / (elapsed.toNanos() / 1e9);
    }

    /** @return client CPU over elapsed time: 1.0 is one core busy for the whole burst */
    public double clientCores() {
        return elapsed.isZero() ? 0 : clientCpu.toNanos() / (double) elapsed.toNanos();
    }

    /**
     * @param cpu the server processes' CPU time during the burst
     * @return this result with it
     */
    public FanOutResult withServerCpu(Duration cpu) {
        return new FanOutResult(connections, messages, delivered, missing, connectionsMissing, maxMissingPerConnection,
                duplicates, elapsed, latency, clientCpu, cpu);
    }
}
