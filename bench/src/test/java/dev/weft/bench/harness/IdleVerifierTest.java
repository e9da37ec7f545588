package dev.weft.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleVerifierTest {
    private static final Scenario IDLE =
            new Scenario(
                    Scenario.Kind.IDLE_CONNECTIONS,
                    Pattern.DEALER_ROUTER,
                    4,
                    List.of(Library.WEFT));
    private static final int N = 1000;
    private static final PeerArgs ARGS =
            RunExecutor.bindingArgs(IDLE, Library.WEFT, Profile.QUICK, N);

    private static PeerResult connecting(int connections) {
        return PeerResult.parse(
                "RESULT role=idle-connect connections="
                        + connections
                        + " messages="
                        + connections
                        + " bytes="
                        + 4 * connections
                        + " connect_calls_ns=500000000 connect_ns=2000000000"
                        + " rss_before_kib=100000 fds_before=40 heap_before_bytes=10000000"
                        + " direct_before_bytes=0"
                        + " rss_after_kib=150000 fds_after=1040 heap_after_bytes=14096000"
                        + " direct_after_bytes=16384000");
    }

    private static PeerResult accepting(int connections) {
        return PeerResult.parse(
                "RESULT role=idle-accept connections="
                        + connections
                        + " messages="
                        + connections
                        + " bytes="
                        + 4 * connections
                        + " rss_before_kib=6000 fds_before=12 rss_after_kib=33000 fds_after=1012");
    }

    @Test
    void shouldPassARunThatReachedEveryConnection() {
        assertThat(ARGS.connections()).isEqualTo(N);
        assertThat(ARGS.durationMs()).isEqualTo(Profile.QUICK.idleBudgetMs(N));
        assertThat(ARGS.warmupMessages()).isZero();
        assertThat(ARGS.role().cliName()).isEqualTo("idle-accept");
        assertThat(
                        RunVerifier.problems(
                                Scenario.Kind.IDLE_CONNECTIONS, ARGS, connecting(N), accepting(N)))
                .isEmpty();
    }

    @Test
    void shouldRefuseARunThatDidNotReachNConnections() {
        assertThat(
                        RunVerifier.problems(
                                Scenario.Kind.IDLE_CONNECTIONS,
                                ARGS,
                                connecting(N),
                                accepting(N - 3)))
                .containsExactly("CONNECTIONS: the accepting side heard from 997 of 1000 DEALERs");
        assertThat(
                        RunVerifier.problems(
                                Scenario.Kind.IDLE_CONNECTIONS,
                                ARGS,
                                connecting(500),
                                accepting(500)))
                .containsExactly(
                        "CONNECTIONS: the connecting side opened 500 of 1000",
                        "CONNECTIONS: the accepting side heard from 500 of 1000 DEALERs");
    }

    @Test
    void shouldRefuseARunWithoutTimesOrWithHalfAMeasurement() {
        PeerResult untimed =
                PeerResult.parse(
                        "RESULT role=idle-connect connections=1000 connect_calls_ns=0"
                                + " connect_ns=0");
        assertThat(IdleVerifier.problems(ARGS, untimed, accepting(N)))
                .singleElement()
                .asString()
                .startsWith("NO_TIMING");
        PeerResult half =
                PeerResult.parse("RESULT role=idle-accept connections=1000 rss_before_kib=6000");
        assertThat(IdleVerifier.problems(ARGS, connecting(N), half))
                .containsExactly(
                        "BAD_RESULT: the accepting side reported rss_before_kib without"
                                + " rss_after_kib");
        PeerResult noCount = PeerResult.parse("RESULT role=idle-accept");
        assertThat(IdleVerifier.problems(ARGS, connecting(N), noCount))
                .singleElement()
                .asString()
                .startsWith("BAD_RESULT: result has no field 'connections'");
    }

    @Test
    void shouldComputePerConnectionFiguresFromBothSnapshots() {
        Map<Metric, Double> m =
                RunVerifier.metrics(
                        Scenario.Kind.IDLE_CONNECTIONS, ARGS, connecting(N), accepting(N));
        assertThat(m.get(Metric.CONNECT_MILLIS)).isCloseTo(2000.0, within(1e-9));
        assertThat(m.get(Metric.CONNECT_CALLS_MILLIS)).isCloseTo(500.0, within(1e-9));
        // (150000 - 100000) KiB / 1000 connections.
        assertThat(m.get(Metric.CONNECTING_RSS_KIB)).isCloseTo(50.0, within(1e-9));
        // (14096000 - 10000000) B / 1000 / 1024 = 4 KiB.
        assertThat(m.get(Metric.CONNECTING_HEAP_KIB)).isCloseTo(4.0, within(1e-9));
        assertThat(m.get(Metric.CONNECTING_DIRECT_KIB)).isCloseTo(16.0, within(1e-9));
        assertThat(m.get(Metric.CONNECTING_HEAP_DIRECT_KIB)).isCloseTo(20.0, within(1e-9));
        assertThat(m.get(Metric.CONNECTING_FDS)).isCloseTo(1.0, within(1e-9));
        assertThat(m.get(Metric.ACCEPTING_RSS_KIB)).isCloseTo(27.0, within(1e-9));
        assertThat(m.get(Metric.ACCEPTING_FDS)).isCloseTo(1.0, within(1e-9));
        // The accepting side (a C peer here) has no heap: no metric rather than zero.
        assertThat(m)
                .doesNotContainKeys(
                        Metric.ACCEPTING_HEAP_KIB,
                        Metric.ACCEPTING_DIRECT_KIB,
                        Metric.ACCEPTING_HEAP_DIRECT_KIB);
    }

    @Test
    void shouldNameTheIdleScenarioWithoutItsHelloSize() {
        assertThat(IDLE.id()).isEqualTo("idle-dealer_router");
        assertThat(IDLE.title()).isEqualTo("DEALER→ROUTER idle connections");
        assertThat(IDLE.sideLabel(Metric.Side.CONNECTING)).isEqualTo("connecting (DEALERs)");
        assertThat(IDLE.sideLabel(Metric.Side.BINDING)).isEqualTo("accepting (ROUTER)");
    }
}
