package dev.weft.bench.harness;

import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checks and metrics of a run whose sender drops by design ({@link
 * Scenario.Kind#dropsByDesign()}, RADIO→DISH): the receiver may count fewer messages than the
 * sender, never more; every message it got has the run's size; both timed something. The rate is
 * what reached the receiver; the delivered share is the receiver's timed count over the sender's.
 */
final class GroupsVerifier {
    private GroupsVerifier() {}

    static List<String> problems(PeerArgs args, PeerResult sender, PeerResult receiver) {
        List<String> p = new ArrayList<>();
        try {
            long sent = sender.longField("messages");
            long got = receiver.longField("messages");
            if (got > sent) {
                p.add(
                        "COUNT_MISMATCH: the sender sent "
                                + sent
                                + " messages, the receiver got "
                                + got);
            }
            if (receiver.longField("bytes") != got * args.sizeBytes()) {
                p.add(
                        "SIZE_MISMATCH: the receiver got "
                                + receiver.longField("bytes")
                                + " bytes in "
                                + got
                                + " messages of "
                                + args.sizeBytes()
                                + " bytes");
            }
            if (sender.longField("timed_messages") < 1 || sender.longField("elapsed_ns") <= 0) {
                p.add("NO_TIMING: the sender timed no message");
            }
            if (receiver.longField("timed_messages") < 1 || receiver.longField("elapsed_ns") <= 0) {
                p.add(
                        "NO_TIMING: receiver timed "
                                + receiver.longField("timed_messages")
                                + " messages in "
                                + receiver.longField("elapsed_ns")
                                + " ns");
            }
        } catch (IllegalStateException e) {
            p.add("BAD_RESULT: " + e.getMessage());
        }
        return p;
    }

    static Map<Metric, Double> metrics(PeerArgs args, PeerResult sender, PeerResult receiver) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        long timed = receiver.longField("timed_messages");
        double rate = timed / (receiver.longField("elapsed_ns") / 1e9);
        m.put(Metric.MESSAGES_PER_SECOND, rate);
        m.put(Metric.MEGABYTES_PER_SECOND, rate * args.sizeBytes() / 1e6);
        // Warm-up messages still in flight when the sender's clock started count as timed at the
        // receiver: capped, so a run that dropped nothing shows 100 %.
        m.put(
                Metric.DELIVERED_PERCENT,
                Math.min(100.0, 100.0 * timed / sender.longField("timed_messages")));
        return m;
    }
}
