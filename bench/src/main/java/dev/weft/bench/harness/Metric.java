package dev.weft.bench.harness;

/** A number the harness reports for a run, with its unit and which direction is better. */
public enum Metric {
    /** Messages per second at the receiver. */
    MESSAGES_PER_SECOND("msg/s", true),
    /** Payload megabytes (10^6 bytes) per second at the receiver. */
    MEGABYTES_PER_SECOND("MB/s", true),
    /** Median round trip, microseconds. */
    P50_MICROS("p50 µs", false),
    /** 99th-percentile round trip, microseconds. */
    P99_MICROS("p99 µs", false),
    /** 99.9th-percentile round trip, microseconds. */
    P999_MICROS("p99.9 µs", false),
    /** Share of the timed messages published that reached the subscribers, percent. */
    DELIVERED_PERCENT("delivered %", true);

    private final String label;
    private final boolean higherIsBetter;

    Metric(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /**
     * Returns the name shown in tables.
     *
     * @return e.g. {@code p99.9 µs}
     */
    public String label() {
        return label;
    }

    /**
     * Tells which direction is better.
     *
     * @return true for rates, false for latencies
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
