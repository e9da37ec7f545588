package dev.weft.bench.harness;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.peer.PeerRole;
import java.util.List;
import java.util.Locale;

/**
 * One row group of the comparison: a kind of measurement, a pattern, a message size and the
 * libraries to run it with.
 *
 * @param kind throughput, round-trip latency, fan-out or idle connections
 * @param pattern which sockets
 * @param sizeBytes payload size (idle connections: their 4-byte hello)
 * @param libraries the libraries to compare, in the order they alternate
 */
public record Scenario(Kind kind, Pattern pattern, int sizeBytes, List<Library> libraries) {
    /** The prefix of the connecting side's fields in the result of a one-process run. */
    public static final String CONNECTING_PREFIX = "connecting.";

    /** What a scenario measures. */
    public enum Kind {
        /** One-way rate, sender and receiver in separate processes. */
        THROUGHPUT(
                "thr",
                "",
                false,
                PeerRole.THROUGHPUT_SENDER,
                PeerRole.THROUGHPUT_RECEIVER,
                List.of(
                        Metric.MESSAGES_PER_SECOND,
                        Metric.MEGABYTES_PER_SECOND,
                        Metric.SENDER_READ_SYSCALLS,
                        Metric.SENDER_WRITE_SYSCALLS,
                        Metric.SENDER_CONTEXT_SWITCHES,
                        Metric.RECEIVER_READ_SYSCALLS,
                        Metric.RECEIVER_WRITE_SYSCALLS,
                        Metric.RECEIVER_CONTEXT_SWITCHES)),
        /**
         * One-way rate over inproc: sender and receiver are two threads of one process, their
         * sockets in one context (the only way inproc joins them), so the run has one process.
         */
        THROUGHPUT_INPROC(
                "thr-inproc",
                "",
                false,
                PeerRole.INPROC_SENDER,
                PeerRole.INPROC_RECEIVER,
                List.of(Metric.MESSAGES_PER_SECOND, Metric.MEGABYTES_PER_SECOND)),
        /**
         * One-way rate of a sender that drops instead of waiting (RADIO→DISH), over tcp loopback:
         * both halves in one process, so that the sender starts once the dish's join took effect
         * and repeats the end marker until it arrived. The rate is what reached the receiver; the
         * delivered share is that part of the timed messages sent.
         */
        THROUGHPUT_GROUPS(
                "thr-groups",
                ", one process",
                false,
                PeerRole.GROUPS_SENDER,
                PeerRole.GROUPS_RECEIVER,
                List.of(
                        Metric.MESSAGES_PER_SECOND,
                        Metric.MEGABYTES_PER_SECOND,
                        Metric.DELIVERED_PERCENT)),
        /**
         * {@link #THROUGHPUT_GROUPS} over {@code udp://} loopback (libzmq's datagrams, one per
         * message): what reaches the DISH, after the kernel's receive buffer dropped what the DISH
         * did not read in time. Weft only: JeroMQ 0.6.0 has no udp transport, and Debian's libzmq
         * no RADIO/DISH.
         */
        THROUGHPUT_GROUPS_UDP(
                "thr-groups-udp",
                ", one process",
                false,
                PeerRole.GROUPS_SENDER,
                PeerRole.GROUPS_RECEIVER,
                List.of(
                        Metric.MESSAGES_PER_SECOND,
                        Metric.MEGABYTES_PER_SECOND,
                        Metric.DELIVERED_PERCENT)),
        /** {@link #THROUGHPUT_GROUPS} over inproc. */
        THROUGHPUT_GROUPS_INPROC(
                "thr-groups-inproc",
                "",
                false,
                PeerRole.GROUPS_SENDER,
                PeerRole.GROUPS_RECEIVER,
                List.of(
                        Metric.MESSAGES_PER_SECOND,
                        Metric.MEGABYTES_PER_SECOND,
                        Metric.DELIVERED_PERCENT)),
        /** Round trips, client and echo in separate processes. */
        LATENCY(
                "lat",
                "",
                true,
                PeerRole.LATENCY_CLIENT,
                PeerRole.LATENCY_ECHO,
                List.of(Metric.P50_MICROS, Metric.P99_MICROS, Metric.P999_MICROS)),
        /**
         * One publisher to several subscribers (publisher and subscribers in separate processes),
         * the publisher blocking at a full subscriber: the rate each subscriber receives.
         */
        FANOUT_LOSSLESS(
                "fan-lossless",
                ", lossless, per subscriber",
                false,
                PeerRole.FANOUT_SUBSCRIBERS,
                PeerRole.FANOUT_PUBLISHER_LOSSLESS,
                List.of(Metric.MESSAGES_PER_SECOND, Metric.MEGABYTES_PER_SECOND)),
        /**
         * One publisher to several subscribers, the publisher dropping for a full subscriber (the
         * default high-water-mark behaviour): the rate each subscriber receives and how much of the
         * timed part reached it.
         */
        FANOUT_DEFAULT_HWM(
                "fan-hwm",
                ", default HWM, per subscriber",
                false,
                PeerRole.FANOUT_SUBSCRIBERS,
                PeerRole.FANOUT_PUBLISHER,
                List.of(
                        Metric.MESSAGES_PER_SECOND,
                        Metric.MEGABYTES_PER_SECOND,
                        Metric.DELIVERED_PERCENT)),
        /**
         * N idle DEALER connections from one process to a ROUTER in another: what each connection
         * costs each side, and how long connecting them all takes.
         */
        IDLE_CONNECTIONS(
                "idle",
                " idle connections",
                false,
                PeerRole.IDLE_CONNECT,
                PeerRole.IDLE_ACCEPT,
                List.of(
                        Metric.CONNECT_MILLIS,
                        Metric.CONNECT_CALLS_MILLIS,
                        Metric.CONNECTING_RSS_KIB,
                        Metric.CONNECTING_HEAP_KIB,
                        Metric.CONNECTING_DIRECT_KIB,
                        Metric.CONNECTING_HEAP_DIRECT_KIB,
                        Metric.CONNECTING_FDS,
                        Metric.ACCEPTING_RSS_KIB,
                        Metric.ACCEPTING_HEAP_KIB,
                        Metric.ACCEPTING_DIRECT_KIB,
                        Metric.ACCEPTING_HEAP_DIRECT_KIB,
                        Metric.ACCEPTING_FDS));

