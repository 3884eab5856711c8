package dev.notify.bench.report;

import dev.notify.bench.Scenario;
import dev.notify.bench.client.EchoResult;

/**
 * One repetition of the echo measurement against one server.
 *
 * @param scenario the server
 * @param rep the repetition, from 1
 * @param result the round trips, or null when the run failed
 * @param connections connections used in parallel
 * @param error why the run failed, or null
 */
public record EchoRun(Scenario scenario, int rep, int connections, EchoResult result, String error) {
}
