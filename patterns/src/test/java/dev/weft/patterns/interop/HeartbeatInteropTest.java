package dev.weft.patterns.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.Greeting;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ZMTP 3.1 heartbeating (RFC 37 §Connection Heartbeating) over tcp and ipc: PING/PONG with libzmq
 * both ways, and a peer that goes silent after its handshake.
 */
@Timeout(60)
class HeartbeatInteropTest {
    @TempDir Path dir;
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void shouldAnswerLibzmqPingsSoTheConnectionStaysUp(String transport) {
        RouterSocket router = new RouterSocket(ctx);
        ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
        router.addMonitor(events::add);
        String ep = router.bind(endpoint(transport, "hb"));
        try (LibzmqPeer dealer = LibzmqPeer.start("DEALER")) {
            dealer.setOption("routing_id", bytes("hb"));
            dealer.setOption("heartbeat_ivl", 50);
            dealer.setOption("heartbeat_timeout", 200);
            dealer.connect(ep);
            dealer.send(List.of(bytes("before")));
            try (Message m = router.receive(Duration.ofSeconds(10))) {
                assertThat(m.strings()).containsExactly("hb", "before");
            }

            await().during(Duration.ofMillis(1000))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> noDisconnect(events));

            dealer.send(List.of(bytes("after")));
            try (Message m = router.receive(Duration.ofSeconds(10))) {
                assertThat(m.strings()).containsExactly("hb", "after");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void shouldKeepAConnectionToLibzmqAliveWithItsOwnPings(String transport) {
        DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .heartbeatInterval(Duration.ofMillis(50))
                                .heartbeatTimeout(Duration.ofMillis(200))
                                .heartbeatTtl(Duration.ofSeconds(1))
                                .build());
        ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
        dealer.addMonitor(events::add);
        try (LibzmqPeer router = LibzmqPeer.start("ROUTER")) {
            dealer.connect(router.bind(endpoint(transport, "hb-libzmq")));
            dealer.send("hello");
            assertThat(router.receive(Duration.ofSeconds(10))).hasSize(2);

            await().during(Duration.ofMillis(1000))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> noDisconnect(events));
            dealer.send("still-there");
            assertThat(
                            new String(
                                    router.receive(Duration.ofSeconds(10)).get(1),
                                    StandardCharsets.UTF_8))
                    .isEqualTo("still-there");
        }
    }

    @Test
    void shouldCloseAConnectionWhosePeerStopsAnswering() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DealerSocket dealer =
                    new DealerSocket(
                            ctx,
                            SocketOptions.builder()
                                    .heartbeatInterval(Duration.ofMillis(50))
                                    .heartbeatTimeout(Duration.ofMillis(200))
                                    .reconnectInterval(Duration.ofSeconds(5))
                                    .reconnectIntervalMax(Duration.ofSeconds(5))
                                    .build());
            ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
            dealer.addMonitor(events::add);
            dealer.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (Socket silent = server.accept()) {
                silent.getOutputStream().write(greetingAndReady("ROUTER"));
                silent.getOutputStream().flush();

                await().atMost(Duration.ofSeconds(5))
                        .until(
                                () ->
                                        events.stream()
                                                .anyMatch(
                                                        e ->
                                                                e.type()
                                                                        == MonitorEvent.Type
                                                                                .DISCONNECTED));
                assertThat(events)
                        .filteredOn(e -> e.type() == MonitorEvent.Type.DISCONNECTED)
                        .first()
                        .extracting(MonitorEvent::detail)
                        .asString()
                        .startsWith("HEARTBEAT_TIMEOUT");
            }
        }
    }

    @Test
    void shouldDisconnectAnIpcPeerThatGoesSilentAndReconnect() throws IOException {
        Path file = dir.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            server.configureBlocking(false);
            DealerSocket dealer =
                    new DealerSocket(
                            ctx,
                            SocketOptions.builder()
                                    .heartbeatInterval(Duration.ofMillis(50))
                                    .heartbeatTimeout(Duration.ofMillis(200))
                                    .reconnectInterval(Duration.ofMillis(100))
                                    .build());
            ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
            dealer.addMonitor(events::add);
            dealer.connect("ipc://" + file);
            List<SocketChannel> accepted = new ArrayList<>();
            try {
                // Greets and says READY, then never reads or writes again: its pings go unanswered.
                SocketChannel silent = acceptOne(server, accepted);
                silent.write(ByteBuffer.wrap(greetingAndReady("ROUTER")));

                await().atMost(Duration.ofSeconds(5)).until(() -> !noDisconnect(events));
                assertThat(events)
                        .filteredOn(e -> e.type() == MonitorEvent.Type.DISCONNECTED)
                        .first()
                        .extracting(MonitorEvent::detail)
                        .asString()
                        .startsWith("HEARTBEAT_TIMEOUT");
                assertThat(acceptOne(server, accepted)).as("the dealer reconnected").isNotNull();
            } finally {
                for (SocketChannel ch : accepted) {
                    ch.close();
                }
            }
        }
    }

    private static SocketChannel acceptOne(ServerSocketChannel server, List<SocketChannel> kept) {
        SocketChannel[] got = new SocketChannel[1];
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> (got[0] = server.accept()) != null);
        kept.add(got[0]);
        return got[0];
    }

    private static boolean noDisconnect(ConcurrentLinkedQueue<MonitorEvent> events) {
        return events.stream().noneMatch(e -> e.type() == MonitorEvent.Type.DISCONNECTED);
    }

    /**
     * An endpoint of the transport: an ephemeral tcp port, or a socket file in the test's
     * directory.
     */
    private String endpoint(String transport, String name) {
        return transport.equals("tcp")
                ? "tcp://127.0.0.1:*"
                : "ipc://" + dir.resolve(name + ".sock");
    }

    private static byte[] greetingAndReady(String socketType) {
        ByteBuf out = Unpooled.buffer();
        try {
            Greeting.write("NULL", false, out);
            Commands.writeReady(
                    Metadata.builder().put(Metadata.SOCKET_TYPE, socketType).build(), out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
