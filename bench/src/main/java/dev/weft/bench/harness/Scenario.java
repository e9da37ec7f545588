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
 * @param kind throughput or round-trip latency
 * @param pattern which sockets
 * @param sizeBytes payload size
 * @param libraries the libraries to compare, in the order they alternate
 */
public record Scenario(Kind kind, Pattern pattern, int sizeBytes, List<Library> libraries) {
    /** What a scenario measures. */
    public enum Kind {
        /** One-way rate, sender and receiver in separate processes. */
        THROUGHPUT(
                "thr",
                PeerRole.THROUGHPUT_SENDER,
                PeerRole.THROUGHPUT_RECEIVER,
                List.of(Metric.MESSAGES_PER_SECOND, Metric.MEGABYTES_PER_SECOND)),
        /** Round trips, client and echo in separate processes. */
        LATENCY(
                "lat",
                PeerRole.LATENCY_CLIENT,
                PeerRole.LATENCY_ECHO,
                List.of(Metric.P50_MICROS, Metric.P99_MICROS, Metric.P999_MICROS));

        private final String prefix;
        private final PeerRole connecting;
        private final PeerRole binding;
        private final List<Metric> metrics;

        Kind(String prefix, PeerRole connecting, PeerRole binding, List<Metric> metrics) {
            this.prefix = prefix;
            this.connecting = connecting;
            this.binding = binding;
            this.metrics = metrics;
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
     * @return e.g. {@code thr-dealer_router-16}
     */
    public String id() {
        return kind.prefix + "-" + pattern.name().toLowerCase(Locale.ROOT) + "-" + sizeBytes;
    }

    /**
     * Returns the name shown in tables.
     *
     * @return e.g. {@code DEALER→ROUTER 16 B} or {@code DEALER↔ROUTER round trip 4 KiB}
     */
    public String title() {
        String label = pattern.label();
        if (kind == Kind.LATENCY) {
            label =
                    label.replace('→', '↔')
                            + (pattern == Pattern.RAW_TCP ? " ping-pong" : " round trip");
        } else if (pattern == Pattern.RAW_TCP) {
            label = label + " bulk, writes of";
        }
        return label + " " + formatSize(sizeBytes);
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
