package dev.weft.bench.harness;

import dev.weft.bench.peer.FanOutRun;
import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checks and metrics of a fan-out run: the publisher's result against each subscriber's. Every
 * subscriber must report the publisher's subscriber count, all warm-up messages (the warm-up is
 * lossless in both modes), at least one timed message, and, in lossless mode, every message. In
 * default-HWM mode a subscriber may miss timed messages but never get more than were published.
 */
final class FanOutVerifier {
    private FanOutVerifier() {}

    /**
     * Lists every problem with a fan-out run's two results (both already reported success).
     *
     * @param kind a fan-out kind
     * @param args the publisher's arguments (size, warm-up)
     * @param publisher the publisher's result
     * @param subscribers the subscriber process's result
     * @return the problems, each starting with a condition name; empty when the run is good
     */
    static List<String> problems(
            Scenario.Kind kind, PeerArgs args, PeerResult publisher, PeerResult subscribers) {
        List<String> p = new ArrayList<>();
        try {
            long pubCount = publisher.longField("subscribers");
            long subCount = subscribers.longField("subscribers");
            if (pubCount != FanOutRun.SUBSCRIBERS || subCount != FanOutRun.SUBSCRIBERS) {
                p.add(
                        "SUBSCRIBER_COUNT: publisher served "
                                + pubCount
                                + ", subscriber process ran "
                                + subCount
                                + " (expected: "
                                + FanOutRun.SUBSCRIBERS
                                + ")");
                return p;
            }
            long published = publisher.longField("messages");
            if (publisher.longField("bytes") != published * args.sizeBytes()) {
                p.add(
                        "SIZE_MISMATCH: publisher sent "
                                + publisher.longField("bytes")
                                + " bytes in "
                                + published
                                + " messages of "
                                + args.sizeBytes()
                                + " bytes");
            }
            long total = 0;
            for (int i = 1; i <= FanOutRun.SUBSCRIBERS; i++) {
                long got = subscribers.longField(field(i, "messages"));
                total += got;
                if (kind == Scenario.Kind.FANOUT_LOSSLESS && got != published) {
                    p.add(
                            "COUNT_MISMATCH: publisher sent "
                                    + published
                                    + " messages without dropping, subscriber "
                                    + i
                                    + " got "
                                    + got);
                } else if (got > published) {
                    p.add(
                            "COUNT_MISMATCH: subscriber "
                                    + i
                                    + " got "
                                    + got
                                    + " messages, more than the "
                                    + published
                                    + " published");
                }
                if (got < args.warmupMessages() + 2) {
                    p.add(
                            "COUNT_MISMATCH: subscriber "
                                    + i
                                    + " got "
                                    + got
                                    + " messages, not more than the lossless warm-up ("
                                    + args.warmupMessages()
                                    + ") plus one");
                }
                if (subscribers.longField(field(i, "elapsed_ns")) <= 0
                        || subscribers.longField(field(i, "timed_messages")) < 1) {
                    p.add("NO_TIMING: subscriber " + i + " timed nothing");
                }
            }
            if (subscribers.longField("bytes") != total * args.sizeBytes()) {
                p.add(
                        "SIZE_MISMATCH: subscribers got "
                                + subscribers.longField("bytes")
                                + " bytes in "
                                + total
                                + " messages of "
                                + args.sizeBytes()
                                + " bytes");
            }
            if (subscribers.longField("messages") != total) {
                p.add(
                        "COUNT_MISMATCH: subscribers report "
                                + subscribers.longField("messages")
                                + " messages in all but "
                                + total
                                + " one by one");
            }
        } catch (IllegalStateException e) {
            p.add("BAD_RESULT: " + e.getMessage());
        }
        return p;
    }

    /**
     * Computes a verified fan-out run's metrics: the mean of the subscribers' own rates, and for
     * the default-HWM kind the share of the timed messages that reached them.
     *
     * @param kind a fan-out kind
     * @param args the run's arguments
     * @param publisher the publisher's result
     * @param subscribers the subscriber process's result
     * @return the metrics of {@code kind}
     */
    static Map<Metric, Double> metrics(
            Scenario.Kind kind, PeerArgs args, PeerResult publisher, PeerResult subscribers) {
        double rateSum = 0;
        long timedReceived = 0;
        for (int i = 1; i <= FanOutRun.SUBSCRIBERS; i++) {
            double seconds = subscribers.longField(field(i, "elapsed_ns")) / 1e9;
            rateSum += subscribers.longField(field(i, "timed_messages")) / seconds;
            timedReceived += subscribers.longField(field(i, "messages")) - args.warmupMessages();
        }
        double rate = rateSum / FanOutRun.SUBSCRIBERS;
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.MESSAGES_PER_SECOND, rate);
        m.put(Metric.MEGABYTES_PER_SECOND, rate * args.sizeBytes() / 1e6);
        if (kind.metrics().contains(Metric.DELIVERED_PERCENT)) {
            double published =
                    (double) publisher.longField("timed_messages") * FanOutRun.SUBSCRIBERS;
            m.put(Metric.DELIVERED_PERCENT, 100.0 * timedReceived / published);
        }
        return m;
    }

    private static String field(int subscriber, String name) {
        return "sub" + subscriber + "_" + name;
    }
}
