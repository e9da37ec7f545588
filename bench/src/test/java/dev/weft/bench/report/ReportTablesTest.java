package dev.weft.bench.report;

import static dev.weft.bench.report.Runs.LAT_16;
import static dev.weft.bench.report.Runs.PING_16;
import static dev.weft.bench.report.Runs.THR_16;
import static dev.weft.bench.report.Runs.failed;
import static dev.weft.bench.report.Runs.latency;
import static dev.weft.bench.report.Runs.rate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.Library;
import java.util.List;
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
    void shouldSayWhenALibraryDidNotRun() {
        Summary s = Summary.of(List.of(rate(THR_16, Library.WEFT, 1, 2e6)));
        assertThat(ReportTables.libraryTable(s, List.of(THR_16), COLUMNS))
                .contains("not run")
                .contains(ReportTables.NO_RATIO);
    }
}
