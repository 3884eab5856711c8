package dev.notify.bench.report;

/**
 * One JMH benchmark's primary result.
 *
 * @param benchmark the benchmark method, {@code Class.method}
 * @param score the score
 * @param error the 99.9% confidence half-width, NaN when there were too few iterations
 * @param unit the score's unit
 */
public record MicroResult(String benchmark, double score, double error, String unit) {
}
