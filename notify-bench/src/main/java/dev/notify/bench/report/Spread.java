package dev.notify.bench.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Median, minimum and maximum of repeated measurements.
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min the smallest
 * @param max the largest
 * @param count how many
 */
public record Spread(double median, double min, double max, int count) {
    /**
     * @param values the measurements
     * @return their spread; all NaN when there are none
     */
    public static Spread of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /**
     * @param values the measurements
     * @return their spread
     */
    public static Spread of(double... values) {
        return of(Arrays.stream(values).boxed().toList());
    }

    /**
     * @param decimals digits after the point
     * @return {@code median (min–max)}, or {@code median} alone when all values are the same, {@code –} for none
     */
    public String format(int decimals) {
        if (count == 0) {
            return "–";
        }
        String m = number(median, decimals);
        String low = number(min, decimals);
        String high = number(max, decimals);
        return low.equals(high) ? m : m + " (" + low + "–" + high + ")";
    }

    static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
