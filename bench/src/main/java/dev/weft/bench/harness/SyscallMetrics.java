package dev.weft.bench.harness;

import dev.weft.bench.peer.PeerResult;
import dev.weft.bench.peer.ProcSelf.TimedCounts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The system calls and context switches per message of a throughput run's two processes, from the
 * counts each side took over its own timed block ({@code timed_syscr}, {@code timed_syscw}, {@code
 * timed_vcsw}, {@code timed_ivcsw}) divided by the messages that block timed ({@code
 * timed_messages}). A side without the counts (no {@code /proc}) yields no metric, never a zero.
 *
 * <p>{@code /proc/<pid>/io} counts read- and write-family calls (read, readv, write, writev), which
 * is how a JVM does socket I/O, but not send, recv, sendto, recvfrom, sendmsg and recvmsg, which is
 * how libzmq does it. A peer that makes such calls counts them itself ({@code timed_socket_reads},
 * {@code timed_socket_writes}: the libzmq C peer interposes them), and they are added to its reads
 * and writes so that every column counts the same calls.
 */
final class SyscallMetrics {
    /** The counter fields a side reports all of, or none. */
    static final List<String> FIELDS =
            List.of(
                    TimedCounts.READ_SYSCALLS,
                    TimedCounts.WRITE_SYSCALLS,
                    TimedCounts.VOLUNTARY_SWITCHES,
                    TimedCounts.INVOLUNTARY_SWITCHES);

    /** A peer's own count of recv-family calls in its timed block, where it makes them. */
    static final String SOCKET_READS = "timed_socket_reads";

    /** A peer's own count of send-family calls in its timed block, where it makes them. */
    static final String SOCKET_WRITES = "timed_socket_writes";

    private SyscallMetrics() {}

    /**
     * Lists what is wrong with one side's counters: some present and others missing, or a negative
     * count.
     *
     * @param side the side's name for the message, e.g. {@code thr-send}
     * @param r the side's good result
     * @return the problems, each starting with {@code BAD_COUNTERS}; empty when the counters are
     *     all there and sane, or all absent
     */
    static List<String> problems(String side, PeerResult r) {
        List<String> p = new ArrayList<>();
        long present = FIELDS.stream().filter(r.fields()::containsKey).count();
        if (present == 0) {
            return p;
        }
        if (present < FIELDS.size()) {
            p.add(
                    "BAD_COUNTERS: "
                            + side
                            + " reported only some of "
                            + FIELDS
                            + " (fields: "
                            + r.fields().keySet()
                            + ")");
            return p;
        }
        List<String> all = new ArrayList<>(FIELDS);
        for (String f : List.of(SOCKET_READS, SOCKET_WRITES)) {
            if (r.fields().containsKey(f)) {
                all.add(f);
            }
        }
        for (String f : all) {
            if (r.longField(f) < 0) {
                p.add("BAD_COUNTERS: " + side + " reported " + f + "=" + r.longField(f));
            }
        }
        return p;
    }

    /**
     * Computes the per-message metrics of both sides of a verified throughput run.
     *
     * @param sender the sending side's result
     * @param receiver the receiving side's result
     * @return the sender's and receiver's reads, writes (socket calls outside {@code /proc}'s count
     *     included) and context switches per message, for each side that reported its counters
     */
    static Map<Metric, Double> metrics(PeerResult sender, PeerResult receiver) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        if (hasCounters(sender)) {
            long n = sender.longField("timed_messages");
            m.put(Metric.SENDER_READ_SYSCALLS, perMessage(reads(sender), n));
            m.put(Metric.SENDER_WRITE_SYSCALLS, perMessage(writes(sender), n));
            m.put(Metric.SENDER_CONTEXT_SWITCHES, perMessage(switches(sender), n));
        }
        if (hasCounters(receiver)) {
            long n = receiver.longField("timed_messages");
            m.put(Metric.RECEIVER_READ_SYSCALLS, perMessage(reads(receiver), n));
            m.put(Metric.RECEIVER_WRITE_SYSCALLS, perMessage(writes(receiver), n));
            m.put(Metric.RECEIVER_CONTEXT_SWITCHES, perMessage(switches(receiver), n));
        }
        return m;
    }

    /**
     * Divides a count by the messages it was spent on.
     *
     * @param count system calls or switches
     * @param messages timed messages, at least 1
     * @return the count per message
     * @throws IllegalArgumentException when {@code messages} is below 1
     */
    static double perMessage(long count, long messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 1)");
        }
        return (double) count / messages;
    }

    private static boolean hasCounters(PeerResult r) {
        return r.fields().keySet().containsAll(FIELDS);
    }

    private static long reads(PeerResult r) {
        return r.longField(TimedCounts.READ_SYSCALLS) + optional(r, SOCKET_READS);
    }

    private static long writes(PeerResult r) {
        return r.longField(TimedCounts.WRITE_SYSCALLS) + optional(r, SOCKET_WRITES);
    }

    private static long optional(PeerResult r, String field) {
        return r.fields().containsKey(field) ? r.longField(field) : 0;
    }

    private static long switches(PeerResult r) {
        return r.longField(TimedCounts.VOLUNTARY_SWITCHES)
                + r.longField(TimedCounts.INVOLUNTARY_SWITCHES);
    }
}
