package dev.weft.bench.report;

import static dev.weft.bench.report.Runs.LAT_16;
import static dev.weft.bench.report.Runs.PING_16;
import static dev.weft.bench.report.Runs.THR_16;
import static dev.weft.bench.report.Runs.failed;
import static dev.weft.bench.report.Runs.latency;
import static dev.weft.bench.report.Runs.rate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.Library;
import dev.weft.bench.harness.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTablesTest {
    private static final List<Library> COLUMNS = List.of(Library.WEFT, Library.JEROMQ);

    @Test
    void shouldShowMedianRangeAndRatioPerMetric() {
        Summary s =
                Summary.of(
                        List.of(
                                rate(THR_16, Library.WEFT, 1, 2e6),
                                rate(THR_16, Library.JEROMQ, 1, 1e6),
                                rate(THR_16, Library.WEFT, 2, 4e6),
                                rate(THR_16, Library.JEROMQ, 2, 1e6)));
        String t = ReportTables.libraryTable(s, List.of(THR_16), COLUMNS);
        assertThat(t.lines())
                .hasSize(4)
                .first()
                .asString()
                .contains("Weft", "JeroMQ", "Weft/JeroMQ")
                .doesNotContain("libzmq");
        assertThat(t).contains("| PUSH→PULL 16 B | msg/s ↑ |");
        assertThat(t).contains("3.00 M (2.00–4.00)").contains("3.00×");
    }

    @Test
    void shouldShowTheErrorAndNoRatioForAnErroredCell() {
        Summary s =
                Summary.of(
                        List.of(
                                rate(THR_16, Library.WEFT, 1, 2e6),
                                rate(THR_16, Library.JEROMQ, 1, 1e6),
                                failed(THR_16, Library.WEFT, 2),
                                rate(THR_16, Library.JEROMQ, 2, 1e6)));
        String t = ReportTables.libraryTable(s, List.of(THR_16), COLUMNS);
        assertThat(t).contains("ERROR (1/2 runs)").doesNotContain("×");
        assertThat(t.lines().skip(2))
                .allSatisfy(line -> assertThat(line).endsWith(" " + ReportTables.NO_RATIO + " |"));
    }

    @Test
    void shouldPutRawTcpRowsInTheReferenceTableOnly() {
        Summary s =
                Summary.of(
                        List.of(
                                latency(LAT_16, Library.WEFT, 1, 60, 500),
                                latency(PING_16, Library.RAW_NIO, 1, 50, 100)));
        List<dev.weft.bench.harness.Scenario> scenarios = List.of(LAT_16, PING_16);
        assertThat(ReportTables.libraryTable(s, scenarios, COLUMNS))
                .contains("round trip 16 B")
                .doesNotContain("ping-pong");
        String ref = ReportTables.referenceTable(s, scenarios);
        assertThat(ref).contains("raw TCP ping-pong 16 B", "p50 µs ↓", "50.0");
        assertThat(ref.lines()).hasSize(5);
    }

    @Test
    void shouldShowSyscallsPerSideWithNaWhereAPeerCouldNotCount() {
        Summary s =
                Summary.of(
                        List.of(
                                Runs.withMetrics(
                                        THR_16,
                                        Library.WEFT,
                                        1,
                                        Map.of(
                                                Metric.MESSAGES_PER_SECOND, 2e6,
                                                Metric.SENDER_WRITE_SYSCALLS, 0.023,
                                                Metric.RECEIVER_READ_SYSCALLS, 0.011)),
                                Runs.withMetrics(
                                        THR_16,
                                        Library.JEROMQ,
                                        1,
                                        Map.of(Metric.MESSAGES_PER_SECOND, 1e6))));
        String t = ReportTables.syscallTable(s, List.of(THR_16), COLUMNS).replaceAll(" +", " ");
        assertThat(t.lines().findFirst().orElseThrow())
                .contains("Scenario", "Side", "Metric", "Weft", "JeroMQ", "Weft/JeroMQ");
        assertThat(t.lines())
                .hasSize(2 + 6)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains(
                                                "| PUSH→PULL 16 B | sender (PUSH) "
                                                        + "| write syscalls/msg ↓ | 0.0230 | n/a"))
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains(
                                                "| receiver (PULL) | read syscalls/msg ↓ | 0.0110"
                                                        + " | n/a"));
        assertThat(ReportTables.libraryTable(s, List.of(THR_16), COLUMNS))
                .doesNotContain("syscalls");
        assertThat(ReportTables.idleTable(s, List.of(THR_16), COLUMNS)).isEmpty();
    }

    @Test
    void shouldShowIdleFiguresPerSideOnlyInTheirOwnTable() {
        Summary s =
                Summary.of(
                        List.of(
                                Runs.withMetrics(
                                        Runs.IDLE,
                                        Library.WEFT,
                                        1,
                                        Map.of(
                                                Metric.CONNECT_MILLIS, 2600.0,
                                                Metric.ACCEPTING_HEAP_DIRECT_KIB, 100.0)),
                                Runs.withMetrics(
                                        Runs.IDLE,
                                        Library.JEROMQ,
                                        1,
                                        Map.of(
                                                Metric.CONNECT_MILLIS, 800.0,
                                                Metric.ACCEPTING_HEAP_DIRECT_KIB, 25.0))));
        assertThat(ReportTables.libraryTable(s, List.of(Runs.IDLE), COLUMNS)).isEmpty();
        String t = ReportTables.idleTable(s, List.of(Runs.IDLE), COLUMNS).replaceAll(" +", " ");
        assertThat(t)
                .contains(
                        "| connecting (DEALERs) | connect time, all handshaken (ms) ↓ | 2600 |"
                                + " 800 | 3.25× |")
                .contains("| accepting (ROUTER) | heap + direct KiB/conn ↓ | 100 | 25.0 | 4.00× |");
    }

    @Test
    void shouldSayWhenALibraryDidNotRun() {
        Summary s = Summary.of(List.of(rate(THR_16, Library.WEFT, 1, 2e6)));
        assertThat(ReportTables.libraryTable(s, List.of(THR_16), COLUMNS))
                .contains("not run")
                .contains(ReportTables.NO_RATIO);
    }
}
