package dev.weft.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fan-out checks: per-subscriber counts against the publisher, per mode. */
class FanOutVerifierTest {
    private static final int SIZE = 64;
    private static final long WARMUP = 100;
    private static final Scenario.Kind LOSSLESS = Scenario.Kind.FANOUT_LOSSLESS;
    private static final Scenario.Kind DEFAULT_HWM = Scenario.Kind.FANOUT_DEFAULT_HWM;

    private static PeerArgs args(Scenario.Kind kind) {
        return new PeerArgs(
                Library.WEFT,
                Pattern.PUB_SUB,
                kind.bindingRole(),
                "tcp://127.0.0.1:*",
                SIZE,
                WARMUP,
                10_000,
                500,
                10_000);
    }

    /** A publisher that sent the warm-up plus {@code timed} messages. */
    private static PeerResult publisher(long timed) {
        long messages = WARMUP + timed;
        return PeerResult.parse(
                "RESULT role=fan-pub messages="
                        + messages
                        + " bytes="
                        + messages * SIZE
                        + " timed_messages="
                        + timed
                        + " elapsed_ns=1000000 subscribers=4");
    }

    /** Four subscribers with these message counts, each timing 1 ms. */
    private static PeerResult subscribers(long... counts) {
        StringBuilder line = new StringBuilder("RESULT role=fan-sub subscribers=" + counts.length);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        line.append(" messages=").append(total).append(" bytes=").append(total * SIZE);
        for (int i = 0; i < counts.length; i++) {
            String p = " sub" + (i + 1) + "_";
            line.append(p).append("messages=").append(counts[i]);
            line.append(p).append("timed_messages=").append(counts[i] - WARMUP - 1);
            line.append(p).append("elapsed_ns=1000000");
        }
        return PeerResult.parse(line.toString());
    }

    private static List<String> problems(
            Scenario.Kind kind, PeerResult publisher, PeerResult subscribers) {
        return RunVerifier.problems(kind, args(kind), subscribers, publisher);
    }

    @Test
    void shouldPassALosslessRunWhereEverySubscriberGotEverything() {
        assertThat(problems(LOSSLESS, publisher(900), subscribers(1000, 1000, 1000, 1000)))
                .isEmpty();
    }

    @Test
    void shouldFailALosslessRunWhereOneSubscriberMissedAMessage() {
        assertThat(problems(LOSSLESS, publisher(900), subscribers(1000, 999, 1000, 1000)))
                .containsExactly(
                        "COUNT_MISMATCH: publisher sent 1000 messages without dropping,"
                                + " subscriber 2 got 999");
    }

    @Test
    void shouldAcceptDropsInDefaultHwmModeAndReportTheDeliveredShare() {
        PeerResult pub = publisher(900);
        PeerResult subs = subscribers(1000, 550, 1000, 550);
        assertThat(problems(DEFAULT_HWM, pub, subs)).isEmpty();

        Map<Metric, Double> m = RunVerifier.metrics(DEFAULT_HWM, args(DEFAULT_HWM), subs, pub);
        // Timed messages received: 900 + 450 + 900 + 450 of 4 × 900 published.
        assertThat(m.get(Metric.DELIVERED_PERCENT)).isCloseTo(75.0, within(1e-9));
        // Mean of the subscribers' own rates: (899 + 449 + 899 + 449) / 4 per millisecond.
        assertThat(m.get(Metric.MESSAGES_PER_SECOND)).isCloseTo(674_000.0, within(1e-6));
        assertThat(m.get(Metric.MEGABYTES_PER_SECOND))
                .isCloseTo(674_000.0 * SIZE / 1e6, within(1e-9));
    }

    @Test
    void shouldNotReportTheDeliveredShareForLosslessRuns() {
        PeerResult pub = publisher(900);
        PeerResult subs = subscribers(1000, 1000, 1000, 1000);
        assertThat(RunVerifier.metrics(LOSSLESS, args(LOSSLESS), subs, pub))
                .containsOnlyKeys(Metric.MESSAGES_PER_SECOND, Metric.MEGABYTES_PER_SECOND);
    }

    @Test
    void shouldFailWhenASubscriberGotMoreThanWasPublished() {
        assertThat(problems(DEFAULT_HWM, publisher(900), subscribers(1001, 1000, 1000, 1000)))
                .containsExactly(
                        "COUNT_MISMATCH: subscriber 1 got 1001 messages, more than the 1000"
                                + " published");
    }

    @Test
    void shouldFailWhenASubscriberMissedTheLosslessWarmUp() {
        assertThat(problems(DEFAULT_HWM, publisher(900), subscribers(1000, 1000, 100, 1000)))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith(
                                                "COUNT_MISMATCH: subscriber 3 got 100 messages,"
                                                        + " not more than the lossless warm-up"));
    }

    @Test
    void shouldFailWhenTheSubscriberCountIsWrong() {
        assertThat(problems(LOSSLESS, publisher(900), subscribers(1000, 1000, 1000)))
                .containsExactly(
                        "SUBSCRIBER_COUNT: publisher served 4, subscriber process ran 3"
                                + " (expected: 4)");
    }

    @Test
    void shouldFailWhenTheBytesDoNotMatchTheMessages() {
        PeerResult subs =
                PeerResult.parse(
                        subscribers(1000, 1000, 1000, 1000)
                                .toLine()
                                .replace("bytes=256000", "bytes=255999"));
        assertThat(problems(LOSSLESS, publisher(900), subs))
                .containsExactly(
                        "SIZE_MISMATCH: subscribers got 255999 bytes in 4000 messages of 64 bytes");
    }

    @Test
    void shouldFailWhenASideReportedAnError() {
        assertThat(
                        problems(
                                LOSSLESS,
                                publisher(900),
                                PeerResult.failed("subscriber 2: TIMEOUT: no message")))
                .containsExactly("fan-sub failed: subscriber 2: TIMEOUT: no message");
    }
}
