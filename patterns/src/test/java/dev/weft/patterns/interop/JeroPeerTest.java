package dev.weft.patterns.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Proves {@link JeroPeer} with two JeroMQ sockets talking to each other, a silent TCP server that
 * forces the retry path, and a libzmq ROUTER as in golden vector 09.
 */
@Timeout(60)
class JeroPeerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Handshakes take milliseconds; a stalled one is abandoned after this long. */
    private static final Duration HANDSHAKE_WAIT = Duration.ofSeconds(2);

    private static final byte[] EMPTY = new byte[0];

    @Test
    void shouldRouteMultipartMessageAfterMonitoredHandshake() {
        byte[] routingId = ascii("jeromq-1");
        byte[] body = counting(256);
        try (JeroPeer router = JeroPeer.start(SocketType.ROUTER);
                JeroPeer dealer = JeroPeer.start("dealer")) {
            String endpoint = router.bind("tcp://127.0.0.1:*");
            dealer.routingId(routingId);

            dealer.connectWithRetry(endpoint, HANDSHAKE_WAIT);
            dealer.send(List.of(EMPTY, body));
            List<byte[]> atRouter = router.receive(WAIT);
            router.send(atRouter);
            List<byte[]> atDealer = dealer.receive(WAIT);

            assertThat(endpoint).matches("tcp://127\\.0\\.0\\.1:[1-9][0-9]*");
            assertThat(atRouter).containsExactly(routingId, EMPTY, body);
            assertThat(atDealer).containsExactly(EMPTY, body);
        }
    }

    @Test
    void shouldRecreateSocketOnceAndKeepItsOptions() {
        byte[] routingId = ascii("retried");
        try (JeroPeer router = JeroPeer.start(SocketType.ROUTER);
                JeroPeer dealer = JeroPeer.start(SocketType.DEALER)) {
            String endpoint = router.bind("tcp://127.0.0.1:*");
            dealer.routingId(routingId);
            ZMQ.Socket first = dealer.socket();

            // Simulates the stall: the handshake counts as done only after a recreation. (The
            // recreated socket's own connection is not checked here: it may hit the real stall.)
            dealer.connectWithRetry(
                    endpoint, Duration.ofMillis(200), () -> dealer.socketRecreations() > 0);

            assertThat(dealer.socketRecreations()).isEqualTo(1);
            assertThat(dealer.socket()).isNotSameAs(first);
            assertThat(dealer.socket().getIdentity()).isEqualTo(routingId);
        }
    }

    @Test
    void shouldNudgeTheIoThreadBeforeRecreatingTheSocket() {
        try (JeroPeer router = JeroPeer.start(SocketType.ROUTER);
                JeroPeer dealer = JeroPeer.start(SocketType.DEALER)) {
            String endpoint = router.bind("tcp://127.0.0.1:*");

            // Simulates a stall that the nudge clears: done only once the I/O thread was nudged.
            dealer.connectWithRetry(
                    endpoint, Duration.ofMillis(200), () -> dealer.ioThreadNudges() > 0);
            dealer.send(List.of(ascii("after nudge")));

            assertThat(dealer.ioThreadNudges()).isEqualTo(1);
            assertThat(dealer.socketRecreations()).isZero();
            assertThat(router.receive(WAIT)).hasSize(2).last().isEqualTo(ascii("after nudge"));
        }
    }

    @Test
    void shouldFailWhenHandshakeNeverCompletesAfterOneRetry() {
        try (JeroPeer router = JeroPeer.start(SocketType.ROUTER);
                JeroPeer dealer = JeroPeer.start(SocketType.DEALER)) {
            String endpoint = router.bind("tcp://127.0.0.1:*");

            assertThatThrownBy(
                            () ->
                                    dealer.connectWithRetry(
                                            endpoint, Duration.ofMillis(100), () -> false))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("even after recreating its socket once");
            assertThat(dealer.socketRecreations()).isEqualTo(1);
            assertThat(dealer.ioThreadNudges()).isEqualTo(2);
        }
    }

    @Test
    void shouldRecreateOnceThenFailWhenServerNeverGreets() throws IOException {
        try (ServerSocket silentServer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                JeroPeer dealer = JeroPeer.start(SocketType.DEALER)) {
            String endpoint = "tcp://127.0.0.1:" + silentServer.getLocalPort();

            assertThatThrownBy(() -> dealer.connectWithRetry(endpoint, Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no ZMTP handshake with " + endpoint);
            assertThat(dealer.socketRecreations()).isEqualTo(1);
        }
    }

    @Test
    void shouldHandshakeWithLibzmqRouter() {
        try (LibzmqPeer router = LibzmqPeer.start("ROUTER");
                JeroPeer dealer = JeroPeer.start(SocketType.DEALER)) {
            dealer.routingId(ascii("jeromq-1"));

            dealer.connectWithRetry(router.bind("tcp://127.0.0.1:*"), HANDSHAKE_WAIT);
            dealer.send(List.of(EMPTY, ascii("hello")));

            assertThat(router.receive(WAIT))
                    .containsExactly(ascii("jeromq-1"), EMPTY, ascii("hello"));
        }
    }

    @Test
    void shouldFailReceiveWhenNothingArrives() {
        try (JeroPeer pull = JeroPeer.start(SocketType.PULL)) {
            pull.bind("tcp://127.0.0.1:*");

            assertThat(pull.tryReceive(Duration.ofMillis(50))).isEmpty();
            assertThatThrownBy(() -> pull.receive(Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("JeroMQ PULL received nothing");
        }
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }
}