        private final String prefix;
        private final String titleSuffix;
        private final boolean roundTrips;
        private final PeerRole connecting;
        private final PeerRole binding;
        private final List<Metric> metrics;

        Kind(
                String prefix,
                String titleSuffix,
                boolean roundTrips,
                PeerRole connecting,
                PeerRole binding,
                List<Metric> metrics) {
            this.prefix = prefix;
            this.titleSuffix = titleSuffix;
            this.roundTrips = roundTrips;
            this.connecting = connecting;
            this.binding = binding;
            this.metrics = metrics;
        }

        /**
         * Tells whether runs of this kind time round trips rather than a one-way stream (which
         * decides durations, warm-up and count bounds).
         *
         * @return true for latency runs
         */
        public boolean roundTrips() {
            return roundTrips;
        }

        /**
         * Tells whether runs of this kind time a one-way stream from a sender to a receiver.
         *
         * @return true for the throughput kinds, over tcp or inproc
         */
        public boolean oneWay() {
            return this == THROUGHPUT || this == THROUGHPUT_INPROC;
        }

        /**
         * Tells whether both sides of a run live in one process: the binding role's process runs
         * them both and reports the connecting side's fields with the prefix {@value
         * #CONNECTING_PREFIX}.
         *
         * @return true for inproc runs
         */
        public boolean inOneProcess() {
            return this == THROUGHPUT_INPROC || dropsByDesign();
        }

        /**
         * Tells whether the run's endpoint is an inproc name rather than a tcp port.
         *
         * @return true for the inproc kinds
         */
        public boolean overInproc() {
            return this == THROUGHPUT_INPROC || this == THROUGHPUT_GROUPS_INPROC;
        }

        /**
         * Tells whether the run's endpoint is a udp port rather than a tcp port.
         *
         * @return true for the udp kind
         */
        public boolean overUdp() {
            return this == THROUGHPUT_GROUPS_UDP;
        }

        /**
         * Tells whether the sender drops for a full receiver (RADIO), so that the receiver's count
         * is at most the sender's rather than equal to it.
         *
         * @return true for the groups kinds
         */
        public boolean dropsByDesign() {
            return this == THROUGHPUT_GROUPS
                    || this == THROUGHPUT_GROUPS_INPROC
                    || this == THROUGHPUT_GROUPS_UDP;
        }

