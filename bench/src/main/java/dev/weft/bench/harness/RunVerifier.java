package dev.weft.bench.harness;

import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what both sides of a run reported before any number is taken from it, and computes the
 * run's metrics. A run passes only when both sides reported a result and they agree on the message
 * count and payload bytes, and those match the message size: no silent zeros. Fan-out runs have
 * their own checks ({@link FanOutVerifier}), and so do idle-connection runs ({@link IdleVerifier})
 * and the runs of a sender that drops by design ({@link GroupsVerifier}); a throughput side's
 * system-call counters, when it reports them, must be complete ({@link SyscallMetrics}).
 */
public final class RunVerifier {
    private RunVerifier() {}

    /**
     * Lists every problem with a run's two results.
     *
     * @param kind what was measured
     * @param args the binding side's arguments (size, warm-up)
     * @param connecting the sender's or client's result
     * @param binding the receiver's or echo's result
     * @return the problems, each starting with a condition name; empty when the run is good
     */
    public static List<String> problems(
            Scenario.Kind kind, PeerArgs args, PeerResult connecting, PeerResult binding) {
        List<String> p = new ArrayList<>();
        String cName = kind.connectingRole().cliName();
        String bName = kind.bindingRole().cliName();
        if (connecting == null || !connecting.isOk()) {
            p.add(cName + " failed: " + (connecting == null ? "no result" : connecting.error()));
        }
        if (binding == null || !binding.isOk()) {
            p.add(bName + " failed: " + (binding == null ? "no result" : binding.error()));
        }
        if (!p.isEmpty()) {
            return p;
        }
        if (kind.fansOut()) {
            return FanOutVerifier.problems(kind, args, binding, connecting);
        }
        if (kind.dropsByDesign()) {
            return GroupsVerifier.problems(args, connecting, binding);
        }
        if (kind == Scenario.Kind.IDLE_CONNECTIONS) {
            return IdleVerifier.problems(args, connecting, binding);
        }
        try {
            long cMessages = connecting.longField("messages");
            long bMessages = binding.longField("messages");
            long cBytes = connecting.longField("bytes");
            long bBytes = binding.longField("bytes");
            if (cMessages != bMessages) {
                p.add(
                        "COUNT_MISMATCH: "
                                + cName
                                + " sent "
                                + cMessages
                                + " messages, "
                                + bName
                                + " got "
                                + bMessages);
            }
            if (cBytes != bBytes) {
                p.add(
                        "BYTES_MISMATCH: "
                                + cName
                                + " sent "
                                + cBytes
                                + " bytes, "
                                + bName
                                + " got "
                                + bBytes);
            }
            if (bBytes != bMessages * args.sizeBytes()) {
                p.add(
                        "SIZE_MISMATCH: "
                                + bName
                                + " got "
                                + bBytes
                                + " bytes in "
                                + bMessages
                                + " messages of "
                                + args.sizeBytes()
                                + " bytes");
            }
            if (bMessages < args.warmupMessages() + 2) {
                p.add(
                        "COUNT_MISMATCH: "
                                + bMessages
                                + " messages is not more than the warm-up ("
                                + args.warmupMessages()
                                + ") plus one");
            }
            if (kind.oneWay()) {
                if (binding.longField("elapsed_ns") <= 0
                        || binding.longField("timed_messages") < 1) {
                    p.add(
                            "NO_TIMING: receiver timed "
                                    + binding.longField("timed_messages")
                                    + " messages in "
                                    + binding.longField("elapsed_ns")
                                    + " ns");
                }
                if (connecting.fields().containsKey(SyscallMetrics.FIELDS.get(0))
                        && connecting.longField("timed_messages") < 1) {
                    p.add("NO_TIMING: the sender counted system calls over no timed message");
                }
                p.addAll(SyscallMetrics.problems(cName, connecting));
                p.addAll(SyscallMetrics.problems(bName, binding));
            } else {
                long p50 = connecting.longField("p50_ns");
                long p99 = connecting.longField("p99_ns");
                long p999 = connecting.longField("p999_ns");
                if (connecting.longField("samples") < 1 || p50 <= 0 || p50 > p99 || p99 > p999) {
                    p.add(
                            "BAD_PERCENTILES: samples="
                                    + connecting.fields().get("samples")
                                    + " p50="
                                    + p50
                                    + " p99="
                                    + p99
                                    + " p99.9="
                                    + p999);
                }
            }
        } catch (IllegalStateException e) {
            p.add("BAD_RESULT: " + e.getMessage());
        }
        return p;
    }

    /**
     * Computes a verified run's metrics.
     *
     * @param kind what was measured
     * @param args the run's arguments
     * @param connecting the sender's or client's result
     * @param binding the receiver's or echo's result
     * @return the metrics of {@code kind}
     */
    public static Map<Metric, Double> metrics(
            Scenario.Kind kind, PeerArgs args, PeerResult connecting, PeerResult binding) {
        if (kind.fansOut()) {
            return FanOutVerifier.metrics(kind, args, binding, connecting);
        }
        if (kind.dropsByDesign()) {
            return GroupsVerifier.metrics(args, connecting, binding);
        }
        if (kind == Scenario.Kind.IDLE_CONNECTIONS) {
            return IdleVerifier.metrics(args, connecting, binding);
        }
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        if (kind.oneWay()) {
            double seconds = binding.longField("elapsed_ns") / 1e9;
            double rate = binding.longField("timed_messages") / seconds;
            m.put(Metric.MESSAGES_PER_SECOND, rate);
            m.put(Metric.MEGABYTES_PER_SECOND, rate * args.sizeBytes() / 1e6);
            m.putAll(SyscallMetrics.metrics(connecting, binding));
        } else {
            m.put(Metric.P50_MICROS, connecting.longField("p50_ns") / 1e3);
            m.put(Metric.P99_MICROS, connecting.longField("p99_ns") / 1e3);
            m.put(Metric.P999_MICROS, connecting.longField("p999_ns") / 1e3);
        }
        return m;
    }
}
