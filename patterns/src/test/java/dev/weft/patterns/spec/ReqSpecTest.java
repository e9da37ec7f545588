package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.bytes;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.core.SocketStats;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 28/REQREP, the REQ socket type: one test per SHALL that the API makes observable. */
@Timeout(60)
@DisplayName("RFC 28 REQ")
class ReqSpecTest {
    private Context ctx;
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
        executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        executor.shutdownNow();
    }

    @Test
    @DisplayName("\"SHALL send and then receive exactly one message at a time.\"")
    void shouldAlternateOneSendAndOneReceive() {
        RepSocket rep = new RepSocket(ctx);
        ReqSocket req = new ReqSocket(ctx);
        req.connect(rep.bind("tcp://127.0.0.1:*"));

        assertThatThrownBy(req::tryReceive)
                .isInstanceOf(IllegalSocketStateException.class)
                .hasMessageContaining("send a request first");
        assertThat(req.send("first")).isTrue();
        try (Message second = Message.of("second")) {
            assertThatThrownBy(() -> req.send(second))
                    .isInstanceOf(IllegalSocketStateException.class)
                    .hasMessageContaining("receive it first");
        }
        assertThat(texts(rep)).containsExactly("first");
        rep.send("reply");
        assertThat(texts(req)).containsExactly("reply");
        assertThatThrownBy(req::tryReceive).isInstanceOf(IllegalSocketStateException.class);
        assertThat(req.send("third")).isTrue();
        assertThat(texts(rep)).containsExactly("third");
    }

    @Test
    @DisplayName("\"SHALL prefix the outgoing message with an empty delimiter frame.\"")
    void shouldPrefixAnEmptyDelimiter() {
        RouterSocket router = new RouterSocket(ctx);
        ReqSocket req = new ReqSocket(ctx, withId("req"));
        req.connect(router.bind("tcp://127.0.0.1:*"));

        req.send("hello", "world");

        assertThat(texts(router)).containsExactly("req", "", "hello", "world");
    }

    @Test
    @DisplayName(
            "\"SHALL route outgoing messages to connected peers using a round-robin strategy.\"")
    void shouldRouteRequestsRoundRobin() {
        ReqSocket req = new ReqSocket(ctx, withId("req"));
        List<RouterSocket> routers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RouterSocket router = new RouterSocket(ctx);
            req.connect(router.bind("tcp://127.0.0.1:*"));
            routers.add(router);
        }
        awaitPeers(req, 3);

        List<Integer> servedBy = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            req.send("q" + i);
            int who = whichReceives(routers);
            servedBy.add(who);
            routers.get(who).sendTo(bytes("req"), "", "a" + i);
            assertThat(texts(req)).containsExactly("a" + i);
        }

        assertThat(servedBy.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(servedBy.subList(3, 6)).isEqualTo(servedBy.subList(0, 3));
        assertThat(servedBy.subList(6, 9)).isEqualTo(servedBy.subList(0, 3));
    }

    @Test
    @DisplayName(
            "\"SHALL block on sending, or return a suitable error, when it has no connected"
                    + " peers.\"")
    void shouldBlockWhenItHasNoConnectedPeers() {
        ReqSocket req = new ReqSocket(ctx);
        req.bind("tcp://127.0.0.1:*");

        try (Message m = Message.of("hello")) {
            assertThat(req.trySend(m)).isFalse();
            long start = System.nanoTime();
            assertThat(req.send(m, BLOCKED)).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(BLOCKED.toNanos() / 2);
            // Nothing was sent, so the socket still expects a send.
            assertThatThrownBy(req::tryReceive).isInstanceOf(IllegalSocketStateException.class);
        }
    }

    @Test
    @DisplayName("\"SHALL NOT discard messages that it cannot send to a connected peer.\"")
    void shouldKeepARequestItCannotSendYet() {
        RepSocket rep = new RepSocket(ctx);
        String ep = rep.bind("tcp://127.0.0.1:*");
        ReqSocket req = new ReqSocket(ctx);
        Message request = Message.of("patient", "request");

        // Refused for now: the caller keeps the message, unchanged (no delimiter left behind).
        assertThat(req.send(request, BLOCKED)).isFalse();
        assertThat(request.strings()).containsExactly("patient", "request");

        // Waiting: taken as soon as a peer is there, and delivered.
        CompletableFuture<Boolean> sent =
                CompletableFuture.supplyAsync(() -> req.send(request, WAIT), executor);
        req.connect(ep);
        assertThat(sent).succeedsWithin(WAIT).isEqualTo(true);
        assertThat(texts(rep)).containsExactly("patient", "request");
    }

    @Test
    @DisplayName(
            "\"SHALL accept an incoming message only from the last peer that it sent a request"
                    + " to.\"")
    void shouldAcceptTheReplyOnlyFromThePeerItAsked() {
        ReqSocket req = new ReqSocket(ctx, withId("req"));
        List<RouterSocket> routers = List.of(new RouterSocket(ctx), new RouterSocket(ctx));
        routers.forEach(r -> req.connect(r.bind("tcp://127.0.0.1:*")));
        awaitPeers(req, 2);

        req.send("question");
        int asked = whichReceives(routers);
        RouterSocket other = routers.get(1 - asked);
        other.sendTo(bytes("req"), "", "impostor");
        awaitInbound(req, 1);
        routers.get(asked).sendTo(bytes("req"), "", "genuine");

        assertThat(texts(req)).containsExactly("genuine");
    }

    @Test
    @DisplayName("\"SHALL discard silently any messages received from other peers.\"")
    void shouldSilentlyDiscardMessagesFromOtherPeers() {
        ReqSocket req = new ReqSocket(ctx, withId("req"));
        List<RouterSocket> routers = List.of(new RouterSocket(ctx), new RouterSocket(ctx));
        routers.forEach(r -> req.connect(r.bind("tcp://127.0.0.1:*")));
        awaitPeers(req, 2);

        req.send("question");
        int asked = whichReceives(routers);
        RouterSocket other = routers.get(1 - asked);
        for (int i = 0; i < 3; i++) {
            other.sendTo(bytes("req"), "", "impostor-" + i);
        }
        awaitInbound(req, 3);

        // Nothing acceptable yet: no message, no error, and the impostors are gone.
        try (Message m = req.receive(BLOCKED)) {
            assertThat(m).isNull();
        }
        awaitInbound(req, 0);
        routers.get(asked).sendTo(bytes("req"), "", "genuine");
        assertThat(texts(req)).containsExactly("genuine");
    }

    /** Waits until one of the ROUTERs gets a request, releases it and returns its index. */
    private static int whichReceives(List<RouterSocket> routers) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            for (int i = 0; i < routers.size(); i++) {
                try (Message m = routers.get(i).receive(Duration.ofMillis(5))) {
                    if (m != null) {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError("no ROUTER got the request");
    }

    private static void awaitInbound(ReqSocket req, int total) {
        await().atMost(WAIT)
                .until(
                        () ->
                                req.stats().peers().stream()
                                                .mapToInt(SocketStats.PeerStats::inboundDepth)
                                                .sum()
                                        == total);
    }
}
