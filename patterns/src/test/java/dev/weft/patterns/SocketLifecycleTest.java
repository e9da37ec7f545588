package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.InterruptedOperationException;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketClosedException;
import dev.weft.core.SocketOptions;
import dev.weft.core.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SocketLifecycleTest {
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void shouldFreeABoundPortByTheTimeUnbindOrCloseReturns() {
        PullSocket first = new PullSocket(ctx);
        String ep = first.bind("tcp://127.0.0.1:*");
        for (int i = 0; i < 100; i++) {
            first.unbind(ep);
            assertThat(first.bind(ep)).as("bind %d right after unbind", i).isEqualTo(ep);
        }
        first.close();
        for (int i = 0; i < 20; i++) {
            PullSocket next = new PullSocket(ctx);
            assertThat(next.bind(ep)).as("bind %d right after close", i).isEqualTo(ep);
            next.close();
        }
    }

    @Test
    void shouldThrowInTheInterruptedThreadAndStayUsable() throws Exception {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = new DealerSocket(ctx, SocketOptions.builder().routingId("d").build());
        dealer.connect(ep);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread blocked =
                new Thread(
                        () -> {
                            try {
                                dealer.receive();
                            } catch (Throwable t) {
                                thrown.set(t);
                            }
                        });
        blocked.start();
        await().until(() -> blocked.getState() == Thread.State.WAITING);
        blocked.interrupt();
        blocked.join(5_000);

        assertThat(thrown.get())
                .isInstanceOf(InterruptedOperationException.class)
                .hasMessageContaining("receive interrupted");
        assertThat(dealer.send("after")).isTrue();
        assertThat(Received.texts(router)).containsExactly("d", "after");
        router.sendTo(new byte[] {'d'}, "back");
        assertThat(Received.texts(dealer)).containsExactly("back");
    }

    @Test
    void shouldWakeABlockedReceiverWhenTheSocketCloses() throws Exception {
        DealerSocket dealer = new DealerSocket(ctx);
        BlockedCall<Message> receiving = BlockedCall.start(dealer::receive);
        dealer.close();
        assertThat(receiving.result())
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(SocketClosedException.class);
    }

    @Test
    void shouldEndTheLingerAndCountWhatIsLeftWhenThePeerStopsReading() {
        SocketOptions slowReader = SocketOptions.builder().receiveHwm(1).build();
        RouterSocket router = new RouterSocket(ctx, slowReader);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .linger(Duration.ofMillis(200))
                                .sendHwm(1000)
                                .build());
        dealer.connect(ep);
        byte[] big = new byte[256 * 1024];
        int queued = 0;
        for (int i = 0; i < 400 && dealer.send(Message.of(big), Duration.ofMillis(200)); i++) {
            queued++;
        }
        assertThat(queued).as("messages queued before back-pressure").isPositive();
        await().until(() -> dealer.stats().peers().stream().anyMatch(p -> p.outboundDepth() > 0));

        dealer.close();

        assertThat(dealer.isClosed()).isTrue();
        int stillQueued = queued;
        await("the linger to end with messages the reader never took")
                .atMost(Duration.ofSeconds(30))
                .until(() -> dealer.stats().droppedOnClose() > 0);
        assertThat(dealer.stats().droppedOnClose()).isBetween(1L, (long) stillQueued);
    }

    @Test
    void shouldCloseTheContextWithSocketsStillOpen() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(ep);
        dealer.send("queued");

        ctx.close();

        assertThat(router.isClosed()).isTrue();
        assertThat(dealer.isClosed()).isTrue();
        assertThatThrownBy(() -> dealer.send("late"))
                .isInstanceOf(SocketClosedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> new DealerSocket(ctx)).isInstanceOf(SocketClosedException.class);
    }

    @Test
    void shouldReconnectAfterThePeerComesBackOnTheSamePort() {
        RouterSocket first = new RouterSocket(ctx);
        String ep = first.bind("tcp://127.0.0.1:*");
        DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .routingId("r")
                                .reconnectInterval(Duration.ofMillis(20))
                                .reconnectIntervalMax(Duration.ofMillis(200))
                                .build());
        EventLog events = EventLog.of(dealer);
        dealer.connect(ep);
        dealer.send("one");
        assertThat(Received.texts(first)).containsExactly("r", "one");

        first.close();
        events.await(MonitorEvent.Type.CONNECT_RETRIED);
        RouterSocket second = new RouterSocket(ctx);
        second.bind(ep);
        events.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 2);

        dealer.send("two");
        assertThat(Received.texts(second)).containsExactly("r", "two");
        assertThat(dealer.stats().reconnects()).isPositive();
    }

    @Test
    void shouldBackOffExponentiallyWithJitterWhenAMaximumIsSet() {
        DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .reconnectInterval(Duration.ofMillis(10))
                                .reconnectIntervalMax(Duration.ofMillis(80))
                                .build());
        EventLog events = EventLog.of(dealer);
        int port = freePort();
        dealer.connect("tcp://127.0.0.1:" + port);

        events.await(MonitorEvent.Type.CONNECT_RETRIED, 8);
        List<Long> delays = retryDelaysMs(events);
        // 10, 20, 40, 80, 80, ... each within ±20%, kept within [10, 80].
        assertThat(delays.get(0)).isBetween(10L, 12L);
        assertThat(delays.get(1)).isBetween(16L, 24L);
        assertThat(delays.get(2)).isBetween(32L, 48L);
        assertThat(delays.subList(3, delays.size()))
                .allSatisfy(d -> assertThat(d).isBetween(64L, 80L));
    }

    @Test
    void shouldRetryAtAFixedIntervalByDefaultLikeLibzmq() {
        DealerSocket dealer = new DealerSocket(ctx);
        EventLog events = EventLog.of(dealer);
        dealer.connect("tcp://127.0.0.1:" + freePort());

        events.await(MonitorEvent.Type.CONNECT_RETRIED, 4);
        assertThat(retryDelaysMs(events)).allSatisfy(d -> assertThat(d).isEqualTo(100L));
    }

    private static List<Long> retryDelaysMs(EventLog events) {
        Pattern retry = Pattern.compile("retry in (\\d+) ms$");
        return events.events().stream()
                .filter(e -> e.type() == MonitorEvent.Type.CONNECT_RETRIED)
                .map(
                        e -> {
                            Matcher m = retry.matcher(e.detail());
                            assertThat(m.find()).as("retry delay in '%s'", e.detail()).isTrue();
                            return Long.parseLong(m.group(1));
                        })
                .toList();
    }

    @Test
    void shouldReportTheEphemeralPortAndServeOnIt() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        assertThat(ep).matches("tcp://127\\.0\\.0\\.1:\\d+").isEqualTo(router.lastEndpoint());
        assertThat(ep).doesNotEndWith(":0");
    }

    @Test
    void shouldTalkOverIpv6Loopback() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://[::1]:*");
        assertThat(ep).startsWith("tcp://[");
        DealerSocket dealer =
                new DealerSocket(ctx, SocketOptions.builder().routingId("v6").build());
        dealer.connect(ep);
        dealer.send("over-ipv6");
        assertThat(Received.texts(router)).containsExactly("v6", "over-ipv6");
    }

    @Test
    void shouldConnectByHostName() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        String port = ep.substring(ep.lastIndexOf(':') + 1);
        DealerSocket dealer = new DealerSocket(ctx, SocketOptions.builder().routingId("h").build());
        dealer.connect("tcp://localhost:" + port);
        dealer.send("by-name");
        assertThat(Received.texts(router)).containsExactly("h", "by-name");
    }

    @Test
    void shouldStopServingAfterUnbindAndDisconnect() {
        RouterSocket router = new RouterSocket(ctx);
        EventLog routerEvents = EventLog.of(router);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = new DealerSocket(ctx);
        EventLog dealerEvents = EventLog.of(dealer);
        dealer.connect(ep);
        dealer.send("x");
        router.receive(Received.WAIT).close();

        router.unbind(ep);
        routerEvents.await(MonitorEvent.Type.CLOSED);
        dealerEvents.await(MonitorEvent.Type.DISCONNECTED);
        dealer.disconnect(ep);
        assertThat(dealer.trySend(Message.of("nobody"))).isFalse();
        assertThatThrownBy(() -> dealer.disconnect(ep))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("not connected there");
    }

    @Test
    void shouldKeepTheMessageWithTheCallerWhenASendCannotComplete() {
        DealerSocket dealer = new DealerSocket(ctx);
        Message m = Message.of("unsent");
        assertThat(dealer.trySend(m)).isFalse();
        assertThat(dealer.send(m, Duration.ofMillis(50))).isFalse();
        assertThat(m.frame(0).content().refCnt()).isEqualTo(1);
        m.close();
    }

    @Test
    void shouldExplainBadEndpointsAndBusyPorts() {
        DealerSocket dealer = new DealerSocket(ctx);
        assertThatThrownBy(() -> dealer.connect("tcp://127.0.0.1:*"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("needs a concrete host and port");
        assertThatThrownBy(() -> dealer.bind("sctp://127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("transport 'sctp'");
        assertThatThrownBy(() -> dealer.bind("udp://127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("a DEALER socket cannot bind udp://")
                .hasMessageContaining("a DISH binds, a RADIO connects");
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        RouterSocket other = new RouterSocket(ctx);
        assertThatThrownBy(() -> other.bind(ep))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("bind '" + ep + "' failed");
    }

    private static int freePort() {
        try (java.net.ServerSocket s =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
