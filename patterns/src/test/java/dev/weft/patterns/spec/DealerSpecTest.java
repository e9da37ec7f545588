package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.bytes;
import static dev.weft.patterns.spec.Traffic.fillUntilBlocked;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static dev.weft.patterns.spec.Traffic.withId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 28/REQREP, the DEALER socket type: one test per SHALL that the API makes observable. The
 * sentences on queues for outgoing connections are tested with {@code immediate(false)}, libzmq's
 * default, under which such a queue exists from {@code connect()}.
 */
@Timeout(60)
@DisplayName("RFC 28 DEALER")
class DealerSpecTest {
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
    @DisplayName(
            "\"MAY be connected to any number of REP or ROUTER peers, and MAY both send and"
                    + " receive messages.\"")
    void shouldTalkToRepAndRouterPeers() {
        RepSocket rep = new RepSocket(ctx);
        RouterSocket router = new RouterSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx, withId("dealer"));
        dealer.connect(rep.bind("tcp://127.0.0.1:*"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));
        awaitPeers(dealer, 2);

        dealer.send("", "one");
        dealer.send("", "two");

        List<String> atRep = texts(rep);
        List<String> atRouter = texts(router);
        assertThat(List.of(atRep.get(0), atRouter.get(2))).containsExactlyInAnyOrder("one", "two");
        assertThat(atRouter.get(0)).isEqualTo("dealer");
        rep.send("from-rep");
        router.sendTo(bytes("dealer"), "", "from-router");
        List<String> replies = new ArrayList<>();
        replies.add(texts(dealer).get(1));
        replies.add(texts(dealer).get(1));
        assertThat(replies).containsExactlyInAnyOrder("from-rep", "from-router");
    }

    @Test
    @DisplayName("\"SHALL not filter or modify outgoing or incoming messages in any way.\"")
    void shouldNotFilterOrModifyMessages() {
        RouterSocket router = new RouterSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx, withId("d"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));

        dealer.send(Traffic.message(Traffic.oddFrames()));
        List<byte[]> atRouter = Traffic.bytes(router);
        assertThat(atRouter.subList(1, atRouter.size()))
                .containsExactlyElementsOf(Traffic.oddFrames());

        Message reply = Traffic.message(Traffic.oddFrames());
        reply.addFirst(Unpooled.wrappedBuffer(bytes("d")));
        router.send(reply);
        assertThat(Traffic.bytes(dealer)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName(
            "\"SHALL maintain a double queue for each connected peer, allowing outgoing and"
                    + " incoming messages to be queued independently.\"")
    void shouldQueueIncomingAndOutgoingIndependently() {
        RouterSocket router = new RouterSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx, withId("d"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));
        dealer.send("hello");
        assertThat(texts(router)).containsExactly("d", "hello");
        for (int i = 0; i < 5; i++) {
            router.sendTo(bytes("d"), "in-" + i);
        }
        awaitEveryPeer(dealer, 1, p -> p.inboundDepth() == 5);

        // Five messages wait on the incoming side; the outgoing side still flows.
        dealer.send("out");
        assertThat(texts(router)).containsExactly("d", "out");
        assertThat(dealer.stats().peers().get(0).inboundDepth()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(texts(dealer)).containsExactly("in-" + i);
        }
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when initiating an outgoing connection to a peer, and"
                    + " SHALL maintain the double queue whether or not the connection is"
                    + " established.\"")
    void shouldQueueForAConnectedEndpointBeforeAndBetweenConnections() {
        PeerQueueChecks.assertQueuesBeforeAndBetweenConnections(
                options -> new DealerSocket(ctx, options),
                options -> new DealerSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when a peer connects to it. If this peer disconnects,"
                    + " the DEALER socket SHALL destroy its double queue and SHALL discard any"
                    + " messages it contains.\"")
    void shouldCreateQueuesForAPeerThatConnectsAndDiscardThemWhenItLeaves() {
        PeerQueueChecks.assertQueueCreatedOnConnectAndDiscardedOnLeave(
                options -> new DealerSocket(ctx, options),
                options -> new DealerSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL consider a peer as available only when it has a outgoing queue that is not"
                    + " full.\"")
    void shouldSkipAPeerWhoseQueueIsFull() {
        PeerQueueChecks.assertSkipsAPeerWhoseQueueIsFull(
                options -> new DealerSocket(ctx, options),
                options -> new DealerSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL route outgoing messages to available peers using a round-robin strategy.\"")
    void shouldRouteRoundRobin() {
        DealerSocket dealer = new DealerSocket(ctx);
        List<RouterSocket> routers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RouterSocket router = new RouterSocket(ctx);
            dealer.connect(router.bind("tcp://127.0.0.1:*"));
            routers.add(router);
        }
        awaitPeers(dealer, 3);

        for (int i = 0; i < 30; i++) {
            dealer.send(Integer.toString(i));
        }

        for (RouterSocket router : routers) {
            List<Integer> seqs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seqs.add(Integer.parseInt(texts(router).get(1)));
            }
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i) - seqs.get(i - 1))
                        .as("every third message goes to the same peer: %s", seqs)
                        .isEqualTo(3);
            }
        }
    }

    @Test
    @DisplayName(
            "\"SHALL block on sending, or return a suitable error, when it has no available"
                    + " peers.\"")
    void shouldBlockWhenItHasNoAvailablePeers() {
        DealerSocket dealer = new DealerSocket(ctx, tiny());
        String ep = dealer.bind("tcp://127.0.0.1:*");
        try (Message m = Message.of("nobody")) {
            assertThat(dealer.trySend(m)).isFalse();
            long start = System.nanoTime();
            assertThat(dealer.send(m, BLOCKED)).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(BLOCKED.toNanos() / 2);
        }

        DealerSocket slow = new DealerSocket(ctx, tiny());
        slow.connect(ep);
        awaitPeers(dealer, 1);
        fillUntilBlocked(dealer, Traffic::big);

        try (Message m = Message.of("full")) {
            assertThat(dealer.canSend()).isFalse();
            assertThat(dealer.trySend(m)).isFalse();
        }
    }

    @Test
    @DisplayName("\"SHALL not accept further messages when it has no available peers.\"")
    void shouldNotAcceptMessagesWhenNoPeerIsAvailable() {
        DealerSocket dealer = new DealerSocket(ctx, tiny());
        DealerSocket slow = new DealerSocket(ctx, tiny());
        slow.connect(dealer.bind("tcp://127.0.0.1:*"));
        awaitPeers(dealer, 1);
        int accepted = fillUntilBlocked(dealer, Traffic::big);

        FullQueueChecks.assertRefusesWhileFull(dealer, accepted);
    }

    @Test
    @DisplayName("\"SHALL NOT discard messages that it cannot queue.\"")
    void shouldNotDiscardMessagesItCannotQueue() {
        DealerSocket dealer = new DealerSocket(ctx, tiny());
        DealerSocket slow = new DealerSocket(ctx, tiny());
        slow.connect(dealer.bind("tcp://127.0.0.1:*"));
        awaitPeers(dealer, 1);
        int accepted = fillUntilBlocked(dealer, Traffic::big);
        FullQueueChecks.assertSendsRefusedMessageOnceDrained(dealer, slow, accepted, executor);
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its peers using a fair-queuing strategy.\"")
    void shouldReceiveFairlyFromItsPeers() {
        DealerSocket dealer = new DealerSocket(ctx);
        String ep = dealer.bind("tcp://127.0.0.1:*");
        for (int p = 0; p < 3; p++) {
            DealerSocket peer = new DealerSocket(ctx);
            peer.connect(ep);
            for (int i = 0; i < 5; i++) {
                peer.send("p" + p, Integer.toString(i));
            }
        }
        awaitEveryPeer(dealer, 3, p -> p.inboundDepth() == 5);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            order.add(texts(dealer).get(0));
        }
        for (int round = 0; round < 5; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3))
                    .as("round %d takes one message from each peer: %s", round, order)
                    .containsExactlyInAnyOrder("p0", "p1", "p2");
        }
    }

    @Test
    @DisplayName("\"SHALL deliver these to its calling application.\"")
    void shouldDeliverMessagesToTheApplication() {
        RouterSocket router = new RouterSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx, withId("d"));
        dealer.connect(router.bind("tcp://127.0.0.1:*"));
        awaitPeers(router, 1);

        for (int i = 0; i < 50; i++) {
            router.sendTo(bytes("d"), "m", Integer.toString(i));
        }

        for (int i = 0; i < 50; i++) {
            assertThat(texts(dealer)).containsExactly("m", Integer.toString(i));
        }
        assertThat(dealer.stats().messagesReceived()).isEqualTo(50);
    }
}
