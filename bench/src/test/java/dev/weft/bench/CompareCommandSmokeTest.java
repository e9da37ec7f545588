package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.harness.JavaPeerLauncher;
import dev.weft.bench.harness.Profile;
import dev.weft.bench.harness.RunRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real harness end to end in smoke mode (one round, a few hundred messages) for Weft,
 * JeroMQ and raw NIO: real peer processes, real sockets, real checks (PUSH→PULL, DEALER→ROUTER,
 * CLIENT→SERVER, REQ↔REP, PUB→4 SUB both modes, 20 idle DEALER connections, raw TCP). Measures
 * nothing.
 */
@Timeout(300)
class CompareCommandSmokeTest {
    @Test
    void shouldRunEveryScenarioAndPrintTheExpectedRows(@TempDir Path out) throws Exception {
        CompareOptions options =
                new CompareOptions(
                        Profile.SMOKE,
                        1,
                        out,
                        EnumSet.of(Library.WEFT, Library.JEROMQ, Library.RAW_NIO),
                        JavaPeerLauncher.DEFAULT_JVM_FLAGS);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CompareCommand.Outcome outcome =
                CompareCommand.run(
                        options,
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(log, true, StandardCharsets.UTF_8));

        String logText = log.toString(StandardCharsets.UTF_8);
        assertThat(outcome.runs())
                .as("every run passes its count checks; log:%n%s", logText)
                .allMatch(RunRecord::isOk);
        assertThat(outcome.exitStatus()).isZero();
        assertThat(outcome.runs()).hasSize(25);

        String report = stdout.toString(StandardCharsets.UTF_8);
        String libraryTable = section(report, "| Scenario ", "### ");
        assertThat(report).isEqualTo(outcome.report());
        assertThat(report).doesNotContain("ERROR");
        String header =
                libraryTable
                        .lines()
                        .filter(l -> l.startsWith("| Scenario "))
                        .findFirst()
                        .orElseThrow();
        assertThat(header.split("\\|"))
                .extracting(String::strip)
                .containsExactly("", "Scenario", "Metric", "Weft", "JeroMQ", "Weft/JeroMQ");
        assertThat(libraryTable.lines())
                .filteredOn(l -> l.startsWith("| PUSH→PULL 16 B "))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).endsWith("× |"));
        assertThat(libraryTable.lines())
                .filteredOn(l -> l.startsWith("| PUSH→PULL 64 KiB "))
                .hasSize(2);
        assertThat(libraryTable.lines())
                .filteredOn(l -> l.startsWith("| DEALER→ROUTER 16 B "))
                .hasSize(2);
        assertThat(libraryTable.lines())
                .filteredOn(l -> l.startsWith("| CLIENT→SERVER 16 B "))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).endsWith("× |"));
        assertThat(libraryTable.lines())
                .filteredOn(l -> l.startsWith("| PUSH→PULL inproc 16 B "))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).endsWith("× |"));
        assertThat(libraryTable.lines())
                .filteredOn(
                        l ->
                                l.startsWith("| RADIO→DISH 64 B, one process ")
                                        || l.startsWith("| RADIO→DISH inproc 64 B "))
                .extracting(l -> l.split("\\|")[2].strip())
                .containsExactly(
                        "msg/s ↑", "MB/s ↑", "delivered % ↑", "msg/s ↑", "MB/s ↑", "delivered % ↑");
        // Weft only: JeroMQ 0.6.0 has no udp transport.
        assertThat(libraryTable.lines())
                .filteredOn(l -> l.startsWith("| RADIO→DISH udp 64 B, one process "))
                .extracting(l -> l.split("\\|")[2].strip() + " " + l.split("\\|")[4].strip())
                .containsExactly("msg/s ↑ not run", "MB/s ↑ not run", "delivered % ↑ not run");
        assertThat(libraryTable).doesNotContain("idle");

        String syscalls = section(report, "### Syscalls and context switches per message", "###");
        assertThat(syscalls.lines())
                .filteredOn(l -> l.startsWith("| DEALER→ROUTER 16 B "))
                .extracting(l -> l.split("\\|")[2].strip() + " " + l.split("\\|")[3].strip())
                .containsExactly(
                        "sender (DEALER) read syscalls/msg ↓",
                        "sender (DEALER) write syscalls/msg ↓",
                        "sender (DEALER) context switches/msg ↓",
                        "receiver (ROUTER) read syscalls/msg ↓",
                        "receiver (ROUTER) write syscalls/msg ↓",
                        "receiver (ROUTER) context switches/msg ↓");
        assertThat(syscalls.lines())
                .filteredOn(l -> l.startsWith("| PUSH→PULL 16 B "))
                .hasSize(6)
                .allSatisfy(l -> assertThat(l).doesNotContain("n/a", "ERROR"));

        String idle = section(report, "### Idle connections", "| Target");
        assertThat(idle).contains("20 DEALERs in one process");
        assertThat(idle.lines())
                .filteredOn(l -> l.startsWith("| DEALER→ROUTER idle connections "))
                .hasSize(12)
                .allSatisfy(l -> assertThat(l).doesNotContain("n/a", "ERROR"));
        assertThat(report).contains("| Target (issue 9) ");
        assertThat(report.lines())
                .filteredOn(l -> l.startsWith("| REQ↔REP round trip 16 B "))
                .extracting(l -> l.split("\\|")[2].strip())
                .containsExactly("p50 µs ↓", "p99 µs ↓", "p99.9 µs ↓");
        assertThat(report.lines())
                .filteredOn(l -> l.startsWith("| PUB→4 SUB 64 B, lossless, per subscriber "))
                .extracting(l -> l.split("\\|")[2].strip())
                .containsExactly("msg/s ↑", "MB/s ↑");
        assertThat(report.lines())
                .filteredOn(l -> l.startsWith("| PUB→4 SUB 64 B, default HWM, per subscriber "))
                .extracting(l -> l.split("\\|")[2].strip())
                .containsExactly("msg/s ↑", "MB/s ↑", "delivered % ↑");
        assertThat(report)
                .contains("| raw TCP bulk, writes of 64 KiB ", "| raw TCP ping-pong 16 B ");

        assertThat(Files.readAllLines(out.resolve("runs.csv"))).hasSize(1 + 25);
        assertThat(Files.readString(out.resolve("results.md"), StandardCharsets.UTF_8))
                .isEqualTo(report);
        assertThat(out.resolve("throughput.png")).isNotEmptyFile();
    }

    /** The report's text from the first line starting with {@code from} to the next {@code to}. */
    private static String section(String report, String from, String to) {
        int start = report.indexOf("\n" + from) + 1;
        assertThat(start).as("report section '%s'", from).isPositive();
        int end = report.indexOf("\n" + to, start + from.length());
        return report.substring(start, end < 0 ? report.length() : end + 1);
    }
}
