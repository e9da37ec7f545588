package dev.weft.patterns.interop;

import static dev.weft.patterns.interop.Interop.assertFramesEqual;
import static dev.weft.patterns.interop.Interop.bytes;
import static dev.weft.patterns.interop.Interop.link;
import static dev.weft.patterns.interop.Interop.message;
import static dev.weft.patterns.interop.Interop.payload;
import static dev.weft.patterns.interop.Interop.receive;
import static dev.weft.patterns.interop.Interop.text;
import static dev.weft.patterns.interop.Interop.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.RouterSocket;
import dev.weft.patterns.SubSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classic pairs over {@code ipc://} against libzmq, Weft on either side and either binding: the
 * same ZMTP bytes over a Unix-domain socket. JeroMQ is not a peer here: its ipc is TCP on the
 * loopback interface, not a Unix-domain socket, so it cannot reach a libzmq or Weft ipc endpoint.
 */
@Timeout(120)
class IpcInteropTest extends InteropTestBase {
    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir Path dir;

    private String endpoint() {
        return "ipc://" + dir.resolve("weft.sock");
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftPushShouldDeliverToLibzmqPull(boolean weftBinds) {
        PushSocket push = new PushSocket(ctx);
        InteropPeer pull = start(InteropPeer.Kind.LIBZMQ, "PULL");
        link(push, pull, weftBinds, endpoint());

        for (int i = 0; i < 3; i++) {
            assertThat(push.send(message(payload()))).isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertFramesEqual(pull.receive(Interop.WAIT), payload());
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void libzmqPushShouldDeliverToWeftPull(boolean weftBinds) {
        PullSocket pull = new PullSocket(ctx);
        InteropPeer push = start(InteropPeer.Kind.LIBZMQ, "PUSH");
        link(pull, push, weftBinds, endpoint());

        for (int i = 0; i < 3; i++) {
            push.send(payload());
        }
        for (int i = 0; i < 3; i++) {
            assertFramesEqual(receive(pull), payload());
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftShouldTellTheLibzmqPeersCredentialsOnEachMessage(boolean weftBinds)
            throws IOException {
        String ownUid = Files.getAttribute(dir, "unix:uid").toString();
        String ownGid = Files.getAttribute(dir, "unix:gid").toString();
        PullSocket pull = new PullSocket(ctx);
        InteropPeer push = start(InteropPeer.Kind.LIBZMQ, "PUSH");
        link(pull, push, weftBinds, endpoint());

        push.send(List.of(bytes("who")));

        try (Message m = pull.receive(Interop.WAIT)) {
            assertThat(m).isNotNull();
            assertThat(m.metadata().getString(Metadata.PEER_UID)).isEqualTo(ownUid);
            assertThat(m.metadata().getString(Metadata.PEER_GID)).isEqualTo(ownGid);
            assertThat(m.metadata().socketType()).isEqualTo("PUSH");
            assertThat(m.metadata().getString(Metadata.PEER_ADDRESS))
                    .as("the socket file, on the accepting and the connecting side alike")
                    .isEqualTo(dir.resolve("weft.sock").toString());
        }
    }

    @Test
    void libzmqShouldReachTheUniquePathWeftBoundForTheWildcard() {
        PullSocket pull = new PullSocket(ctx);
        InteropPeer push = start(InteropPeer.Kind.LIBZMQ, "PUSH");

        link(pull, push, true, "ipc://*");
        push.send(List.of(bytes("found")));

        assertThat(texts(receive(pull))).containsExactly("found");
        Path file = Path.of(pull.lastEndpoint().substring("ipc://".length()));
        assertThat(file).isAbsolute();
        pull.close();
        assertThat(Files.exists(file.getParent())).as("private directory removed").isFalse();
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftDealerShouldRoundTripThroughLibzmqRouter(boolean weftBinds) {
        DealerSocket dealer =
                new DealerSocket(ctx, SocketOptions.builder().routingId("weft-dealer").build());
        InteropPeer router = start(InteropPeer.Kind.LIBZMQ, "ROUTER");
        link(dealer, router, weftBinds, endpoint());

        assertThat(dealer.send(message(payload()))).isTrue();
        List<byte[]> atRouter = router.receive(Interop.WAIT);
        assertThat(text(atRouter.get(0))).isEqualTo("weft-dealer");
        assertFramesEqual(atRouter.subList(1, atRouter.size()), payload());
        router.send(atRouter);
        assertFramesEqual(receive(dealer), payload());
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void libzmqDealerShouldRoundTripThroughWeftRouter(boolean weftBinds) {
        RouterSocket router = new RouterSocket(ctx);
        InteropPeer dealer = start(InteropPeer.Kind.LIBZMQ, "DEALER");
        dealer.routingId(bytes("peer-1"));
        link(router, dealer, weftBinds, endpoint());

        dealer.send(payload());
        List<byte[]> atRouter = receive(router);
        assertThat(text(atRouter.get(0))).isEqualTo("peer-1");
        assertFramesEqual(atRouter.subList(1, atRouter.size()), payload());
        assertThat(router.send(message(atRouter))).isTrue();
        assertFramesEqual(dealer.receive(Interop.WAIT), payload());
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftPubShouldReachLibzmqSubByItsSubscription(boolean weftBinds) {
        PubSocket pub = new PubSocket(ctx);
        InteropPeer sub = start(InteropPeer.Kind.LIBZMQ, "SUB");
        link(pub, sub, weftBinds, endpoint());
        sub.subscribe(bytes("weather"));

        List<byte[]> got = null;
        for (int i = 0; i < 250 && got == null; i++) {
            pub.send(message("news", "ignored"));
            pub.send(message("weather", "sunny"));
            got = sub.tryReceive(POLL).orElse(null);
        }

        assertThat(got).as("a matching message within 250 tries").isNotNull();
        assertThat(texts(got)).containsExactly("weather", "sunny");
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void libzmqPubShouldReachWeftSubByItsSubscription(boolean weftBinds) {
        SubSocket sub = new SubSocket(ctx).subscribe("weather");
        InteropPeer pub = start(InteropPeer.Kind.LIBZMQ, "PUB");
        link(sub, pub, weftBinds, endpoint());

        Optional<List<String>> got = Optional.empty();
        for (int i = 0; i < 250 && got.isEmpty(); i++) {
            pub.send(List.of(bytes("news"), bytes("ignored")));
            pub.send(List.of(bytes("weather"), bytes("sunny")));
            try (Message m = sub.receive(POLL)) {
                if (m != null) {
                    List<String> frames = new ArrayList<>();
                    for (int f = 0; f < m.size(); f++) {
                        frames.add(text(m.frame(f).toByteArray()));
                    }
                    got = Optional.of(frames);
                }
            }
        }

        assertThat(got).as("a matching message within 250 tries").isPresent();
        assertThat(got.get()).containsExactly("weather", "sunny");
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftReqShouldGetRepliesFromLibzmqRep(boolean weftBinds) {
        ReqSocket req = new ReqSocket(ctx);
        InteropPeer rep = start(InteropPeer.Kind.LIBZMQ, "REP");
        link(req, rep, weftBinds, endpoint());

        for (int i = 0; i < 3; i++) {
            assertThat(req.send(message("request-" + i))).isTrue();
            assertThat(texts(rep.receive(Interop.WAIT))).containsExactly("request-" + i);
            rep.send(List.of(bytes("reply-" + i)));
            assertThat(texts(receive(req))).containsExactly("reply-" + i);
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void libzmqReqShouldGetRepliesFromWeftRep(boolean weftBinds) {
        RepSocket rep = new RepSocket(ctx);
        InteropPeer req = start(InteropPeer.Kind.LIBZMQ, "REQ");
        link(rep, req, weftBinds, endpoint());

        for (int i = 0; i < 3; i++) {
            req.send(List.of(bytes("request-" + i)));
            assertThat(texts(receive(rep))).containsExactly("request-" + i);
            assertThat(rep.send(message("reply-" + i))).isTrue();
            assertThat(texts(req.receive(Interop.WAIT))).containsExactly("reply-" + i);
        }
    }
}
