package dev.weft.bench.report;

import static dev.weft.bench.report.Runs.THR_16;
import static dev.weft.bench.report.Runs.failed;
import static dev.weft.bench.report.Runs.rate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.Library;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.RunRecord;
import dev.weft.bench.peer.PeerResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void shouldCopyEachThroughputSidesRawCounts() {
        PeerResult sender =
                PeerResult.parse(
                        "RESULT role=thr-send messages=1101 bytes=17616 timed_messages=1000"
                                + " elapsed_ns=9 timed_syscr=3 timed_syscw=26 timed_vcsw=40"
                                + " timed_ivcsw=2");
        PeerResult receiver =
                PeerResult.parse(
                        "RESULT role=thr-recv messages=1101 bytes=17616 timed_messages=1000"
                                + " elapsed_ns=2000000 timed_syscr=11 timed_syscw=0 timed_vcsw=1"
                                + " timed_ivcsw=0 timed_socket_reads=5");
        RunRecord r =
                new RunRecord(
                        THR_16,
                        Library.LIBZMQ,
                        1,
                        null,
                        Map.of(Metric.SENDER_WRITE_SYSCALLS, 0.026),
                        sender,
                        receiver);
        List<String> header = ResultsWriter.COLUMNS;
        String[] row =
                ResultsWriter.toCsv(List.of(r))
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .split(",", -1);
        assertThat(row).hasSize(header.size());
        assertThat(row[header.indexOf("sender_write_syscalls")]).isEqualTo("0.026000");
        assertThat(row[header.indexOf("receiver_read_syscalls")]).isEmpty();
        assertThat(row[header.indexOf("sender_syscw")]).isEqualTo("26");
        assertThat(row[header.indexOf("sender_socket_writes")]).isEmpty();
        assertThat(row[header.indexOf("receiver_syscr")]).isEqualTo("11");
        assertThat(row[header.indexOf("receiver_socket_reads")]).isEqualTo("5");
    }

    @Test
    void shouldQuoteFieldsThatNeedIt() {
        assertThat(ResultsWriter.quote("plain")).isEqualTo("plain");
        assertThat(ResultsWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResultsWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
