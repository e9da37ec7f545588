package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.bytes;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static dev.weft.patterns.spec.Traffic.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 28/REQREP, the ROUTER socket type: one test per SHALL that the API makes observable.
 *
 * <p>Not tested: "SHALL create a double queue when initiating an outgoing connection to a peer, and
 * SHALL maintain the double queue whether or not the connection is established". A Weft ROUTER
 * routes by the identity a peer announces, so it queues for completed connections only, whatever
 * the {@code immediate} option says. The SHOULDs on the Identity property and queue limits are
 * covered by {@code RouterSocketTest}.
 */
@Timeout(60)
@DisplayName("RFC 28 ROUTER")
class RouterSpecTest {
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
    @DisplayName(
            "\"MAY be connected to any number of REQ, DEALER, or ROUTER peers, and MAY both send"
                    + " and receive messages.\"")
    void shouldTalkToReqDealerAndRouterPeers() {
        RouterSocket server = new RouterSocket(ctx, withId("server"));
        String ep = server.bind("tcp://127.0.0.1:*");
        ReqSocket req = new ReqSocket(ctx, withId("req"));
        DealerSocket dealer = new DealerSocket(ctx, withId("dealer"));
        RouterSocket client = new RouterSocket(ctx, withId("client"));
        req.connect(ep);
        dealer.connect(ep);
        client.connect(ep);
        awaitPeers(server, 3);
        awaitPeers(client, 1);

        req.send("from-req");
        assertThat(texts(server)).containsExactly("req", "", "from-req");
        dealer.send("from-dealer");
        assertThat(texts(server)).containsExactly("dealer", "from-dealer");
        client.sendTo(bytes("server"), "from-router");
        assertThat(texts(server)).containsExactly("client", "from-router");

        server.sendTo(bytes("req"), "", "to-req");
        server.sendTo(bytes("dealer"), "to-dealer");
        server.sendTo(bytes("client"), "to-router");
        assertThat(texts(req)).containsExactly("to-req");
        assertThat(texts(dealer)).containsExactly("to-dealer");
        assertThat(texts(client)).containsExactly("server", "to-router");
    }

    @Test
    @DisplayName(
            "\"SHALL maintain a double queue for each connected peer, allowing outgoing and"
                    + " incoming messages to be queued independently.\"")
    void shouldQueueIncomingAndOutgoingIndependently() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket a = new DealerSocket(ctx, withId("a"));
        DealerSocket b = new DealerSocket(ctx, withId("b"));
        a.connect(ep);
        b.connect(ep);
        for (int i = 0; i < 3; i++) {
            a.send("a" + i);
        }
        for (int i = 0; i < 7; i++) {
            b.send("b" + i);
        }
        Traffic.awaitDepths(router, SocketStats.PeerStats::inboundDepth, 3, 7);