        /**
         * Tells whether one sender feeds several receivers.
         *
         * @return true for the fan-out kinds
         */
        public boolean fansOut() {
            return connecting == PeerRole.FANOUT_SUBSCRIBERS;
        }

        /**
         * Returns the role of the connecting process.
         *
         * @return the sender or client role
         */
        public PeerRole connectingRole() {
            return connecting;
        }

        /**
         * Returns the role of the binding process, started first.
         *
         * @return the receiver or echo role
         */
        public PeerRole bindingRole() {
            return binding;
        }

        /**
         * Returns the metrics a run of this kind yields.
         *
         * @return the metrics, in table order
         */
        public List<Metric> metrics() {
            return metrics;
        }

        /**
         * Returns the metrics of this kind that one table of the report shows.
         *
         * @param table the table
         * @return those metrics, in table order
         */
        public List<Metric> metrics(Metric.Table table) {
            return metrics.stream().filter(m -> m.table() == table).toList();
        }
    }

    /** Copies the library list. */
    public Scenario {
        libraries = List.copyOf(libraries);
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("size: " + sizeBytes + " (expected: >= 1)");
        }
    }

    /**
     * Returns a stable identifier for files and target definitions.
     *
     * @return e.g. {@code thr-dealer_router-16} or {@code fan-hwm-pub_sub-64}; {@code
     *     idle-dealer_router} for idle connections, whose size is only that of their hellos
     */
    public String id() {
        String base = kind.prefix + "-" + pattern.name().toLowerCase(Locale.ROOT);
        return kind == Kind.IDLE_CONNECTIONS ? base : base + "-" + sizeBytes;
    }

    /**
     * Names one process of this scenario's runs in tables.
     *
     * @param side which process
     * @return e.g. {@code sender (PUSH)}, {@code receiver (ROUTER)}, {@code connecting (DEALERs)}
     */
    public String sideLabel(Metric.Side side) {
        return switch (side) {
            case RUN -> "";
            case CONNECTING ->
                    switch (kind) {
                        case THROUGHPUT,
                                THROUGHPUT_INPROC,
                                THROUGHPUT_GROUPS,
                                THROUGHPUT_GROUPS_INPROC,
                                THROUGHPUT_GROUPS_UDP ->
                                "sender (" + pattern.sender() + ")";
                        case IDLE_CONNECTIONS -> "connecting (" + pattern.sender() + "s)";
                        default -> kind.connecting.cliName();
                    };
            case BINDING ->
                    switch (kind) {
                        case THROUGHPUT,
                                THROUGHPUT_INPROC,
                                THROUGHPUT_GROUPS,
                                THROUGHPUT_GROUPS_INPROC,
                                THROUGHPUT_GROUPS_UDP ->
                                "receiver (" + pattern.receiver() + ")";
                        case IDLE_CONNECTIONS -> "accepting (" + pattern.receiver() + ")";
                        default -> kind.binding.cliName();
                    };
        };
    }

    /**
     * Returns the name shown in tables.
     *
     * @return e.g. {@code DEALER→ROUTER 16 B}, {@code PUSH→PULL inproc 16 B}, {@code DEALER↔ROUTER
     *     round trip 4 KiB}, {@code PUB→4 SUB 64 B, lossless, per subscriber} or {@code
     *     DEALER→ROUTER idle connections}
     */
    public String title() {
        String label = pattern.label();
        if (kind == Kind.IDLE_CONNECTIONS) {
            return label + kind.titleSuffix;
        }
        if (kind == Kind.LATENCY) {
            label =
                    label.replace('→', '↔')
                            + (pattern == Pattern.RAW_TCP ? " ping-pong" : " round trip");
        } else if (kind.overInproc()) {
            label = label + " inproc";
        } else if (kind.overUdp()) {
            label = label + " udp";
        } else if (pattern == Pattern.RAW_TCP) {
            label = label + " bulk, writes of";
        }
        return label + " " + formatSize(sizeBytes) + kind.titleSuffix;
    }

    /**
     * Formats a byte size the way the tables do.
     *
     * @param bytes the size
     * @return e.g. {@code 16 B}, {@code 4 KiB}, {@code 256 KiB}
     */
    public static String formatSize(int bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }
}
