package dev.notify.bench.report;

import dev.notify.bench.Scenario;
import dev.notify.bench.client.FanOutResult;

/**
 * One repetition of a run of K group messages against one server: a fresh server process, warmed up,
 * then N connections and the K messages (a burst, or the steady state's paced sends).
 *
 * @param scenario the server
 * @param size N
 * @param rep the repetition, from 1
 * @param result the run as the client saw it, or null when the run failed
 * @param connectsPerSecond accepted handshakes per second while opening the N connections
 * @param connectFailures attempts that were refused or timed out
 * @param notReady connections that did not answer the readiness text
 * @param residentBefore the server's resident memory before the N connections, in bytes
 * @param residentAfter the same once they were open and ready
 * @param residentEnd the same once the run ended, before the connections closed
 * @param error why the run failed, or null
 */
public record FanOutRun(Scenario scenario, int size, int rep, FanOutResult result, double connectsPerSecond,
                        int connectFailures, int notReady, long residentBefore, long residentAfter, long residentEnd,
                        String error) {
    /**
     * @param scenario the server
     * @param size N
     * @param rep the repetition
     * @param error what went wrong
     * @return a failed run
     */
    public static FanOutRun failed(Scenario scenario, int size, int rep, String error) {
        return new FanOutRun(scenario, size, rep, null, 0, 0, 0, -1, -1, -1, error);
    }

    /** @return whether it produced figures */
    public boolean ok() {
        return result != null;
    }

    /** @return resident memory growth per open, idle connection, in kilobytes; NaN when unknown */
    public double kilobytesPerConnection() {
        if (residentBefore < 0 || residentAfter < 0 || result == null || result.connections() == 0) {
            return Double.NaN;
        }
        return (residentAfter - residentBefore) / 1024.0 / result.connections();
    }

    /** @return the server's resident memory when the run ended, in mebibytes; NaN when unknown */
    public double megabytesAtEnd() {
        return residentEnd < 0 ? Double.NaN : residentEnd / 1024.0 / 1024.0;
    }

    /** @return how much the server's resident memory grew during the run, in mebibytes; NaN when unknown */
    public double megabytesGrown() {
        return residentEnd < 0 || residentAfter < 0 ? Double.NaN : (residentEnd - residentAfter) / 1024.0 / 1024.0;
    }
}
