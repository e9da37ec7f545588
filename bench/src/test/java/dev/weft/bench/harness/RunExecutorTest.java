package dev.weft.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.peer.PeerArgs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process plumbing and checks of one run, with scripted stand-in peers ({@code sh -c}) that
 * print chosen lines: what the harness does when a peer lies, dies, hangs or fails.
 */
@Timeout(60)
class RunExecutorTest {
    private static final Scenario THR_16 =
            new Scenario(
                    Scenario.Kind.THROUGHPUT, Pattern.DEALER_ROUTER, 16, List.of(Library.WEFT));
    private static final String GOOD_RECEIVER =
            "echo READY endpoint=tcp://127.0.0.1:1; "
                    + "echo RESULT role=thr-recv messages=1001 bytes=16016 timed_messages=900"
                    + " elapsed_ns=1000000";

    @TempDir Path logs;

    private RunRecord run(String bindingScript, String connectingScript) {
        PeerLauncher scripted =
                (PeerArgs args) ->
                        List.of("sh", "-c", args.role().binds() ? bindingScript : connectingScript);
        RunExecutor executor =
                new RunExecutor(
                        Map.of(Library.WEFT, scripted), Profile.SMOKE, logs, 2_000, 5_000, 20);
        return executor.run(THR_16, Library.WEFT, 1);
    }

    @Test
    void shouldAcceptARunWhoseSidesAgree() {
        RunRecord r =
                run(
                        GOOD_RECEIVER,
                        "echo RESULT role=thr-send messages=1001 bytes=16016 timed_messages=980"
                                + " elapsed_ns=5");
        assertThat(r.error()).isNull();
        assertThat(r.metrics()).containsEntry(Metric.MESSAGES_PER_SECOND, 900_000.0);
    }

    @Test
    void shouldFailARunWhoseSenderSentMoreThanTheReceiverGot() {
        RunRecord r =
                run(
                        GOOD_RECEIVER,
                        "echo RESULT role=thr-send messages=1002 bytes=16032 timed_messages=981"
                                + " elapsed_ns=5");
        assertThat(r.isOk()).isFalse();
        assertThat(r.metrics()).isEmpty();
        assertThat(r.error())
                .contains("COUNT_MISMATCH: thr-send sent 1002 messages, thr-recv got 1001");
    }

    @Test
    void shouldFailWhenTheBindingPeerNeverGetsReady() {
        long start = System.nanoTime();
        RunRecord r = run("sleep 30", "true");
        assertThat(r.error()).startsWith("TIMEOUT:").contains("no READY line within 2000 ms");
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    }

    @Test
    void shouldFailWhenAPeerExitsWithoutAResult() {
        RunRecord r = run(GOOD_RECEIVER, "echo starting; echo oops >&2; exit 3");
        assertThat(r.error())
                .contains("NO_RESULT: weft thr-send exited (status 3) without a result")
                .contains("stderr| oops")
                .contains("stdout| starting");
    }

    @Test
    void shouldPassOnAPeersOwnError() {
        RunRecord r = run(GOOD_RECEIVER, "echo ERROR TIMEOUT: send not taken; exit 1");
        assertThat(r.error()).contains("thr-send failed: weft thr-send: TIMEOUT: send not taken");
    }

    @Test
    void shouldFailAPeerThatReportsSuccessButExitsNonZero() {
        RunRecord r =
                run(
                        GOOD_RECEIVER,
                        "echo RESULT role=thr-send messages=1001 bytes=16016 timed_messages=1"
                                + " elapsed_ns=5; exit 4");
        assertThat(r.error()).contains("EXIT_STATUS").contains("exited with 4");
    }

    @Test
    void shouldTimeOutAPeerThatNeverReports() {
        RunRecord r = run(GOOD_RECEIVER, "sleep 30");
        assertThat(r.error()).contains("TIMEOUT: weft thr-send reported no result within 5000 ms");
    }
}
