package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code immediate} option, with libzmq's {@code ZMQ_IMMEDIATE} meaning. */
@Timeout(60)
class ImmediateTest {
    private static final SocketOptions QUEUE_EARLY =
            SocketOptions.builder()
                    .immediate(false)
                    .reconnectInterval(Duration.ofMillis(20))
                    .reconnectIntervalMax(Duration.ofMillis(100))
                    .build();
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
    void shouldQueueFromConnectOnByDefaultLikeLibzmq() {
        int port = freePort();
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect("tcp://127.0.0.1:" + port);
        assertThat(dealer.trySend(Message.of("early"))).isTrue();

        RouterSocket router = new RouterSocket(ctx);
        router.bind("tcp://127.0.0.1:" + port);
        assertThat(Received.texts(router)).last().isEqualTo("early");
    }

    @Test
    void shouldQueueOnlyToCompletedConnectionsWhenImmediateIsOn() {
        DealerSocket dealer =
                new DealerSocket(ctx, SocketOptions.builder().immediate(true).build());
        dealer.connect("tcp://127.0.0.1:" + freePort());
        Message m = Message.of("nowhere");
        assertThat(dealer.trySend(m)).isFalse();
        assertThat(dealer.send(m, Duration.ofMillis(50))).isFalse();
        assertThat(dealer.stats().peers()).isEmpty();
        m.close();
    }

    @Test
    void shouldQueueMessagesSentBeforeThePeerListensWhenImmediateIsOff() {
        int port = freePort();
        DealerSocket dealer = new DealerSocket(ctx, QUEUE_EARLY);
        dealer.connect("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 3; i++) {
            assertThat(dealer.trySend(Message.of("early-" + i))).isTrue();
        }

        RouterSocket router = new RouterSocket(ctx);
        router.bind("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 3; i++) {
            assertThat(Received.texts(router)).last().isEqualTo("early-" + i);
        }
    }

    @Test
    void shouldKeepQueuedMessagesAcrossAReconnectWhenImmediateIsOff() {
        PullSocket first = new PullSocket(ctx);
        String ep = first.bind("tcp://127.0.0.1:*");
        PushSocket push = new PushSocket(ctx, QUEUE_EARLY);
        EventLog events = EventLog.of(push);
        push.connect(ep);
        push.send("before");
        assertThat(first.receiveString()).isEqualTo("before");

        first.close();
        events.await(MonitorEvent.Type.DISCONNECTED);
        assertThat(push.trySend(Message.of("while-down"))).isTrue();

        PullSocket second = new PullSocket(ctx);
        second.bind(ep);
        assertThat(Received.texts(second)).containsExactly("while-down");
    }

    @Test
    void shouldResendSubscriptionsOnTheSameQueueAfterAReconnect() {
        PubSocket first = new PubSocket(ctx);
        String ep = first.bind("tcp://127.0.0.1:*");
        SubSocket sub = new SubSocket(ctx, QUEUE_EARLY).subscribe("t");
        EventLog events = EventLog.of(sub);
        sub.connect(ep);
        assertThat(publishUntilReceived(first, sub)).containsExactly("t", "x");

        first.close();
        events.await(MonitorEvent.Type.DISCONNECTED);
        PubSocket second = new PubSocket(ctx);
        second.bind(ep);
        assertThat(publishUntilReceived(second, sub)).containsExactly("t", "x");
    }

    @Test
    void shouldDeliverQueuedMessagesWithinLingerWhenThePeerComesUpAfterClose() {
        int port = freePort();
        PushSocket push =
                new PushSocket(ctx, QUEUE_EARLY.toBuilder().linger(Duration.ofSeconds(5)).build());
        push.connect("tcp://127.0.0.1:" + port);
        assertThat(push.trySend(Message.of("last-words"))).isTrue();
        push.close();
        assertThat(push.isClosed()).isTrue();

        PullSocket pull = new PullSocket(ctx);
        pull.bind("tcp://127.0.0.1:" + port);
        assertThat(Received.texts(pull)).containsExactly("last-words");
    }

    private static java.util.List<String> publishUntilReceived(PubSocket pub, SubSocket sub) {
        for (int i = 0; i < 500; i++) {
            pub.send("t", "x");
            try (Message m = sub.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    return m.strings();
                }
            }
        }
        throw new AssertionError("nothing reached the subscriber in 500 tries");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
