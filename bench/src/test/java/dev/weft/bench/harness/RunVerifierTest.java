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

class RunVerifierTest {
    private static final PeerArgs ARGS =
            new PeerArgs(
                    Library.WEFT,
                    Pattern.DEALER_ROUTER,
                    Scenario.Kind.THROUGHPUT.bindingRole(),
                    "tcp://127.0.0.1:*",
                    16,
                    100,
                    10_000,
                    500,
                    10_000);

    private static PeerResult sender(long messages, long bytes) {
        return PeerResult.parse(
                "RESULT role=thr-send messages="
                        + messages
                        + " bytes="
                        + bytes
                        + " timed_messages=900 elapsed_ns=1000");
    }

    private static PeerResult receiver(long messages, long bytes) {
        return PeerResult.parse(
                "RESULT role=thr-recv messages="
                        + messages
                        + " bytes="
                        + bytes
                        + " timed_messages="
                        + (messages - 101)
                        + " elapsed_ns=2000000");
    }

    @Test
    void shouldPassARunWhoseSidesAgree() {
        assertThat(
                        RunVerifier.problems(
                                Scenario.Kind.THROUGHPUT,
                                ARGS,
                                sender(1000, 16_000),
                                receiver(1000, 16_000)))
                .isEmpty();
    }

    @Test
    void shouldDetectACountMismatch() {
        List<String> p =
                RunVerifier.problems(
                        Scenario.Kind.THROUGHPUT,
                        ARGS,
                        sender(1000, 16_000),
                        receiver(999, 15_984));
        assertThat(p)
                .anySatisfy(
                        s ->
                                assertThat(s)
                                        .startsWith("COUNT_MISMATCH")
                                        .contains("1000")
                                        .contains("999"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("BYTES_MISMATCH"));
    }

    @Test
    void shouldDetectBytesThatDoNotFitTheMessageSize() {
        List<String> p =
                RunVerifier.problems(
                        Scenario.Kind.THROUGHPUT,
                        ARGS,
                        sender(1000, 15_000),
                        receiver(1000, 15_000));
        assertThat(p).singleElement().asString().startsWith("SIZE_MISMATCH");
    }

    @Test
    void shouldRefuseARunThatTimedNothing() {
        List<String> p =
                RunVerifier.problems(
                        Scenario.Kind.THROUGHPUT, ARGS, sender(101, 1616), receiver(101, 1616));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("COUNT_MISMATCH"));
    }

    @Test
    void shouldFailWhenEitherSideFailedOrNeverReported() {
        List<String> p =
                RunVerifier.problems(
                        Scenario.Kind.THROUGHPUT,
                        ARGS,
                        PeerResult.failed("TIMEOUT: send not taken"),
                        null);
        assertThat(p)
                .containsExactly(
                        "thr-send failed: TIMEOUT: send not taken", "thr-recv failed: no result");
    }

    @Test
    void shouldRefuseAResultWithoutItsFields() {
        List<String> p =
                RunVerifier.problems(
                        Scenario.Kind.THROUGHPUT,
                        ARGS,
                        PeerResult.parse("RESULT role=thr-send"),
                        receiver(1000, 16_000));
        assertThat(p).singleElement().asString().startsWith("BAD_RESULT");
    }

    @Test
    void shouldComputeRatesFromTheReceiversInterval() {
        Map<Metric, Double> m =
                RunVerifier.metrics(
                        Scenario.Kind.THROUGHPUT,
                        ARGS,
                        sender(1101, 17_616),
                        receiver(1101, 17_616));
        // 1000 timed messages in 2 ms.
        assertThat(m.get(Metric.MESSAGES_PER_SECOND)).isCloseTo(500_000, within(1e-6));
        assertThat(m.get(Metric.MEGABYTES_PER_SECOND)).isCloseTo(8.0, within(1e-9));
    }

    @Test
    void shouldCheckLatencyPercentilesAndConvertThemToMicroseconds() {
        PeerResult client =
                PeerResult.parse(
                        "RESULT role=lat-client messages=1100 bytes=17600 samples=1000"
                                + " p50_ns=54000 p99_ns=90000 p999_ns=130000");
        PeerResult echo = PeerResult.parse("RESULT role=lat-echo messages=1100 bytes=17600");
        assertThat(RunVerifier.problems(Scenario.Kind.LATENCY, ARGS, client, echo)).isEmpty();
        Map<Metric, Double> m = RunVerifier.metrics(Scenario.Kind.LATENCY, ARGS, client, echo);
        assertThat(m)
                .containsEntry(Metric.P50_MICROS, 54.0)
                .containsEntry(Metric.P99_MICROS, 90.0)
                .containsEntry(Metric.P999_MICROS, 130.0);

        PeerResult unordered =
                PeerResult.parse(
                        "RESULT role=lat-client messages=1100 bytes=17600 samples=1000"
                                + " p50_ns=54000 p99_ns=9000 p999_ns=130000");
        assertThat(RunVerifier.problems(Scenario.Kind.LATENCY, ARGS, unordered, echo))
                .singleElement()
                .asString()
                .startsWith("BAD_PERCENTILES");
    }

    @Test
    void shouldDetectAnEchoThatReturnedFewerMessages() {
        PeerResult client =
                PeerResult.parse(
                        "RESULT role=lat-client messages=1100 bytes=17600 samples=1000"
                                + " p50_ns=1 p99_ns=2 p999_ns=3");
        PeerResult echo = PeerResult.parse("RESULT role=lat-echo messages=1099 bytes=17584");
        assertThat(RunVerifier.problems(Scenario.Kind.LATENCY, ARGS, client, echo))
                .anySatisfy(s -> assertThat(s).startsWith("COUNT_MISMATCH"));
    }
}
