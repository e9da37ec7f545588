package dev.weft.bench.harness;

/**
 * A number the harness reports for a run, with its unit, which direction is better, which table
 * shows it and which side of the run it describes.
 */
public enum Metric {
    /** Messages per second at the receiver. */
    MESSAGES_PER_SECOND("msg/s", "msg/s", true, Table.LIBRARIES, Side.RUN),
    /** Payload megabytes (10^6 bytes) per second at the receiver. */
    MEGABYTES_PER_SECOND("MB/s", "MB/s", true, Table.LIBRARIES, Side.RUN),
    /** Median round trip, microseconds. */
    P50_MICROS("p50 µs", "µs", false, Table.LIBRARIES, Side.RUN),
    /** 99th-percentile round trip, microseconds. */
    P99_MICROS("p99 µs", "µs", false, Table.LIBRARIES, Side.RUN),
    /** 99.9th-percentile round trip, microseconds. */
    P999_MICROS("p99.9 µs", "µs", false, Table.LIBRARIES, Side.RUN),
    /** Share of the timed messages published that reached the subscribers, percent. */
    DELIVERED_PERCENT("delivered %", "%", true, Table.LIBRARIES, Side.RUN),

    /** The sending process's read-like system calls per timed message. */
    SENDER_READ_SYSCALLS("read syscalls/msg", "", false, Table.SYSCALLS, Side.CONNECTING),
    /** The sending process's write-like system calls per timed message. */
    SENDER_WRITE_SYSCALLS("write syscalls/msg", "", false, Table.SYSCALLS, Side.CONNECTING),
    /** The sending process's context switches (all threads) per timed message. */
    SENDER_CONTEXT_SWITCHES("context switches/msg", "", false, Table.SYSCALLS, Side.CONNECTING),
    /** The receiving process's read-like system calls per timed message. */
    RECEIVER_READ_SYSCALLS("read syscalls/msg", "", false, Table.SYSCALLS, Side.BINDING),
    /** The receiving process's write-like system calls per timed message. */
    RECEIVER_WRITE_SYSCALLS("write syscalls/msg", "", false, Table.SYSCALLS, Side.BINDING),
    /** The receiving process's context switches (all threads) per timed message. */
    RECEIVER_CONTEXT_SWITCHES("context switches/msg", "", false, Table.SYSCALLS, Side.BINDING),

    /** Creating and connecting every idle DEALER until the ROUTER heard from all: milliseconds. */
    CONNECT_MILLIS("connect time, all handshaken (ms)", "ms", false, Table.IDLE, Side.CONNECTING),
    /** The create and connect calls alone: milliseconds. */
    CONNECT_CALLS_MILLIS("create + connect calls (ms)", "ms", false, Table.IDLE, Side.CONNECTING),
    /** The connecting process's resident memory per connection, KiB. */
    CONNECTING_RSS_KIB("RSS KiB/conn", "KiB", false, Table.IDLE, Side.CONNECTING),
    /** The connecting process's heap after GC per connection, KiB. */
    CONNECTING_HEAP_KIB("heap after GC KiB/conn", "KiB", false, Table.IDLE, Side.CONNECTING),
    /** The connecting process's direct memory per connection, KiB. */
    CONNECTING_DIRECT_KIB("direct KiB/conn", "KiB", false, Table.IDLE, Side.CONNECTING),
    /** The connecting process's heap after GC plus direct memory per connection, KiB. */
    CONNECTING_HEAP_DIRECT_KIB("heap + direct KiB/conn", "KiB", false, Table.IDLE, Side.CONNECTING),
    /** The connecting process's file descriptors per connection. */
    CONNECTING_FDS("file descriptors/conn", "", false, Table.IDLE, Side.CONNECTING),
    /** The accepting process's resident memory per connection, KiB. */
    ACCEPTING_RSS_KIB("RSS KiB/conn", "KiB", false, Table.IDLE, Side.BINDING),
    /** The accepting process's heap after GC per connection, KiB. */
    ACCEPTING_HEAP_KIB("heap after GC KiB/conn", "KiB", false, Table.IDLE, Side.BINDING),
    /** The accepting process's direct memory per connection, KiB. */
    ACCEPTING_DIRECT_KIB("direct KiB/conn", "KiB", false, Table.IDLE, Side.BINDING),
    /** The accepting process's heap after GC plus direct memory per connection, KiB. */
    ACCEPTING_HEAP_DIRECT_KIB("heap + direct KiB/conn", "KiB", false, Table.IDLE, Side.BINDING),
    /** The accepting process's file descriptors per connection. */
    ACCEPTING_FDS("file descriptors/conn", "", false, Table.IDLE, Side.BINDING);

    /** Which table of the report shows a metric. */
    public enum Table {
        /** The library comparison (rates and latencies). */
        LIBRARIES,
        /** Syscalls and context switches per message. */
        SYSCALLS,
        /** Idle connections. */
        IDLE
    }

    /** Which process of a run a metric describes. */
    public enum Side {
        /** The run as a whole (measured at the receiver or the client). */
        RUN,
        /** The connecting process: sender, client, subscribers, idle DEALERs. */
        CONNECTING,
        /** The binding process: receiver, echo, publisher, idle ROUTER. */
        BINDING
    }

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;
    private final Table table;
    private final Side side;

    Metric(String label, String unit, boolean higherIsBetter, Table table, Side side) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.table = table;
        this.side = side;
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
     * Returns the unit a bare value of this metric is in.
     *
     * @return e.g. {@code KiB}; empty for counts per message or per connection
     */
    public String unit() {
        return unit;
    }

    /**
     * Tells which direction is better.
     *
     * @return true for rates, false for latencies and costs
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Returns the table that shows this metric.
     *
     * @return the table
     */
    public Table table() {
        return table;
    }

    /**
     * Returns the process this metric describes.
     *
     * @return the side
     */
    public Side side() {
        return side;
    }
}
