package dev.weft.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libzmq C peer, compiled as {@code compare} compiles it, reports the same new figures as the
 * Java peers: system calls and context switches of both throughput sides (plus the send and recv
 * calls /proc does not count), and the idle-connection exchange with resident size and descriptors
 * (no heap). Runs where Debian's libzmq3-dev and gcc are installed.
 */
@Timeout(120)
class LibzmqPeerTest {
    @TempDir static Path work;

    private static RunExecutor executor;

    @BeforeAll
    static void build() {
        LibzmqPeerBuilder.Availability a = LibzmqPeerBuilder.build(work.resolve("peer"));
        assumeTrue(a.isAvailable(), () -> "libzmq C peer: " + a.skipReason());
        executor =
                new RunExecutor(
                        Map.of(Library.LIBZMQ, a.launcher()), Profile.SMOKE, work.resolve("logs"));
    }

    @Test
    void shouldCountSystemCallsOnBothThroughputSides() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "Linux /proc");
        RunRecord r =
                executor.run(
                        new Scenario(
                                Scenario.Kind.THROUGHPUT,
                                Pattern.DEALER_ROUTER,
                                16,
                                List.of(Library.LIBZMQ)),
                        Library.LIBZMQ,
                        1);
        assertThat(r.error()).isNull();
        assertThat(r.metrics())
                .containsKeys(
                        Metric.SENDER_READ_SYSCALLS,
                        Metric.SENDER_WRITE_SYSCALLS,
                        Metric.SENDER_CONTEXT_SWITCHES,
                        Metric.RECEIVER_READ_SYSCALLS,
                        Metric.RECEIVER_WRITE_SYSCALLS,
                        Metric.RECEIVER_CONTEXT_SWITCHES);
        // A smoke run times only a few hundred messages: the counts may be small, never missing.
        assertThat(r.connecting().longField("timed_syscw")).isNotNegative();
        assertThat(r.binding().longField("timed_vcsw")).isNotNegative();
        // libzmq's TCP I/O is send/recv, which /proc does not count: the peer counts it itself.
        assertThat(r.connecting().longField("timed_socket_writes")).isNotNegative();
        assertThat(r.binding().longField("timed_socket_reads")).isNotNegative();
    }

    @Test
    void shouldOpenEveryIdleConnectionAndMeasureResidentSize() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux /proc");
        RunRecord r =
                executor.run(
                        new Scenario(
                                Scenario.Kind.IDLE_CONNECTIONS,
                                Pattern.DEALER_ROUTER,
                                4,
                                List.of(Library.LIBZMQ)),
                        Library.LIBZMQ,
                        1);
        assertThat(r.error()).isNull();
        assertThat(r.connecting().longField("connections"))
                .isEqualTo(Profile.SMOKE.idleConnections());
        assertThat(r.metrics())
                .containsKeys(
                        Metric.CONNECT_MILLIS,
                        Metric.CONNECTING_RSS_KIB,
                        Metric.CONNECTING_FDS,
                        Metric.ACCEPTING_RSS_KIB,
                        Metric.ACCEPTING_FDS)
                .doesNotContainKeys(Metric.CONNECTING_HEAP_KIB, Metric.ACCEPTING_DIRECT_KIB);
        // One TCP socket each, plus libzmq's eventfd per DEALER.
        assertThat(r.metrics().get(Metric.CONNECTING_FDS)).isEqualTo(2.0);
        assertThat(r.metrics().get(Metric.ACCEPTING_FDS)).isEqualTo(1.0);
    }
}
