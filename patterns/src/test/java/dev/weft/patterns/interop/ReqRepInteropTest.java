package dev.weft.patterns.interop;

import static dev.weft.patterns.interop.Interop.assertFramesEqual;
import static dev.weft.patterns.interop.Interop.bytes;
import static dev.weft.patterns.interop.Interop.link;
import static dev.weft.patterns.interop.Interop.message;
import static dev.weft.patterns.interop.Interop.receive;
import static dev.weft.patterns.interop.Interop.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.RouterSocket;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REQ/REP, REQ/ROUTER and DEALER/REP (RFC 28) against JeroMQ and libzmq, Weft on either side, both
 * bind sides: the envelope with its empty delimiter must match byte for byte.
 */
@Timeout(120)
class ReqRepInteropTest extends InteropTestBase {
    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void weftReqShouldGetRepliesFromAPeerRep(InteropPeer.Kind kind, boolean weftBinds) {
        ReqSocket req = new ReqSocket(ctx);
        InteropPeer rep = start(kind, "REP");
        link(req, rep, weftBinds);

        for (int i = 0; i < 3; i++) {
            assertThat(req.send(message("request-" + i, ""))).isTrue();
            assertThat(texts(rep.receive(Interop.WAIT))).containsExactly("request-" + i, "");
            rep.send(List.of(bytes("reply-" + i)));
            assertThat(texts(receive(req))).containsExactly("reply-" + i);
        }
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void weftReqShouldPutTheDelimiterBeforeItsRequestToAPeerRouter(
            InteropPeer.Kind kind, boolean weftBinds) {
        ReqSocket req = new ReqSocket(ctx, SocketOptions.builder().routingId("req-1").build());
        InteropPeer router = start(kind, "ROUTER");
        link(req, router, weftBinds);

        assertThat(req.send(message("hello"))).isTrue();
        List<byte[]> atRouter = router.receive(Interop.WAIT);
        assertThat(texts(atRouter)).containsExactly("req-1", "", "hello");
        router.send(List.of(atRouter.get(0), new byte[0], bytes("world")));
        assertThat(texts(receive(req))).containsExactly("world");
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void weftDealerShouldTalkToAPeerRepWithAnExplicitDelimiter(
            InteropPeer.Kind kind, boolean weftBinds) {
        DealerSocket dealer = new DealerSocket(ctx);
        InteropPeer rep = start(kind, "REP");
        link(dealer, rep, weftBinds);

        assertThat(dealer.send(message("", "hello"))).isTrue();
        assertThat(texts(rep.receive(Interop.WAIT))).containsExactly("hello");
        rep.send(List.of(bytes("world")));
        assertThat(texts(receive(dealer))).containsExactly("", "world");
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void peerReqShouldGetRepliesFromAWeftRep(InteropPeer.Kind kind, boolean weftBinds) {
        RepSocket rep = new RepSocket(ctx);
        InteropPeer req = start(kind, "REQ");
        link(rep, req, weftBinds);

        for (int i = 0; i < 3; i++) {
            req.send(List.of(bytes("request-" + i), new byte[0]));
            assertThat(texts(receive(rep))).containsExactly("request-" + i, "");
            assertThat(rep.send(message("reply-" + i))).isTrue();
            assertThat(texts(req.receive(Interop.WAIT))).containsExactly("reply-" + i);
        }
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void peerDealerShouldTalkToAWeftRep(InteropPeer.Kind kind, boolean weftBinds) {
        RepSocket rep = new RepSocket(ctx);
        InteropPeer dealer = start(kind, "DEALER");
        link(rep, dealer, weftBinds);

        dealer.send(List.of(bytes("hop"), new byte[0], bytes("hello")));
        assertThat(texts(receive(rep))).containsExactly("hello");
        assertThat(rep.send(message("world"))).isTrue();
        assertThat(texts(dealer.receive(Interop.WAIT))).containsExactly("hop", "", "world");
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void peerReqShouldBeRoutedByAWeftRouter(InteropPeer.Kind kind, boolean weftBinds) {
        RouterSocket router = new RouterSocket(ctx);
        InteropPeer req = start(kind, "REQ");
        req.routingId(bytes("peer-req"));
        link(router, req, weftBinds);

        req.send(List.of(bytes("hello")));
        List<byte[]> atRouter = receive(router);
        assertThat(texts(atRouter)).containsExactly("peer-req", "", "hello");
        assertThat(router.send(message(List.of(atRouter.get(0), new byte[0], bytes("world")))))
                .isTrue();
        assertThat(texts(req.receive(Interop.WAIT))).containsExactly("world");
        assertFramesEqual(List.of(atRouter.get(1)), List.of(new byte[0]));
    }
}
