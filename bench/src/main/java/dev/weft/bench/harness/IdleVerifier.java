package dev.weft.bench.harness;

import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checks and metrics of an idle-connection run. A run passes only when both sides report
 * exactly the connections asked for (the accepting side counts one hello from each DEALER, so a run
 * that did not reach N is refused) and the connecting side timed something. Memory figures are per
 * connection: (after − before) / N, for each figure both snapshots have; a figure a side could not
 * read (no {@code /proc}, or not a JVM) yields no metric.
 */
final class IdleVerifier {
    private IdleVerifier() {}

    /**
     * Lists every problem with an idle-connection run's two results (both reported success).
     *
     * @param args the run's arguments ({@code connections})
     * @param connecting the DEALER side's result
     * @param accepting the ROUTER side's result
     * @return the problems, each starting with a condition name; empty when the run is good
     */
    static List<String> problems(PeerArgs args, PeerResult connecting, PeerResult accepting) {
        List<String> p = new ArrayList<>();
        int n = args.connections();
        try {
            long opened = connecting.longField("connections");
            long counted = accepting.longField("connections");
            if (opened != n) {
                p.add("CONNECTIONS: the connecting side opened " + opened + " of " + n);
            }
            if (counted != n) {
                p.add(
                        "CONNECTIONS: the accepting side heard from "
                                + counted
                                + " of "
                                + n
                                + " DEALERs");
            }
            long connectNs = connecting.longField("connect_ns");
            long callsNs = connecting.longField("connect_calls_ns");
            if (callsNs <= 0 || connectNs < callsNs) {
                p.add(
                        "NO_TIMING: connect calls took "
                                + callsNs
                                + " ns, connecting all "
                                + connectNs
                                + " ns");
            }
            for (String figure :
                    List.of("rss_%s_kib", "heap_%s_bytes", "direct_%s_bytes", "fds_%s")) {
                pairProblem("connecting side", connecting, figure, p);
                pairProblem("accepting side", accepting, figure, p);
            }
        } catch (IllegalStateException e) {
            p.add("BAD_RESULT: " + e.getMessage());
        }
        return p;
    }

    /**
     * Computes a verified idle-connection run's metrics.
     *
     * @param args the run's arguments ({@code connections})
     * @param connecting the DEALER side's result
     * @param accepting the ROUTER side's result
     * @return the connect times and each side's per-connection figures that both its snapshots have
     */
    static Map<Metric, Double> metrics(PeerArgs args, PeerResult connecting, PeerResult accepting) {
        int n = args.connections();
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.CONNECT_MILLIS, connecting.longField("connect_ns") / 1e6);
        m.put(Metric.CONNECT_CALLS_MILLIS, connecting.longField("connect_calls_ns") / 1e6);
        side(
                connecting,
                n,
                m,
                Metric.CONNECTING_RSS_KIB,
                Metric.CONNECTING_HEAP_KIB,
                Metric.CONNECTING_DIRECT_KIB,
                Metric.CONNECTING_HEAP_DIRECT_KIB,
                Metric.CONNECTING_FDS);
        side(
                accepting,
                n,
                m,
                Metric.ACCEPTING_RSS_KIB,
                Metric.ACCEPTING_HEAP_KIB,
                Metric.ACCEPTING_DIRECT_KIB,
                Metric.ACCEPTING_HEAP_DIRECT_KIB,
                Metric.ACCEPTING_FDS);
        return m;
    }

    /**
     * Returns how much a figure grew per connection between a side's two snapshots.
     *
     * @param r the side's result
     * @param figure the field pattern, {@code %s} standing for {@code before} or {@code after}
     * @param connections N
     * @return (after − before) / N, or null when either snapshot lacks the figure
     */
    static Double perConnection(PeerResult r, String figure, int connections) {
        String before = figure.formatted("before");
        String after = figure.formatted("after");
        if (!r.fields().containsKey(before) || !r.fields().containsKey(after)) {
            return null;
        }
        return (double) (r.longField(after) - r.longField(before)) / connections;
    }

    private static void side(
            PeerResult r,
            int n,
            Map<Metric, Double> m,
            Metric rss,
            Metric heap,
            Metric direct,
            Metric heapDirect,
            Metric fds) {
        put(m, rss, perConnection(r, "rss_%s_kib", n));
        Double heapBytes = perConnection(r, "heap_%s_bytes", n);
        Double directBytes = perConnection(r, "direct_%s_bytes", n);
        put(m, heap, heapBytes == null ? null : heapBytes / 1024);
        put(m, direct, directBytes == null ? null : directBytes / 1024);
        if (heapBytes != null && directBytes != null) {
            m.put(heapDirect, (heapBytes + directBytes) / 1024);
        }
        put(m, fds, perConnection(r, "fds_%s", n));
    }

    private static void put(Map<Metric, Double> m, Metric metric, Double v) {
        if (v != null) {
            m.put(metric, v);
        }
    }

    private static void pairProblem(String side, PeerResult r, String figure, List<String> p) {
        boolean before = r.fields().containsKey(figure.formatted("before"));
        boolean after = r.fields().containsKey(figure.formatted("after"));
        if (before != after) {
            p.add(
                    "BAD_RESULT: the "
                            + side
                            + " reported "
                            + figure.formatted(before ? "before" : "after")
                            + " without "
                            + figure.formatted(before ? "after" : "before"));
        }
    }
}
