package dev.weft.patterns.interop;

import static dev.weft.patterns.interop.Interop.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.PairSocket;
import dev.weft.patterns.RouterSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DEALER, ROUTER and PAIR against JeroMQ (ZMTP 3.0) and libzmq (ZMTP 3.1), with Weft binding and
 * with the peer binding. Messages cover multipart, empty frames, the 255/256-octet short/long
 * boundary, a 1 MiB frame and routing ids chosen by the peer.
 */
@Timeout(120)
class DealerRouterPairInteropTest extends InteropTestBase {
    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
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
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
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
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void receivedMessagesShouldCarryTheirConnectionsMetadata(
            InteropPeer.Kind kind, boolean weftBinds) {
        RouterSocket router = new RouterSocket(ctx);
        List<String> accepted = new CopyOnWriteArrayList<>();
        router.addMonitor(
                e -> {
                    if (e.type() == MonitorEvent.Type.HANDSHAKE_SUCCEEDED) {
                        accepted.add(e.peerAddress());
                    }
                });
        InteropPeer dealer = start(kind, "DEALER");
        dealer.routingId("peer-1".getBytes(StandardCharsets.UTF_8));
        link(router, dealer, weftBinds);

        dealer.send(List.of(bytes("hello")));
        try (Message m = router.receive(WAIT)) {
            assertThat(m).isNotNull();
            Metadata md = m.metadata();
            assertThat(md.socketType()).isEqualTo("DEALER");
            assertThat(md.identity()).asString().isEqualTo("peer-1");
            assertThat(md.getString(Metadata.PEER_ADDRESS))
                    .startsWith("127.0.0.1:")
                    .isEqualTo(accepted.get(0));
        }
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
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
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
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

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void probeRouterShouldAnnounceAWeftDealerToAPeerRouter(
            InteropPeer.Kind kind, boolean weftBinds) {
        DealerSocket dealer =
                new DealerSocket(ctx, SocketOptions.builder().routingId("probe").build())
                        .probeRouter(true);
        InteropPeer router = start(kind, "ROUTER");
        link(dealer, router, weftBinds);

        List<byte[]> probe = router.receive(WAIT);
        assertThat(probe).hasSize(2);
        assertThat(text(probe.get(0))).isEqualTo("probe");
        assertThat(probe.get(1)).isEmpty();
    }
}
