package dev.weft.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault proxy between real Weft sockets: it forwards both ways, and each fault shows the effect
 * a test would rely on (reconnect after a drop or reset, back-pressure while paused, a lower bound
 * on time under latency and a bandwidth cap, recovery from a partition). Time assertions are lower
 * bounds only, so a slow machine cannot fail them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(WeftExtension.class)
class FaultProxyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SocketOptions FAST_RECONNECT =
            SocketOptions.builder()
                    .reconnectInterval(Duration.ofMillis(50))
                    .reconnectIntervalMax(Duration.ofMillis(200))
                    .build();

    @Test
    void shouldForwardMessagesBothWays(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            dealer.connect(proxy.endpoint());
            WeftAwait.awaitConnected(dealer, TIMEOUT);

            assertThat(roundTrip(dealer, router, "ping")).isEqualTo("ping");
            assertThat(proxy.connectionCount()).isEqualTo(1);
            assertThat(proxy.acceptedCount()).isEqualTo(1);
            assertThat(proxy.endpoint()).isEqualTo("tcp://127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void shouldLetDealerReconnectAfterConnectionsAreDropped(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context, FAST_RECONNECT);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            MonitorRecorder events = MonitorRecorder.attach(dealer);
            dealer.connect(proxy.endpoint());
            WeftAwait.awaitConnected(dealer, TIMEOUT);
            assertThat(roundTrip(dealer, router, "before")).isEqualTo("before");

            assertThat(proxy.dropConnections()).isEqualTo(1);

            events.awaitCount(MonitorEvent.Type.CONNECT_RETRIED, 1, TIMEOUT);
            events.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            WeftAwait.awaitConnected(dealer, TIMEOUT);
            assertThat(roundTrip(dealer, router, "after")).isEqualTo("after");
            assertThat(proxy.acceptedCount()).isEqualTo(2);
        }
    }

    @Test
    void shouldLetDealerReconnectAfterConnectionsAreReset(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context, FAST_RECONNECT);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            MonitorRecorder events = MonitorRecorder.attach(dealer);
            dealer.connect(proxy.endpoint());
            WeftAwait.awaitConnected(dealer, TIMEOUT);

            assertThat(proxy.resetConnections()).isEqualTo(1);

            events.awaitCount(MonitorEvent.Type.DISCONNECTED, 1, TIMEOUT);
            events.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            assertThat(roundTrip(dealer, router, "after reset")).isEqualTo("after reset");
        }
    }

    @Test
    void shouldPushBackWhenPausedAndDeliverEveryMessageAfterResume(Context context) {
        SocketOptions smallHwm = SocketOptions.builder().sendHwm(10).receiveHwm(10).build();
        byte[] payload = new byte[16 * 1024];
        try (PullSocket pull = new PullSocket(context, smallHwm);
                PushSocket push = new PushSocket(context, smallHwm);
                FaultProxy proxy = FaultProxy.start(pull.bind(TestEndpoints.tcp()))) {
            push.connect(proxy.endpoint());
            WeftAwait.awaitConnected(push, TIMEOUT);
            WeftAwait.awaitConnected(pull, TIMEOUT);

            proxy.pause();
            int[] sent = {0};
            // Bounded: at most 10,000 messages of 16 KiB, and TIMEOUT.
            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> !trySendNumbered(push, sent, payload, 10_000));
            assertThat(sent[0]).as("messages taken before the socket pushed back").isPositive();
            await().during(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !pull.canReceive());

            proxy.resume();
            for (int i = 0; i < sent[0]; i++) {
                try (Message m = WeftAwait.awaitMessage(pull, TIMEOUT)) {
                    assertThat(m.frame(0).toString(UTF_8)).isEqualTo(Integer.toString(i));
                    assertThat(m.frame(1).size()).isEqualTo(payload.length);
                }
            }
            assertThat(push.send(Message.of("after"), TIMEOUT)).isTrue();
            assertThat(WeftAwait.awaitStrings(pull, TIMEOUT)).containsExactly("after");
        }
    }

    @Test
    void shouldDelayARoundTripByTheLatencyOfBothDirections(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            dealer.connect(proxy.endpoint());
            WeftAwait.awaitConnected(dealer, TIMEOUT);
            proxy.latency(Duration.ofMillis(50));

            long startNs = System.nanoTime();
            assertThat(roundTrip(dealer, router, "slow")).isEqualTo("slow");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNs);

            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void shouldAddLatencyInOneDirectionOnly(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            dealer.connect(proxy.endpoint());
            WeftAwait.awaitConnected(dealer, TIMEOUT);
            proxy.latency(FaultProxy.Direction.TO_CLIENT, Duration.ofMillis(80));

            long startNs = System.nanoTime();
            assertThat(roundTrip(dealer, router, "one way")).isEqualTo("one way");

            assertThat(Duration.ofNanos(System.nanoTime() - startNs))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(80));
        }
    }

    @Test
    void shouldNotMoveBytesFasterThanTheBandwidthCap(Context context) {
        long bytesPerSecond = 64 * 1024;
        int messages = 6;
        byte[] payload = new byte[16 * 1024];
        try (PullSocket pull = new PullSocket(context);
                PushSocket push = new PushSocket(context);
                FaultProxy proxy = FaultProxy.start(pull.bind(TestEndpoints.tcp()))) {
            push.connect(proxy.endpoint());
            WeftAwait.awaitConnected(push, TIMEOUT);
            proxy.bandwidth(FaultProxy.Direction.TO_TARGET, bytesPerSecond);

            long startNs = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                assertThat(push.send(Message.of(payload), TIMEOUT)).isTrue();
            }
            for (int i = 0; i < messages; i++) {
                WeftAwait.awaitMessage(pull, TIMEOUT).close();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNs);

            // 96 KiB at 64 KiB/s, less the first 20 ms slice: at least ~1.48 s.
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
        }
    }

    @Test
    void shouldHealAfterAPartitionThatHeartbeatsDetected(Context context) {
        SocketOptions heartbeats =
                SocketOptions.builder()
                        .heartbeatInterval(Duration.ofMillis(100))
                        .heartbeatTimeout(Duration.ofMillis(400))
                        .reconnectInterval(Duration.ofMillis(50))
                        .reconnectIntervalMax(Duration.ofMillis(200))
                        .build();
        try (RouterSocket router = new RouterSocket(context, heartbeats);
                DealerSocket dealer = new DealerSocket(context, heartbeats);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            MonitorRecorder events = MonitorRecorder.attach(dealer);
            dealer.connect(proxy.endpoint());
            WeftAwait.awaitConnected(dealer, TIMEOUT);

            proxy.pause();
            events.awaitCount(MonitorEvent.Type.DISCONNECTED, 1, TIMEOUT);
            WeftAwait.awaitPeers(router, 0, TIMEOUT);

            proxy.resume();
            events.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            assertThat(roundTrip(dealer, router, "healed")).isEqualTo("healed");
        }
    }

    @Test
    void shouldRefuseNewConnectionsUntilToldOtherwise(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context, FAST_RECONNECT);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            proxy.refuseConnections(true);
            MonitorRecorder events = MonitorRecorder.attach(dealer);
            dealer.connect(proxy.endpoint());

            events.awaitCount(MonitorEvent.Type.CONNECT_RETRIED, 2, TIMEOUT);
            assertThat(events.count(MonitorEvent.Type.HANDSHAKE_SUCCEEDED)).isZero();
            assertThat(proxy.acceptedCount()).isGreaterThanOrEqualTo(2);

            proxy.refuseConnections(false);
            WeftAwait.awaitConnected(dealer, TIMEOUT);
            assertThat(roundTrip(dealer, router, "let in")).isEqualTo("let in");
        }
    }

    @Test
    void shouldEndEveryThreadOnClose(Context context) {
        FaultProxy proxy;
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context)) {
            proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()));
            dealer.connect(proxy.endpoint());
            WeftAwait.awaitConnected(dealer, TIMEOUT);
            proxy.pause().latency(Duration.ofSeconds(1));
            assertThat(proxyThreads(proxy)).hasSize(3);

            proxy.close();
            proxy.close();
        }
        assertThat(proxyThreads(proxy)).isEmpty();
        assertThat(proxy.connectionCount()).isZero();
    }

    @Test
    void shouldRejectInvalidFaultsAndEndpoints() {
        assertThatThrownBy(() -> FaultProxy.start("tcp://127.0.0.1:*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp://127.0.0.1:*");
        try (FaultProxy proxy = FaultProxy.start("tcp://127.0.0.1:1")) {
            assertThatThrownBy(() -> proxy.latency(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("latency: PT-0.001S");
            assertThatThrownBy(() -> proxy.bandwidth(-5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bytesPerSecond: -5");
            assertThat(proxy.pause().isPaused(FaultProxy.Direction.TO_CLIENT)).isTrue();
            assertThat(proxy.clearFaults().isPaused(FaultProxy.Direction.TO_CLIENT)).isFalse();
            assertThat(proxy.toString()).contains(proxy.endpoint()).contains("unlimited");
        }
    }

    // ---- Helpers. ----

    /** DEALER sends one frame, ROUTER echoes it back; returns what the DEALER got. */
    private static String roundTrip(DealerSocket dealer, RouterSocket router, String text) {
        assertThat(dealer.send(Message.of(text), TIMEOUT)).as("DEALER send").isTrue();
        Message request = WeftAwait.awaitMessage(router, TIMEOUT);
        boolean sent = false;
        try {
            sent = router.send(request, TIMEOUT);
            assertThat(sent).as("ROUTER echo").isTrue();
        } finally {
            if (!sent) {
                request.close();
            }
        }
        List<String> reply = WeftAwait.awaitStrings(dealer, TIMEOUT);
        assertThat(reply).hasSize(1);
        return reply.get(0);
    }

    private static boolean trySendNumbered(
            MessageSender push, int[] sent, byte[] payload, int limit) {
        if (sent[0] >= limit) {
            throw new AssertionError("no back-pressure after " + limit + " messages");
        }
        Message m = Message.of(Integer.toString(sent[0]).getBytes(UTF_8), payload);
        if (push.trySend(m)) {
            sent[0]++;
            return true;
        }
        m.close();
        return false;
    }

    private static List<Thread> proxyThreads(FaultProxy proxy) {
        String prefix = "weft-fault-proxy-" + proxy.port() + "-";
        return ThreadLeakCheck.weftThreads().stream()
                .filter(t -> t.getName().startsWith(prefix))
                .toList();
    }
}
