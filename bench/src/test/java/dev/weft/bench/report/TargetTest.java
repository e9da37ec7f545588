package dev.weft.bench.report;

import static dev.weft.bench.report.Runs.LAT_16;
import static dev.weft.bench.report.Runs.PING_16;
import static dev.weft.bench.report.Runs.THR_16;
import static dev.weft.bench.report.Runs.failed;
import static dev.weft.bench.report.Runs.latency;
import static dev.weft.bench.report.Runs.rate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.bench.Library;
import dev.weft.bench.harness.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {
    private static final Target THREE_TIMES_JEROMQ =
            new Target(
                    "3× JeroMQ",
                    THR_16.id(),
                    Metric.MESSAGES_PER_SECOND,
                    List.of(new Target.Reference(THR_16.id(), Library.JEROMQ)),
                    3.0,
                    true);

    @Test
    void shouldJudgeAnAtLeastTarget() {
        Summary met =
                Summary.of(
                        List.of(
                                rate(THR_16, Library.WEFT, 1, 3e6),
                                rate(THR_16, Library.JEROMQ, 1, 1e6)));
        assertThat(THREE_TIMES_JEROMQ.evaluate(met).verdict()).isEqualTo("met");
        Summary notMet =
                Summary.of(
                        List.of(
                                rate(THR_16, Library.WEFT, 1, 2e6),
                                rate(THR_16, Library.JEROMQ, 1, 1e6)));
        Target.Outcome o = THREE_TIMES_JEROMQ.evaluate(notMet);
        assertThat(o.verdict()).isEqualTo("not met");
        assertThat(o.ratio().getAsDouble()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void shouldJudgeAnAtMostTargetAgainstTheBestReference() {
        Target withinRaw =
                new Target(
                        "p50 within 1.2× raw",
                        LAT_16.id(),
                        Metric.P50_MICROS,
                        List.of(
                                new Target.Reference(PING_16.id(), Library.RAW_NIO),
                                new Target.Reference(LAT_16.id(), Library.LIBZMQ)),
                        1.2,
                        false);
        Summary s =
                Summary.of(
                        List.of(
                                latency(LAT_16, Library.WEFT, 1, 60, 500),
                                latency(LAT_16, Library.LIBZMQ, 1, 100, 500),
                                latency(PING_16, Library.RAW_NIO, 1, 50, 100)));
        Target.Outcome o = withinRaw.evaluate(s);
        // The best (lowest) reference is raw TCP's 50 µs: 60 / 50 = 1.2.
        assertThat(o.ratio().getAsDouble()).isCloseTo(1.2, within(1e-12));
        assertThat(o.verdict()).isEqualTo("met");
    }

    @Test
    void shouldGiveNoVerdictWhenARunErroredOrDidNotRun() {
        Summary errored =
                Summary.of(
                        List.of(
                                rate(THR_16, Library.WEFT, 1, 9e6),
                                failed(THR_16, Library.JEROMQ, 1)));
        assertThat(THREE_TIMES_JEROMQ.evaluate(errored).ratio()).isEmpty();
        assertThat(THREE_TIMES_JEROMQ.evaluate(errored).verdict()).startsWith("n/a");
        Summary missing = Summary.of(List.of(rate(THR_16, Library.WEFT, 1, 9e6)));
        assertThat(THREE_TIMES_JEROMQ.evaluate(missing).verdict())
                .isEqualTo("n/a (reference not run)");
    }

    @Test
    void shouldNameEveryIssueTargetItCanCheck() {
        assertThat(Targets.all()).hasSize(6);
        assertThat(Targets.all()).extracting(Target::condition).contains("≥ 2.50×", "≤ 1.20×");
        // Issue 9: 2 rows × 2 sides × 3 counts, 2 idle memory bounds, 2 connect times, inproc.
        assertThat(Targets.issue9()).hasSize(17);
        assertThat(Targets.issue9())
                .extracting(Target::goal)
                .contains(
                        "PUSH→PULL 16 B sender (PUSH) write syscalls/msg ≤ libzmq",
                        "DEALER→ROUTER 16 B receiver (ROUTER) context switches/msg ≤ libzmq",
                        "Idle connection end, accepting (ROUTER): heap + direct ≤ 16 KiB",
                        "PUSH→PULL inproc 16 B msg/s ≥ JeroMQ's inproc");
        assertThat(Targets.issue9()).extracting(Target::condition).contains("≤ 16.0 KiB");
    }

    @Test
    void shouldJudgeAnAbsoluteBoundInTheMetricsUnits() {
        Target bound =
                Target.absolute(
                        "≤ 16 KiB", Runs.IDLE.id(), Metric.CONNECTING_HEAP_DIRECT_KIB, 16, false);
        Summary over =
                Summary.of(
                        List.of(
                                Runs.withMetrics(
                                        Runs.IDLE,
                                        Library.WEFT,
                                        1,
                                        Map.of(Metric.CONNECTING_HEAP_DIRECT_KIB, 81.3))));
        Target.Outcome o = bound.evaluate(over);
        assertThat(o.verdict()).isEqualTo("not met");
        assertThat(o.ratio()).isEmpty();
        assertThat(bound.measured(o)).isEqualTo("81.3 KiB");
        assertThat(bound.condition()).isEqualTo("≤ 16.0 KiB");
        Summary under =
                Summary.of(
                        List.of(
                                Runs.withMetrics(
                                        Runs.IDLE,
                                        Library.WEFT,
                                        1,
                                        Map.of(Metric.CONNECTING_HEAP_DIRECT_KIB, 12.0))));
        assertThat(bound.evaluate(under).verdict()).isEqualTo("met");
        Summary unmeasured =
                Summary.of(List.of(Runs.withMetrics(Runs.IDLE, Library.WEFT, 1, Map.of())));
        assertThat(bound.evaluate(unmeasured).verdict()).isEqualTo("n/a (not measured)");
    }

    @Test
    void shouldDecideAnAtMostTargetAgainstAReferenceOfZero() {
        Target noMore =
                new Target(
                        "writes ≤ libzmq",
                        THR_16.id(),
                        Metric.RECEIVER_WRITE_SYSCALLS,
                        List.of(new Target.Reference(THR_16.id(), Library.LIBZMQ)),
                        1.0,
                        false);
        Summary zeroBoth =
                Summary.of(
                        List.of(
                                Runs.withMetrics(
                                        THR_16,
                                        Library.WEFT,
                                        1,
                                        Map.of(Metric.RECEIVER_WRITE_SYSCALLS, 0.0)),
                                Runs.withMetrics(
                                        THR_16,
                                        Library.LIBZMQ,
                                        1,
                                        Map.of(Metric.RECEIVER_WRITE_SYSCALLS, 0.0))));
        Target.Outcome o = noMore.evaluate(zeroBoth);
        assertThat(o.verdict()).isEqualTo("met");
        assertThat(noMore.measured(o)).isEqualTo("0.00 vs 0");
        Summary weftAbove =
                Summary.of(
                        List.of(
                                Runs.withMetrics(
                                        THR_16,
                                        Library.WEFT,
                                        1,
                                        Map.of(Metric.RECEIVER_WRITE_SYSCALLS, 0.001)),
                                Runs.withMetrics(
                                        THR_16,
                                        Library.LIBZMQ,
                                        1,
                                        Map.of(Metric.RECEIVER_WRITE_SYSCALLS, 0.0))));
        assertThat(noMore.evaluate(weftAbove).verdict()).isEqualTo("not met");
    }
}
