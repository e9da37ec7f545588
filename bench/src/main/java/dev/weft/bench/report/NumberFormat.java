package dev.weft.bench.report;

import dev.weft.bench.harness.Metric;
import java.util.Locale;

/**
 * Formats metric values for tables: about three significant digits (also below 1, e.g. {@code
 * 0.00262}), one scale per cell.
 */
public final class NumberFormat {
    private NumberFormat() {}

    /**
     * Formats a median with the min–max range of its rounds.
     *
     * @param median the median
     * @param min the smallest round
     * @param max the largest round
     * @param metric what the numbers are
     * @return e.g. {@code 2.41 M (2.30–2.50)}; just the median when min equals max
     */
    public static String withRange(double median, double min, double max, Metric metric) {
        double scale = scale(median, metric);
        String suffix = suffix(scale);
        int decimals = decimals(median / scale);
        String m = fixed(median / scale, decimals) + suffix;
        if (min == max) {
            return m;
        }
        return m + " (" + fixed(min / scale, decimals) + "–" + fixed(max / scale, decimals) + ")";
    }

    /**
     * Formats one value.
     *
     * @param value the value
     * @param metric what it is
     * @return e.g. {@code 54.2} or {@code 1.86 M}
     */
    public static String value(double value, Metric metric) {
        double scale = scale(value, metric);
        return fixed(value / scale, decimals(value / scale)) + suffix(scale);
    }

    /**
     * Formats a ratio.
     *
     * @param ratio the ratio
     * @return e.g. {@code 1.23×}
     */
    public static String ratio(double ratio) {
        int decimals = ratio >= 10 ? 1 : ratio >= 0.1 ? 2 : 3;
        return fixed(ratio, decimals) + "×";
    }

    private static double scale(double v, Metric metric) {
        if (metric != Metric.MESSAGES_PER_SECOND) {
            return 1;
        }
        if (v >= 1e6) {
            return 1e6;
        }
        return v >= 1e3 ? 1e3 : 1;
    }

    private static String suffix(double scale) {
        if (scale == 1e6) {
            return " M";
        }
        return scale == 1e3 ? " k" : "";
    }

    private static int decimals(double scaled) {
        double a = Math.abs(scaled);
        if (a >= 100) {
            return 0;
        }
        if (a >= 1 || a == 0) {
            return a >= 10 ? 1 : 2;
        }
        // Below 1 (system calls per message: 0.0026), three significant digits.
        return Math.min(8, 2 - (int) Math.floor(Math.log10(a)));
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
