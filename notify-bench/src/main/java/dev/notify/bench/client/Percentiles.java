package dev.notify.bench.client;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in microseconds.
 *
 * @param count recorded values
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max the largest value
 */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {
    /** No values. */
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0);

    static Percentiles of(Histogram histogram, double unitsPerMicro) {
        if (histogram.getTotalCount() == 0) {
            return NONE;
        }
        return new Percentiles(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / unitsPerMicro,
                histogram.getValueAtPercentile(90) / unitsPerMicro,
                histogram.getValueAtPercentile(99) / unitsPerMicro,
                histogram.getValueAtPercentile(99.9) / unitsPerMicro,
                histogram.getMaxValue() / unitsPerMicro);
    }
}
