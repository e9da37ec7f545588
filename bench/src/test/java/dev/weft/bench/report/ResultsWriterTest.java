package dev.weft.bench.report;

import static dev.weft.bench.report.Runs.THR_16;
import static dev.weft.bench.report.Runs.failed;
import static dev.weft.bench.report.Runs.rate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.Library;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {
    @Test
    void shouldWriteOneRowPerRunAfterTheHeader(@TempDir Path dir) throws IOException {
        Path csv =
                ResultsWriter.writeCsv(
                        dir,
                        List.of(
                                rate(THR_16, Library.WEFT, 1, 2e6),
                                failed(THR_16, Library.JEROMQ, 1)));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ResultsWriter.COLUMNS));
        assertThat(ResultsWriter.COLUMNS)
                .contains(
                        "sender_write_syscalls",
                        "receiver_context_switches",
                        "connect_millis",
                        "accepting_heap_direct_kib",
                        "sender_syscw",
                        "connections")
                .endsWith("error");
        assertThat(lines.get(1))
                .startsWith(
                        "thr-push_pull-16,PUSH→PULL 16 B,throughput,PUSH_PULL,16,weft,1,ok,2000000.000,32.000,");
        assertThat(lines.get(2))
                .contains(",jeromq,1,error,")
                .endsWith("\"COUNT_MISMATCH: sent 10, got 9\"");
    }

    @Test
    void shouldQuoteFieldsThatNeedIt() {
        assertThat(ResultsWriter.quote("plain")).isEqualTo("plain");
        assertThat(ResultsWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResultsWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
