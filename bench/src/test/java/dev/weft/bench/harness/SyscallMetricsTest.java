package dev.weft.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyscallMetricsTest {
    private static final PeerArgs ARGS =
            new PeerArgs(
                    Library.LIBZMQ,
                    Pattern.PUSH_PULL,
                    Scenario.Kind.THROUGHPUT.bindingRole(),
                    "tcp://127.0.0.1:*",
                    16,
                    100,
                    10_000,
                    500,
                    10_000);

    private static final String SENDER =
            "RESULT role=thr-send messages=1101 bytes=17616 timed_messages=1000 elapsed_ns=9";
    private static final String RECEIVER =
            "RESULT role=thr-recv messages=1101 bytes=17616 timed_messages=1000"
                    + " elapsed_ns=2000000";

    @Test
    void shouldDivideEachSidesCountsByTheMessagesItTimed() {
        PeerResult sender =
                PeerResult.parse(
                        SENDER + " timed_syscr=3 timed_syscw=26 timed_vcsw=40 timed_ivcsw=2");
        PeerResult receiver =
                PeerResult.parse(
                        RECEIVER.replace("timed_messages=1000", "timed_messages=500")
                                + " timed_syscr=11 timed_syscw=0 timed_vcsw=1 timed_ivcsw=0");
        Map<Metric, Double> m = SyscallMetrics.metrics(sender, receiver);
        assertThat(m.get(Metric.SENDER_READ_SYSCALLS)).isCloseTo(0.003, within(1e-12));
        assertThat(m.get(Metric.SENDER_WRITE_SYSCALLS)).isCloseTo(0.026, within(1e-12));
        assertThat(m.get(Metric.SENDER_CONTEXT_SWITCHES)).isCloseTo(0.042, within(1e-12));
        assertThat(m.get(Metric.RECEIVER_READ_SYSCALLS)).isCloseTo(0.022, within(1e-12));
        assertThat(m.get(Metric.RECEIVER_WRITE_SYSCALLS)).isEqualTo(0.0);
        assertThat(m.get(Metric.RECEIVER_CONTEXT_SWITCHES)).isCloseTo(0.002, within(1e-12));
    }

    @Test
    void shouldAddTheSocketCallsThatProcDoesNotCount() {
        // libzmq's peer: /proc saw only its eventfd signalling, it counted send and recv itself.
        PeerResult sender =
                PeerResult.parse(
                        SENDER
                                + " timed_syscr=2 timed_syscw=2 timed_vcsw=1 timed_ivcsw=1"
                                + " timed_socket_reads=0 timed_socket_writes=7");
        PeerResult receiver =
                PeerResult.parse(
                        RECEIVER
                                + " timed_syscr=3 timed_syscw=3 timed_vcsw=2 timed_ivcsw=0"
                                + " timed_socket_reads=2 timed_socket_writes=0");
        Map<Metric, Double> m = SyscallMetrics.metrics(sender, receiver);
        assertThat(m.get(Metric.SENDER_READ_SYSCALLS)).isCloseTo(0.002, within(1e-12));
        assertThat(m.get(Metric.SENDER_WRITE_SYSCALLS)).isCloseTo(0.009, within(1e-12));
        assertThat(m.get(Metric.RECEIVER_READ_SYSCALLS)).isCloseTo(0.005, within(1e-12));
        assertThat(m.get(Metric.RECEIVER_WRITE_SYSCALLS)).isCloseTo(0.003, within(1e-12));
        assertThat(
                        SyscallMetrics.problems(
                                "thr-send",
                                PeerResult.parse(
                                        SENDER
                                                + " timed_syscr=2 timed_syscw=2 timed_vcsw=1"
                                                + " timed_ivcsw=1 timed_socket_writes=-7")))
                .containsExactly("BAD_COUNTERS: thr-send reported timed_socket_writes=-7");
    }

    @Test
    void shouldGiveNoMetricForASideWithoutCounters() {
        PeerResult sender =
                PeerResult.parse(
                        SENDER + " timed_syscr=3 timed_syscw=26 timed_vcsw=40 timed_ivcsw=2");
        PeerResult receiver = PeerResult.parse(RECEIVER);
        Map<Metric, Double> m = SyscallMetrics.metrics(sender, receiver);
        assertThat(m)
                .containsOnlyKeys(
                        Metric.SENDER_READ_SYSCALLS,
                        Metric.SENDER_WRITE_SYSCALLS,
                        Metric.SENDER_CONTEXT_SWITCHES);
        assertThat(SyscallMetrics.problems("thr-recv", receiver)).isEmpty();
    }

    @Test
    void shouldFlowIntoTheRunsMetricsAndLeaveTheRatesAlone() {
        PeerResult sender =
                PeerResult.parse(
                        SENDER + " timed_syscr=3 timed_syscw=26 timed_vcsw=40 timed_ivcsw=2");
        PeerResult receiver = PeerResult.parse(RECEIVER);
        assertThat(RunVerifier.problems(Scenario.Kind.THROUGHPUT, ARGS, sender, receiver))
                .isEmpty();
        Map<Metric, Double> m =
                RunVerifier.metrics(Scenario.Kind.THROUGHPUT, ARGS, sender, receiver);
        assertThat(m.get(Metric.MESSAGES_PER_SECOND)).isCloseTo(500_000, within(1e-6));
        assertThat(m.get(Metric.SENDER_WRITE_SYSCALLS)).isCloseTo(0.026, within(1e-12));
        assertThat(m).doesNotContainKey(Metric.RECEIVER_READ_SYSCALLS);
    }

    @Test
    void shouldRefuseIncompleteOrNegativeCounters() {
        PeerResult partial = PeerResult.parse(SENDER + " timed_syscr=3 timed_syscw=26");
        assertThat(SyscallMetrics.problems("thr-send", partial))
                .singleElement()
                .asString()
                .startsWith("BAD_COUNTERS: thr-send reported only some of");
        PeerResult negative =
                PeerResult.parse(
                        SENDER + " timed_syscr=-1 timed_syscw=26 timed_vcsw=4 timed_ivcsw=0");
        assertThat(SyscallMetrics.problems("thr-send", negative))
                .containsExactly("BAD_COUNTERS: thr-send reported timed_syscr=-1");
        assertThat(
                        RunVerifier.problems(
                                Scenario.Kind.THROUGHPUT,
                                ARGS,
                                partial,
                                PeerResult.parse(RECEIVER)))
                .anySatisfy(p -> assertThat(p).startsWith("BAD_COUNTERS"));
    }

    @Test
    void shouldRefuseToDivideByNoMessages() {
        assertThat(SyscallMetrics.perMessage(26, 1000)).isCloseTo(0.026, within(1e-12));
        assertThatThrownBy(() -> SyscallMetrics.perMessage(26, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages: 0");
    }
}
