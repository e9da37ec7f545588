package dev.weft.patterns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.PairSocket;
import dev.weft.patterns.RouterSocket;
import dev.weft.patterns.WeftSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DEALER, ROUTER and PAIR against JeroMQ (ZMTP 3.0) and libzmq (ZMTP 3.1), with Weft binding and
 * with the peer binding. Messages cover multipart, empty frames, the 255/256-octet short/long
 * boundary, a 1 MiB frame and routing ids chosen by the peer.
 */
@Timeout(120)
class DealerRouterPairInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private Context ctx;
    private final List<InteropPeer> peers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        peers.forEach(InteropPeer::close);
        ctx.close();
    }

    static Stream<Arguments> peersAndBindSides() {
        List<Arguments> out = new ArrayList<>();
        for (InteropPeer.Kind kind : InteropPeer.Kind.values()) {
            out.add(Arguments.of(kind, true));
            out.add(Arguments.of(kind, false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("peersAndBindSides")
    void weftDealerShouldRoundTripThroughAPeerRouter(InteropPeer.Kind kind, boolean weftBinds) {
        DealerSocket dealer =
                new DealerSocket(ctx, SocketOptions.builder().routingId("weft-dealer").build());
        InteropPeer router = start(kind, "ROUTER");
        link(dealer, router, weftBinds);

        List<byte[]> payload = payload();
        assertThat(dealer.send(message(payload))).isTrue();
        List<byte[]> atRouter = router.receive(WAIT);
        assertThat(text(atRouter.get(0))).isEqualTo("weft-dealer");
        assertFramesEqual(atRouter.subList(1, atRouter.size()), payload);

        router.send(atRouter);
        assertFramesEqual(receive(dealer), payload);
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("peersAndBindSides")
    void peerDealerShouldRoundTripThroughAWeftRouter(InteropPeer.Kind kind, boolean weftBinds) {
        RouterSocket router = new RouterSocket(ctx);
        InteropPeer dealer = start(kind, "DEALER");
        dealer.routingId("peer-1".getBytes(StandardCharsets.UTF_8));
        link(router, dealer, weftBinds);

        List<byte[]> payload = payload();
        dealer.send(payload);
        List<byte[]> atRouter = receive(router);
        assertThat(text(atRouter.get(0))).isEqualTo("peer-1");
        assertFramesEqual(atRouter.subList(1, atRouter.size()), payload);

        assertThat(router.send(message(atRouter))).isTrue();
        assertFramesEqual(dealer.receive(WAIT), payload);
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("peersAndBindSides")
    void anonymousPeerDealerShouldGetAGeneratedRoutingId(InteropPeer.Kind kind, boolean weftBinds) {
        RouterSocket router = new RouterSocket(ctx);
        InteropPeer dealer = start(kind, "DEALER");
        link(router, dealer, weftBinds);

        dealer.send(List.of(bytes("anonymous")));
        List<byte[]> atRouter = receive(router);
        assertThat(atRouter.get(0)).hasSize(5).startsWith(0);
        router.send(message(List.of(atRouter.get(0), bytes("reply"))));
        assertThat(text(dealer.receive(WAIT).get(0))).isEqualTo("reply");
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("peersAndBindSides")
    void pairShouldExchangeMessagesWithAPeerPair(InteropPeer.Kind kind, boolean weftBinds) {
        PairSocket pair = new PairSocket(ctx);
        InteropPeer peer = start(kind, "PAIR");
        link(pair, peer, weftBinds);

        List<byte[]> payload = payload();
        assertThat(pair.send(message(payload))).isTrue();
        assertFramesEqual(peer.receive(WAIT), payload);
        peer.send(payload);
        assertFramesEqual(receive(pair), payload);
    }

    private InteropPeer start(InteropPeer.Kind kind, String type) {
        InteropPeer p = kind.start(type);
        peers.add(p);
        return p;
    }

    /** Connects the two sides, Weft binding or the peer binding. */
    private static void link(WeftSocket weft, InteropPeer peer, boolean weftBinds) {
        if (weftBinds) {
            AtomicInteger handshakes = new AtomicInteger();
            weft.addMonitor(
                    e -> {
                        if (e.type() == MonitorEvent.Type.HANDSHAKE_SUCCEEDED) {
                            handshakes.incrementAndGet();
                        }
                    });
            String ep = weft.bind("tcp://127.0.0.1:*");
            peer.connect(ep, () -> handshakes.get() > 0);
        } else {
            weft.connect(peer.bind("tcp://127.0.0.1:*"));
        }
    }

    private static List<byte[]> payload() {
        byte[] mib = new byte[1024 * 1024];
        for (int i = 0; i < mib.length; i++) {
            mib[i] = (byte) (i * 31 + 7);
        }
        return List.of(new byte[0], bytes("hello"), filled(255), filled(256), mib);
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static Message message(List<byte[]> frames) {
        Message m = new Message(frames.size());
        frames.forEach(m::add);
        return m;
    }

    private static List<byte[]> receive(MessageReceiver socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("message on %s within %s", socket, WAIT).isNotNull();
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                out.add(m.frame(i).toByteArray());
            }
            return out;
        }
    }

    private static void assertFramesEqual(List<byte[]> actual, List<byte[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
