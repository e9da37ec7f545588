package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.RunRecord;
import dev.weft.bench.harness.Scenario;
import java.util.List;
import java.util.Map;

/** Builds run records for report tests. */
final class Runs {
    static final Scenario THR_16 =
            new Scenario(
                    Scenario.Kind.THROUGHPUT,
                    Pattern.PUSH_PULL,
                    16,
                    List.of(Library.WEFT, Library.JEROMQ, Library.LIBZMQ));
    static final Scenario LAT_16 =
            new Scenario(
                    Scenario.Kind.LATENCY,
                    Pattern.REQ_REP,
                    16,
                    List.of(Library.WEFT, Library.JEROMQ, Library.LIBZMQ));
    static final Scenario PING_16 =
            new Scenario(Scenario.Kind.LATENCY, Pattern.RAW_TCP, 16, List.of(Library.RAW_NIO));
    static final Scenario IDLE =
            new Scenario(
                    Scenario.Kind.IDLE_CONNECTIONS,
                    Pattern.DEALER_ROUTER,
                    4,
                    List.of(Library.WEFT, Library.JEROMQ, Library.LIBZMQ));

    private Runs() {}

    static RunRecord rate(Scenario s, Library lib, int round, double messagesPerSecond) {
        return new RunRecord(
                s,
                lib,
                round,
                null,
                Map.of(
                        Metric.MESSAGES_PER_SECOND,
                        messagesPerSecond,
                        Metric.MEGABYTES_PER_SECOND,
                        messagesPerSecond * s.sizeBytes() / 1e6),
                null,
                null);
    }

    static RunRecord latency(Scenario s, Library lib, int round, double p50, double p999) {
        return new RunRecord(
                s,
                lib,
                round,
                null,
                Map.of(
                        Metric.P50_MICROS,
                        p50,
                        Metric.P99_MICROS,
                        p50 * 2,
                        Metric.P999_MICROS,
                        p999),
                null,
                null);
    }

    static RunRecord withMetrics(Scenario s, Library lib, int round, Map<Metric, Double> m) {
        return new RunRecord(s, lib, round, null, m, null, null);
    }

    static RunRecord failed(Scenario s, Library lib, int round) {
        return RunRecord.failed(s, lib, round, "COUNT_MISMATCH: sent 10, got 9", null, null);
    }
}
