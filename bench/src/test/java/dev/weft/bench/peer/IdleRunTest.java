package dev.weft.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The idle-connection exchange in one JVM, the ROUTER on one thread and the DEALERs on another. */
@Timeout(60)
class IdleRunTest {
    private static final int N = 8;
    private static final Function<ProcSelf, MemoryUse> FIXED =
            proc ->
                    new MemoryUse(
                            OptionalLong.of(1000),
                            OptionalLong.of(10),
                            OptionalLong.empty(),
                            OptionalLong.empty());

    private static PeerArgs args(PeerRole role, String endpoint, Library library) {
        return new PeerArgs(
                library, Pattern.DEALER_ROUTER, role, endpoint, 4, 0, 10, 30_000, 10_000, N);
    }

    private static PeerResult[] runBoth(Library library, IdleSockets router, IdleSockets dealers)
            throws Exception {
        PipedInputStream in = new PipedInputStream();
        PrintStream out = new PrintStream(new PipedOutputStream(in), true, StandardCharsets.UTF_8);
        CompletableFuture<PeerResult> accepted =
                CompletableFuture.supplyAsync(
                        () -> {
                            try (router) {
                                return IdleRun.accept(
                                        router,
                                        args(PeerRole.IDLE_ACCEPT, "tcp://127.0.0.1:*", library),
                                        out,
                                        MemoryUse::ofThisJvm);
                            }
                        });
        String ready =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        assertThat(ready).startsWith(PeerResult.READY + " endpoint=tcp://127.0.0.1:");
        String endpoint = ready.substring(ready.indexOf('=') + 1);
        PeerResult connected;
        try (dealers) {
            connected =
                    IdleRun.connect(dealers, args(PeerRole.IDLE_CONNECT, endpoint, library), FIXED);
        }
        return new PeerResult[] {connected, accepted.get()};
    }

    @Test
    void shouldCountEveryWeftDealerOnceAndMeasureBothSides() throws Exception {
        PeerResult[] r = runBoth(Library.WEFT, new WeftIdleSockets(), new WeftIdleSockets());
        PeerResult connecting = r[0];
        PeerResult accepting = r[1];
        assertThat(connecting.longField("connections")).isEqualTo(N);
        assertThat(connecting.longField("connect_ns"))
                .isGreaterThanOrEqualTo(connecting.longField("connect_calls_ns"))
                .isPositive();
        assertThat(connecting.fields())
                .containsEntry("rss_before_kib", "1000")
                .containsEntry("fds_after", "10")
                .doesNotContainKeys("heap_before_bytes", "unsticks");
        assertThat(accepting.longField("connections")).isEqualTo(N);
        assertThat(accepting.longField("bytes")).isEqualTo(4L * N);
        assertThat(accepting.fields())
                .containsKeys("heap_before_bytes", "heap_after_bytes", "direct_after_bytes");
    }

    @Test
    void shouldRunTheSameExchangeOverJeromq() throws Exception {
        PeerResult[] r =
                runBoth(Library.JEROMQ, new JeromqIdleSockets(1), new JeromqIdleSockets(N + 1));
        assertThat(r[0].longField("connections")).isEqualTo(N);
        assertThat(r[1].longField("connections")).isEqualTo(N);
    }

    @Test
    void shouldNumberHellosAndRefuseStrangeOnes() {
        assertThat(IdleRun.helloIndex(IdleRun.hello(0), 1)).isZero();
        assertThat(IdleRun.helloIndex(IdleRun.hello(9_999), 10_000)).isEqualTo(9_999);
        assertThatThrownBy(() -> IdleRun.helloIndex(IdleRun.hello(10), 10))
                .isInstanceOf(BenchFailure.class)
                .hasMessageStartingWith("PROTOCOL: hello from DEALER 10");
        assertThatThrownBy(() -> IdleRun.helloIndex(new byte[] {1, 2}, 10))
                .hasMessageStartingWith("SIZE_MISMATCH: a hello of 2 bytes");
    }

    @Test
    void shouldRefuseAnIdleRoleWithoutConnections() throws IOException {
        PeerArgs none =
                new PeerArgs(
                        Library.WEFT,
                        Pattern.DEALER_ROUTER,
                        PeerRole.IDLE_CONNECT,
                        "tcp://127.0.0.1:1",
                        4,
                        0,
                        10,
                        1_000,
                        1_000,
                        0);
        try (IdleSockets sockets = new WeftIdleSockets()) {
            assertThatThrownBy(() -> IdleRun.connect(sockets, none, FIXED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("connections: 0 (expected: >= 1 for idle roles)");
        }
    }
}
