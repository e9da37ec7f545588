package dev.weft.core.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Keepalive;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.core.socket.SocketCore;
import dev.weft.core.test.QuietRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.net.ExtendedSocketOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TCP keepalive options reach both ends of a real loopback connection: read back from the
 * dialed and the accepted channel right after the transport applied them.
 */
@Timeout(60)
class TcpKeepaliveTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What one channel said about its keepalive options. */
    private record Seen(int localPort, boolean keepalive, int idle, int interval, int count) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
        TcpKeepalive.observeForTest(ch -> seen.add(readBack(ch)));
    }

    @AfterEach
    void tearDown() {
        TcpKeepalive.observeForTest(ch -> {});
        ctx.close();
    }

    @Test
    void shouldSetKeepaliveAndItsTimingOnDialedAndAcceptedConnections() {
        SocketOptions options =
                SocketOptions.builder()
                        .tcpKeepalive(Keepalive.ON)
                        .tcpKeepaliveIdle(Duration.ofSeconds(42))
                        .tcpKeepaliveInterval(Duration.ofSeconds(7))
                        .tcpKeepaliveCount(5)
                        .build();

        List<Seen> ends = connectPair(options);

        for (Seen end : ends) {
            assertThat(end.keepalive()).as("SO_KEEPALIVE of %s", end).isTrue();
            assertThat(end.idle()).as("TCP_KEEPIDLE of %s", end).isEqualTo(42);
            assertThat(end.interval()).as("TCP_KEEPINTERVAL of %s", end).isEqualTo(7);
            assertThat(end.count()).as("TCP_KEEPCOUNT of %s", end).isEqualTo(5);
        }
    }

    @Test
    void shouldTurnKeepaliveOffAndLeaveTheTimingAlone() {
        List<Seen> defaults = connectPair(SocketOptions.DEFAULTS);
        seen.clear();

        List<Seen> ends =
                connectPair(
                        SocketOptions.builder()
                                .tcpKeepalive(Keepalive.OFF)
                                .tcpKeepaliveIdle(Duration.ofSeconds(42))
                                .build());

        for (Seen end : ends) {
            assertThat(end.keepalive()).as("SO_KEEPALIVE of %s", end).isFalse();
            assertThat(end.idle())
                    .as("TCP_KEEPIDLE applies only with keepalive on, as in libzmq")
                    .isEqualTo(defaults.get(0).idle());
        }
    }

    /** Connects a DEALER to a ROUTER with these options; returns the dialed and accepted ends. */
    private List<Seen> connectPair(SocketOptions options) {
        SocketCore router =
                new SocketCore(ctx, new RoleContext(SocketType.ROUTER, options), new QuietRole());
        SocketCore dealer =
                new SocketCore(ctx, new RoleContext(SocketType.DEALER, options), new QuietRole());
        try {
            String ep = router.bind("tcp://127.0.0.1:*");
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            dealer.connect(ep);
            Awaitility.await().atMost(WAIT).until(() -> seen.size() >= 2);
            // The dialed channel is not bound yet when its options are set.
            Seen dialed =
                    seen.stream().filter(s -> s.localPort() != port).findFirst().orElseThrow();
            Seen accepted =
                    seen.stream().filter(s -> s.localPort() == port).findFirst().orElseThrow();
            return List.of(dialed, accepted);
        } finally {
            dealer.close();
            router.close();
        }
    }

    private static Seen readBack(SocketChannel ch) {
        try {
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            return new Seen(
                    local == null ? -1 : local.getPort(),
                    ch.getOption(StandardSocketOptions.SO_KEEPALIVE),
                    ch.getOption(ExtendedSocketOptions.TCP_KEEPIDLE),
                    ch.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL),
                    ch.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
