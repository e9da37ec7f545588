package dev.weft.bench.report;

import java.util.Arrays;

/** The statistics the harness reports: medians across rounds and nearest-rank percentiles. */
public final class Stats {
    private Stats() {}

    /**
     * Returns the median: the middle value, or the mean of the two middle values for an even count.
     *
     * @param values at least one value (not modified)
     * @return the median
     * @throws IllegalArgumentException when there are no values
     */
    public static double median(double[] values) {
        requireSome(values.length);
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    /**
     * Returns the smallest value.
     *
     * @param values at least one value
     * @return the minimum
     */
    public static double min(double[] values) {
        requireSome(values.length);
        return Arrays.stream(values).min().getAsDouble();
    }

    /**
     * Returns the largest value.
     *
     * @param values at least one value
     * @return the maximum
     */
    public static double max(double[] values) {
        requireSome(values.length);
        return Arrays.stream(values).max().getAsDouble();
    }

    /**
     * Returns the nearest-rank percentile of sorted samples: the smallest sample such that at least
     * {@code p} percent of the samples are at or below it ({@code sorted[ceil(p/100*n)-1]}).
     *
     * @param sorted samples in ascending order, at least one
     * @param p the percentile, in (0, 100]
     * @return the sample at that rank
     * @throws IllegalArgumentException when there are no samples or {@code p} is out of range
     */
    public static long percentile(long[] sorted, double p) {
        requireSome(sorted.length);
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile: " + p + " (expected: 0 < p <= 100)");
        }
        // The epsilon keeps binary rounding from lifting an exact rank: 99.9% of 1000 is 999.
        long rank = (long) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, rank - 1));
        return sorted[index];
    }

    private static void requireSome(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("no values (expected: at least one)");
        }
    }
}
