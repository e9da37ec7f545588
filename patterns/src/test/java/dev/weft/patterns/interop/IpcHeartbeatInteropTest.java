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
import io.netty.buffer.Unpooled;
import java.io.IOException;
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

/**
 * ZMTP 3.1 heartbeating over {@code ipc://}: PING/PONG with libzmq in both directions, and a peer
 * that goes silent after its handshake is disconnected and reconnected.
 */
@Timeout(60)
class IpcHeartbeatInteropTest {
    private static final Duration QUIET = Duration.ofMillis(1000);

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

    @Test
    void shouldAnswerLibzmqPingsSoTheConnectionStaysUp() {
        RouterSocket router = new RouterSocket(ctx);
        ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
        router.addMonitor(events::add);
        String ep = router.bind("ipc://" + dir.resolve("hb.sock"));
        try (LibzmqPeer dealer = LibzmqPeer.start("DEALER")) {
            dealer.setOption("routing_id", bytes("hb"));
            dealer.setOption("heartbeat_ivl", 50);
            dealer.setOption("heartbeat_timeout", 200);
            dealer.connect(ep);
            dealer.send(List.of(bytes("before")));
            try (Message m = router.receive(Duration.ofSeconds(10))) {
                assertThat(m.strings()).containsExactly("hb", "before");
            }

            await().during(QUIET).atMost(Duration.ofSeconds(3)).until(() -> noDisconnect(events));

            dealer.send(List.of(bytes("after")));
            try (Message m = router.receive(Duration.ofSeconds(10))) {
                assertThat(m.strings()).containsExactly("hb", "after");
            }
        }
    }

    @Test
    void shouldKeepAConnectionToLibzmqAliveWithItsOwnPings() {
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
            dealer.connect(router.bind("ipc://" + dir.resolve("hb-libzmq.sock")));
            dealer.send("hello");
            assertThat(router.receive(Duration.ofSeconds(10))).hasSize(2);

            await().during(QUIET).atMost(Duration.ofSeconds(3)).until(() -> noDisconnect(events));

            dealer.send("still-there");
            assertThat(text(router.receive(Duration.ofSeconds(10)).get(1)))
                    .isEqualTo("still-there");
        }
    }

    @Test
    void shouldDisconnectAPeerThatGoesSilentAndReconnect() throws IOException {
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

    private static byte[] greetingAndReady(String socketType) {
        ByteBuf out = Unpooled.buffer();
        try {
            Greeting.write("NULL", false, out);
            Commands.writeReady(
                    Metadata.builder().put(Metadata.SOCKET_TYPE, socketType).build(), out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