        // Incoming messages wait per peer; the outgoing side of each still flows.
        router.sendTo(bytes("a"), "to-a");
        router.sendTo(bytes("b"), "to-b");
        assertThat(texts(a)).containsExactly("to-a");
        assertThat(texts(b)).containsExactly("to-b");
        Traffic.awaitDepths(router, SocketStats.PeerStats::inboundDepth, 3, 7);
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when a peer connects to it. If this peer disconnects,"
                    + " the ROUTER socket SHALL destroy its double queue and SHALL discard any"
                    + " messages it contains.\"")
    void shouldCreateQueuesForAPeerThatConnectsAndDiscardThemWhenItLeaves() {
        RouterSocket router = new RouterSocket(ctx, tiny());
        String ep = router.bind("tcp://127.0.0.1:*");
        assertThat(router.stats().peers()).isEmpty();
        DealerSocket slow = new DealerSocket(ctx, tinyWithId("peer"));
        slow.connect(ep);
        awaitPeers(router, 1);
        assertThat(router.stats().peers().get(0).routingId()).isEqualTo(bytes("peer"));
        Traffic.fillDroppingPath(router, i -> routed("peer", Traffic.big(i)));
        Traffic.assertFull(router.stats().peers().get(0).outboundDepth());

        slow.close();

        awaitPeers(router, 0);
        router.sendTo(bytes("peer"), "into-the-void");
        assertThat(router.stats().droppedUnroutable()).isEqualTo(1);
        DealerSocket again = new DealerSocket(ctx, withId("peer"));
        again.connect(ep);
        awaitPeers(router, 1);
        router.sendTo(bytes("peer"), "fresh");
        assertThat(texts(again)).containsExactly("fresh");
    }

    @Test
    @DisplayName("\"SHALL identify each double queue using a unique \"identity\" binary string.\"")
    void shouldIdentifyEachPeerByAUniqueIdentity() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        List<DealerSocket> anonymous = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DealerSocket dealer = new DealerSocket(ctx);
            dealer.connect(ep);
            dealer.send("dealer-" + i);
            anonymous.add(dealer);
        }

        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            try (Message m = router.receive(Traffic.WAIT)) {
                byte[] id = m.frame(0).toByteArray();
                ids.add(HexFormat.of().formatHex(id));
                // Answer each peer by its identity with its own name.
                router.sendTo(id, m.frame(1).toString(StandardCharsets.UTF_8));
            }
        }

        assertThat(ids).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(texts(anonymous.get(i))).containsExactly("dealer-" + i);
        }
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its peers using a fair-queuing strategy.\"")
    void shouldReceiveFairlyFromItsPeers() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        for (int p = 0; p < 3; p++) {
            DealerSocket dealer = new DealerSocket(ctx, withId("p" + p));
            dealer.connect(ep);
            for (int i = 0; i < 5; i++) {
                dealer.send(Integer.toString(i));
            }
        }
        awaitEveryPeer(router, 3, p -> p.inboundDepth() == 5);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            order.add(texts(router).get(0));
        }
        for (int round = 0; round < 5; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3))
                    .as("round %d takes one message from each peer: %s", round, order)
                    .containsExactlyInAnyOrder("p0", "p1", "p2");
        }
    }

    @Test
    @DisplayName(
            "\"SHALL prefix each incoming message with a frame containing the identity of the"
                    + " originating double queue.\"")
    void shouldPrefixTheIdentityOfTheOriginatingPeer() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket a = new DealerSocket(ctx, withId("alpha"));
        DealerSocket b = new DealerSocket(ctx, withId("beta"));
        a.connect(ep);
        b.connect(ep);

        a.send("x", "y");
        assertThat(texts(router)).containsExactly("alpha", "x", "y");
        b.send("z");
        assertThat(texts(router)).containsExactly("beta", "z");
    }

    @Test
    @DisplayName("\"SHALL deliver the resulting messages to its calling application.\"")
    void shouldDeliverMessagesToTheApplication() {
        RouterSocket router = new RouterSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx, withId("d"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));

        for (int i = 0; i < 50; i++) {
            dealer.send("m", Integer.toString(i));
        }

        for (int i = 0; i < 50; i++) {
            assertThat(texts(router)).containsExactly("d", "m", Integer.toString(i));
        }
        assertThat(router.stats().messagesReceived()).isEqualTo(50);
    }

    @Test
    @DisplayName(
            "\"SHALL remove the first frame from each outgoing message and use this as the"
                    + " identity of a double queue.\"")
    void shouldRouteByTheFirstFrameAndRemoveIt() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket a = new DealerSocket(ctx, withId("alpha"));
        DealerSocket b = new DealerSocket(ctx, withId("beta"));
        a.connect(ep);
        b.connect(ep);
        awaitPeers(router, 2);

        router.send(Message.of("beta", "for", "b"));
        router.send(Message.of("alpha", "for", "a"));

        assertThat(texts(b)).containsExactly("for", "b");
        assertThat(texts(a)).containsExactly("for", "a");
        Traffic.assertNothingArrives(a, BLOCKED);
    }

    @Test
    @DisplayName(
            "\"SHALL route the message to the outgoing queue if that queue exists, and has"
                    + " space.\"")
    void shouldRouteToAnExistingQueueWithSpace() {
        RouterSocket router = new RouterSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx, withId("d"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));
        awaitPeers(router, 1);

        for (int i = 0; i < 100; i++) {
            assertThat(router.sendTo(bytes("d"), Integer.toString(i))).isTrue();
        }

        for (int i = 0; i < 100; i++) {
            assertThat(texts(dealer)).containsExactly(Integer.toString(i));
        }
        SocketStats stats = router.stats();
        assertThat(stats.droppedUnroutable()).isZero();
        assertThat(stats.droppedAtHwm()).isZero();
    }

    @Test
    @DisplayName(
            "\"SHALL either silently drop the message, or return an error, depending on"
                    + " configuration, if the queue does not exist, or is full.\" (default: drop)")
    void shouldSilentlyDropForAMissingOrFullQueueByDefault() {
        RouterSocket router = new RouterSocket(ctx, tiny());
        DealerSocket slow = new DealerSocket(ctx, tinyWithId("slow"));
        slow.connect(router.bind("tcp://127.0.0.1:*"));
        awaitPeers(router, 1);

        assertThat(router.sendTo(bytes("nobody"), "lost")).isTrue();
        assertThat(router.stats().droppedUnroutable()).isEqualTo(1);

        Traffic.fillDroppingPath(router, i -> routed("slow", Traffic.big(i)));
        long dropped = router.stats().droppedAtHwm();
        for (int i = 0; i < 10; i++) {
            assertThat(router.trySend(routed("slow", Traffic.big(i)))).isTrue();
        }
        assertThat(router.stats().droppedAtHwm()).isGreaterThan(dropped);
    }

    @Test
    @DisplayName(
            "\"SHALL either silently drop the message, or return an error, depending on"
                    + " configuration, if the queue does not exist, or is full.\" (mandatory:"
                    + " error)")
    void shouldReturnAnErrorForAMissingOrFullQueueWhenMandatory() {
        RouterSocket router = new RouterSocket(ctx, tiny()).mandatory(true);
        DealerSocket slow = new DealerSocket(ctx, tinyWithId("slow"));
        slow.connect(router.bind("tcp://127.0.0.1:*"));
        awaitPeers(router, 1);

        try (Message unknown = Message.of("nobody", "lost")) {
            assertThatThrownBy(() -> router.send(unknown))
                    .isInstanceOf(HostUnreachableException.class);
        }
        int accepted = Traffic.fillUntilBlocked(router, i -> routed("slow", Traffic.big(i)));
        try (Message full = Message.of("slow", "waits")) {
            assertThat(router.trySend(full)).isFalse();
            assertThat(full.strings()).containsExactly("slow", "waits");
        }
        SocketStats stats = router.stats();
        assertThat(stats.droppedUnroutable()).isZero();
        assertThat(stats.droppedAtHwm()).isZero();
        assertThat(stats.messagesSent()).isEqualTo(accepted);
    }

    @Test
    @DisplayName("\"SHALL NOT block on sending.\"")
    void shouldNotBlockOnSending() {
        RouterSocket router = new RouterSocket(ctx, tiny());
        DealerSocket slow = new DealerSocket(ctx, tinyWithId("slow"));
        slow.connect(router.bind("tcp://127.0.0.1:*"));
        awaitPeers(router, 1);
        Traffic.fillDroppingPath(router, i -> routed("slow", Traffic.big(i)));

        assertThat(router.canSend()).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(router.trySend(routed("slow", Traffic.big(i)))).isTrue();
            assertThat(router.trySend(Message.of("nobody", "x"))).isTrue();
        }
    }

    private static SocketOptions tinyWithId(String id) {
        return tiny().toBuilder().routingId(id).build();
    }

    private static Message routed(String id, Message m) {
        return m.addFirst(Unpooled.wrappedBuffer(bytes(id)));
    }
}
