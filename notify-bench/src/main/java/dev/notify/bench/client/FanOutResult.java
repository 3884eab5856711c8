package dev.notify.bench.client;

import java.time.Duration;

/**
 * One run of K group messages to N connections (a burst, or a paced run), measured at the client.
 *
 * @param connections N
 * @param messages K
 * @param delivered distinct payloads received, at most N × K
 * @param missing N × K − delivered
 * @param connectionsMissing connections that did not get all K before the timeout
 * @param maxMissingPerConnection the most any one connection missed
 * @param repeated payloads whose number a connection had already passed (repeated or out of order), and
 *     payloads with a number outside 1..K
 * @param elapsed from the trigger to the last delivery
 * @param sending from the trigger to the server's answer, sent once it handed over the last message; zero
 *     when the answer did not come in time
 * @param latency from each payload's send time to its arrival, in microseconds
 * @param window the wall time over which CPU was measured: from just before the trigger until every
 *     connection had all K (or the timeout)
 * @param clientCpuNanos CPU time of this client process in the window, -1 when unknown
 * @param serverCpuNanos CPU time of the server processes (the server, and Redis when there is one) in the
 *     window, -1 when unknown
 */
public record FanOutResult(int connections, int messages, long delivered, long missing, int connectionsMissing,
                           int maxMissingPerConnection, long repeated, Duration elapsed, Duration sending,
                           Percentiles latency, Duration window, long clientCpuNanos, long serverCpuNanos) {
    /** @return delivered payloads per second of elapsed time */
    public double deliveriesPerSecond() {
        return elapsed.isZero() ? 0 : delivered / seconds(elapsed);
    }

    /** @return messages the server sent per second, from the trigger to its answer; NaN when it did not answer in time */
    public double sendsPerSecond() {
        return sending.isZero() ? Double.NaN : messages / seconds(sending);
    }

    /** @return the client's CPU over the window: 1.0 is one core busy all the time; NaN when unknown */
    public double clientCores() {
        return cores(clientCpuNanos);
    }

    /** @return the servers' CPU over the window; NaN when unknown */
    public double serverCores() {
        return cores(serverCpuNanos);
    }

    /** @return the client's CPU time per delivered payload, in microseconds; NaN when unknown */
    public double clientMicrosPerDelivery() {
        return perDelivery(clientCpuNanos);
    }

    /** @return the servers' CPU time per delivered payload, in microseconds; NaN when unknown */
    public double serverMicrosPerDelivery() {
        return perDelivery(serverCpuNanos);
    }

    private double cores(long cpuNanos) {
        return cpuNanos < 0 || window.isZero() ? Double.NaN : cpuNanos / (double) window.toNanos();
    }

    private double perDelivery(long cpuNanos) {
        return cpuNanos < 0 || delivered == 0 ? Double.NaN : cpuNanos / 1000.0 / delivered;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
