package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.MonitorEvent;
import dev.weft.core.ReconnectStop;
import dev.weft.core.SocketOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code reconnectStop}, libzmq's {@code ZMQ_RECONNECT_STOP}: each condition ends reconnecting to
 * the endpoint, releases its queue as {@code disconnect()} does, and leaves the endpoint free for a
 * new {@code connect}; other failures keep reconnecting.
 */
@Timeout(60)
class ReconnectStopTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

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
    void shouldStopOnARefusedReconnectReleaseTheQueueAndAllowANewConnect() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        try (DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .reconnectStop(ReconnectStop.CONNECTION_REFUSED)
                                // Room to queue while the server is away, before the refusal.
                                .reconnectInterval(Duration.ofSeconds(2))
                                .sendTimeout(WAIT)
                                .build())) {
            EventLog events = EventLog.of(dealer);
            dealer.connect(ep);
            events.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED);
            router.close();
            events.await(MonitorEvent.Type.DISCONNECTED);
            assertThat(dealer.send("queued 1")).isTrue();
            assertThat(dealer.send("queued 2")).isTrue();

            MonitorEvent stopped = events.await(MonitorEvent.Type.RECONNECT_STOPPED);

            assertThat(stopped.endpoint()).isEqualTo(ep);
            assertThat(stopped.detail()).startsWith("CONNECTION_REFUSED").contains("refused");
            Awaitility.await().atMost(WAIT).until(() -> dealer.stats().droppedOnDisconnect() == 2);
            assertThat(dealer.stats().peers()).isEmpty();
            assertThatThrownBy(() -> dealer.disconnect(ep))
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessageContaining("not connected there");

            try (RouterSocket back = new RouterSocket(ctx)) {
                back.bind(ep);
                dealer.connect(ep);
                assertThat(dealer.send("after")).isTrue();
                assertThat(Received.texts(back)).endsWith("after");
            }
        }
    }

    @Test
    void shouldKeepRetryingARefusedConnectWithoutTheCondition() {
        String ep = closedPort();
        try (DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .reconnectStop(ReconnectStop.HANDSHAKE_FAILED)
                                .reconnectInterval(Duration.ofMillis(20))
                                .build())) {
            EventLog events = EventLog.of(dealer);
            dealer.connect(ep);

            events.await(MonitorEvent.Type.CONNECT_RETRIED, 3);
            assertThat(events.count(MonitorEvent.Type.RECONNECT_STOPPED)).isZero();
        }
    }

    @Test
    void shouldStopWhenThePeerIsNotZmtp() throws IOException {
        try (ServerSocket notZmtp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                DealerSocket dealer =
                        new DealerSocket(
                                ctx,
                                SocketOptions.builder()
                                        .reconnectStop(ReconnectStop.HANDSHAKE_FAILED)
                                        .reconnectInterval(Duration.ofMillis(20))
                                        .build())) {
            notZmtp.setSoTimeout((int) WAIT.toMillis());
            String ep = "tcp://127.0.0.1:" + notZmtp.getLocalPort();
            EventLog events = EventLog.of(dealer);
            dealer.connect(ep);
            try (Socket peer = notZmtp.accept();
                    OutputStream out = peer.getOutputStream()) {
                out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();

                MonitorEvent stopped = events.await(MonitorEvent.Type.RECONNECT_STOPPED);

                assertThat(stopped.detail()).startsWith("HANDSHAKE_FAILED");
            }
            assertThat(events.count(MonitorEvent.Type.HANDSHAKE_FAILED)).isEqualTo(1);
            assertThat(dealer.stats().reconnects()).as("no retry was scheduled").isZero();
            assertThatThrownBy(() -> dealer.disconnect(ep))
                    .isInstanceOf(InvalidEndpointException.class);
        }
    }

    @Test
    void shouldStillReconnectAfterADisconnectThatFollowsACompletedHandshake() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        try (DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .reconnectStop(ReconnectStop.HANDSHAKE_FAILED)
                                .reconnectInterval(Duration.ofMillis(20))
                                .build())) {
            EventLog events = EventLog.of(dealer);
            dealer.connect(ep);
            events.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED);

            router.close();
            events.await(MonitorEvent.Type.CONNECT_RETRIED, 2);
            try (RouterSocket back = new RouterSocket(ctx)) {
                back.bind(ep);
                events.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 2);
            }
            assertThat(events.count(MonitorEvent.Type.RECONNECT_STOPPED)).isZero();
        }
    }

    @Test
    void shouldNotReconnectForQueuedMessagesAfterDisconnect() {
        String ep = closedPort();
        try (DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .reconnectStop(ReconnectStop.AFTER_DISCONNECT)
                                .reconnectInterval(Duration.ofMillis(20))
                                .linger(Duration.ofMinutes(1))
                                .sendTimeout(WAIT)
                                .build())) {
            EventLog events = EventLog.of(dealer);
            dealer.connect(ep);
            assertThat(dealer.send("a")).isTrue();
            assertThat(dealer.send("b")).isTrue();
            events.await(MonitorEvent.Type.CONNECT_RETRIED);

            dealer.disconnect(ep);

            // Without the condition these would wait, reconnecting, for the minute of linger.
            Awaitility.await().atMost(WAIT).until(() -> dealer.stats().droppedOnDisconnect() == 2);
            long retries = dealer.stats().reconnects();
            dealer.connect(ep);
            events.await(MonitorEvent.Type.CONNECT_RETRIED, (int) retries + 1);
        }
    }

    /** An endpoint on loopback where nothing listens: bound once, then released. */
    private static String closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free loopback port", e);
        }
    }
}
