package dev.weft.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc readers, fed sample files laid out like {@code /proc/<pid>}. */
class ProcSelfTest {
    private static final String IO =
            """
            rchar: 2012345
            wchar: 1048576
            syscr: 10500
            syscw: 2300
            read_bytes: 0
            write_bytes: 4096
            cancelled_write_bytes: 0
            """;

    private static final String LIMITS =
            """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max open files            1024                 20000                files
            Max locked memory         8388608              8388608              bytes
            """;

    @TempDir Path proc;

    private static String status(long rssKib, long voluntary, long involuntary) {
        return "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 4000000 kB\nVmRSS:\t  "
                + rssKib
                + " kB\nThreads:\t21\nvoluntary_ctxt_switches:\t"
                + voluntary
                + "\nnonvoluntary_ctxt_switches:\t"
                + involuntary
                + "\n";
    }

    private void write(String relative, String text) throws IOException {
        Path p = proc.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void shouldReadNumericFieldsOfIoAndStatus() {
        assertThat(ProcSelf.field(IO, "syscr")).hasValue(10500);
        assertThat(ProcSelf.field(IO, "syscw")).hasValue(2300);
        assertThat(ProcSelf.field(IO, "rchar")).hasValue(2012345);
        assertThat(ProcSelf.field(status(51234, 7, 3), "VmRSS")).hasValue(51234);
        assertThat(ProcSelf.field(status(1, 7, 3), "voluntary_ctxt_switches")).hasValue(7);
        assertThat(ProcSelf.field(status(1, 7, 3), "nonvoluntary_ctxt_switches")).hasValue(3);
    }

    @Test
    void shouldFindNothingRatherThanZeroForAMissingOrMalformedField() {
        assertThat(ProcSelf.field(IO, "syscalls")).isEmpty();
        assertThat(ProcSelf.field("syscr: many\n", "syscr")).isEmpty();
        assertThat(ProcSelf.field("", "syscr")).isEmpty();
        // "read_bytes" must not match a search for "read".
        assertThat(ProcSelf.field(IO, "read")).isEmpty();
    }

    @Test
    void shouldReadTheOpenFileLimits() {
        assertThat(ProcSelf.openFilesLimit(LIMITS, false)).hasValue(1024);
        assertThat(ProcSelf.openFilesLimit(LIMITS, true)).hasValue(20000);
        assertThat(
                        ProcSelf.openFilesLimit(
                                "Max open files            unlimited            unlimited  files\n",
                                true))
                .hasValue(Long.MAX_VALUE);
        assertThat(ProcSelf.openFilesLimit("Max processes 10 10 processes\n", true)).isEmpty();
    }

    @Test
    void shouldSnapshotSyscallsAndEveryThreadsSwitches() throws IOException {
        write("io", IO);
        write("task/100/status", status(1, 50, 5));
        write("task/101/status", status(1, 1000, 20));
        ProcSelf.Counters c = new ProcSelf(proc).countersAtStart().orElseThrow();
        assertThat(c.readSyscalls()).isEqualTo(10500);
        assertThat(c.writeSyscalls()).isEqualTo(2300);
        assertThat(c.threads())
                .containsEntry(100, new ProcSelf.ThreadSwitches(50, 5))
                .containsEntry(101, new ProcSelf.ThreadSwitches(1000, 20))
                .hasSize(2);
        assertThat(new ProcSelf(proc).countersAtEnd()).hasValue(c);
    }

    @Test
    void shouldCountAThreadThatStartedFromZeroAndLeaveOutOneThatEnded() {
        ProcSelf.Counters start =
                new ProcSelf.Counters(
                        10_000,
                        2_000,
                        Map.of(
                                100, new ProcSelf.ThreadSwitches(50, 5),
                                101, new ProcSelf.ThreadSwitches(1_000, 20)));
        ProcSelf.Counters end =
                new ProcSelf.Counters(
                        10_300,
                        2_450,
                        Map.of(
                                100, new ProcSelf.ThreadSwitches(80, 6),
                                102, new ProcSelf.ThreadSwitches(7, 1)));
        ProcSelf.TimedCounts d = end.since(start);
        assertThat(d).isEqualTo(new ProcSelf.TimedCounts(300, 450, 30 + 7, 1 + 1));
        Map<String, String> fields = new LinkedHashMap<>();
        d.addTo(fields);
        assertThat(fields)
                .containsExactly(
                        Map.entry("timed_syscr", "300"),
                        Map.entry("timed_syscw", "450"),
                        Map.entry("timed_vcsw", "37"),
                        Map.entry("timed_ivcsw", "2"));
    }

    @Test
    void shouldGiveNoCountersWhenAFileIsMissingOrUnreadable() throws IOException {
        ProcSelf empty = new ProcSelf(proc);
        assertThat(empty.countersAtStart()).isEmpty();
        assertThat(empty.residentKib()).isEmpty();
        assertThat(empty.openFiles()).isEmpty();
        assertThat(empty.openFilesHardLimit()).isEmpty();
        write("io", IO);
        assertThat(empty.countersAtEnd()).as("io without task/").isEmpty();
        write("task/100/status", "Name:\tjava\n");
        assertThat(empty.countersAtEnd()).as("a status without switch counts").isEmpty();
    }

    @Test
    void shouldReadResidentSizeDescriptorsAndLimits() throws IOException {
        write("status", status(51234, 1, 1));
        write("limits", LIMITS);
        Files.createDirectories(proc.resolve("fd"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(proc.resolve("fd").resolve(Integer.toString(i)), "");
        }
        ProcSelf p = new ProcSelf(proc);
        assertThat(p.residentKib()).hasValue(51234);
        assertThat(p.openFiles()).hasValue(3);
        assertThat(p.openFilesLimit()).hasValue(1024);
        assertThat(p.openFilesHardLimit()).hasValue(20000);
    }

    @Test
    void shouldReadThisProcessOnLinux() {
        assumeTrue(Files.isReadable(ProcSelf.SELF.resolve("io")), "Linux /proc");
        ProcSelf self = ProcSelf.current();
        ProcSelf.Counters start = self.countersAtStart().orElseThrow();
        ProcSelf.Counters end = self.countersAtEnd().orElseThrow();
        ProcSelf.TimedCounts d = end.since(start);
        assertThat(d.readSyscalls()).isGreaterThan(0);
        assertThat(d.voluntarySwitches()).isGreaterThanOrEqualTo(0);
        assertThat(self.residentKib().orElseThrow()).isGreaterThan(0);
        assertThat(self.openFiles().orElseThrow()).isGreaterThan(2);
    }
}
