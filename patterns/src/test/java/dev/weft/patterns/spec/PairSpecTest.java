package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.fillUntilBlocked;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.patterns.PairSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 31/EXPAIR, the PAIR socket type: one test per SHALL that the API makes observable. The
 * sentences on queues for outgoing connections are tested with {@code immediate(false)}, libzmq's
 * default, under which such a queue exists from {@code connect()}.
 */
@Timeout(60)
@DisplayName("RFC 31 PAIR")
class PairSpecTest {
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
            "\"MAY be connected to at most one PAIR peers, and MAY both send and receive"
                    + " messages.\"")
    void shouldTalkBothWaysWithAtMostOnePeer() {
        PairSocket pair = new PairSocket(ctx);
        Traffic.Events events = Traffic.Events.of(pair);
        String ep = pair.bind("tcp://127.0.0.1:*");
        PairSocket first = new PairSocket(ctx);
        first.connect(ep);
        awaitPeers(pair, 1);
        PairSocket second = new PairSocket(ctx);
        second.connect(ep);

        assertThat(events.awaitFirst(MonitorEvent.Type.PEER_REJECTED).detail())
                .contains("PAIR already has a peer");
        awaitPeers(pair, 1);
        first.send("ping");
        assertThat(texts(pair)).containsExactly("ping");
        pair.send("pong");
        assertThat(texts(first)).containsExactly("pong");
    }

    @Test
    @DisplayName("\"SHALL not filter or modify outgoing or incoming messages in any way.\"")
    void shouldNotFilterOrModifyMessages() {
        PairSocket a = new PairSocket(ctx);
        PairSocket b = new PairSocket(ctx);
        b.connect(a.bind("tcp://127.0.0.1:*"));

        a.send(Traffic.message(Traffic.oddFrames()));
        assertThat(Traffic.bytes(b)).containsExactlyElementsOf(Traffic.oddFrames());
        b.send(Traffic.message(Traffic.oddFrames()));
        assertThat(Traffic.bytes(a)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName(
            "\"SHALL maintain a double queue for its peer, allowing outgoing and incoming"
                    + " messages to be queued independently.\"")
    void shouldQueueIncomingAndOutgoingIndependently() {
        PairSocket a = new PairSocket(ctx);
        PairSocket b = new PairSocket(ctx);
        b.connect(a.bind("tcp://127.0.0.1:*"));
        for (int i = 0; i < 5; i++) {
            b.send("in-" + i);
        }
        awaitEveryPeer(a, 1, p -> p.inboundDepth() == 5);

        a.send("out");
        assertThat(texts(b)).containsExactly("out");
        assertThat(a.stats().peers().get(0).inboundDepth()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(texts(a)).containsExactly("in-" + i);
        }
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when initiating an outgoing connection to a peer, and"
                    + " SHALL maintain the double queue whether or not the connection is"
                    + " established.\"")
    void shouldQueueForAConnectedEndpointBeforeAndBetweenConnections() {
        PeerQueueChecks.assertQueuesBeforeAndBetweenConnections(
                options -> new PairSocket(ctx, options), options -> new PairSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when a peer connects to it. If this peer disconnects,"
                    + " the PAIR socket SHALL destroy its double queue and SHALL discard any"
                    + " messages it contains.\"")
    void shouldCreateQueuesForAPeerThatConnectsAndDiscardThemWhenItLeaves() {
        PeerQueueChecks.assertQueueCreatedOnConnectAndDiscardedOnLeave(
                options -> new PairSocket(ctx, options), options -> new PairSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL consider its peer as available only when it has a outgoing queue that is not"
                    + " full.\"")
    void shouldConsiderAFullPeerUnavailable() {
        PairSocket pair = new PairSocket(ctx, tiny());
        PairSocket slow = new PairSocket(ctx, tiny());
        slow.connect(pair.bind("tcp://127.0.0.1:*"));
        awaitPeers(pair, 1);
        assertThat(pair.canSend()).isTrue();

        fillUntilBlocked(pair, Traffic::big);

        assertThat(pair.canSend()).isFalse();
        Traffic.assertFull(pair.stats().peers().get(0).outboundDepth());
    }

    @Test
    @DisplayName(
            "\"SHALL block on sending, or return a suitable error, when it has no available"
                    + " peer.\"")
    void shouldBlockWhenItHasNoAvailablePeer() {
        PairSocket pair = new PairSocket(ctx);
        String ep = pair.bind("tcp://127.0.0.1:*");
        Message m = Message.of("waiting");
        assertThat(pair.trySend(m)).isFalse();
        long start = System.nanoTime();
        assertThat(pair.send(m, BLOCKED)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(BLOCKED.toNanos() / 2);

        // A blocked send completes once a peer arrives.
        CompletableFuture<Boolean> sent =
                CompletableFuture.supplyAsync(() -> pair.send(m, WAIT), executor);
        PairSocket peer = new PairSocket(ctx);
        peer.connect(ep);
        assertThat(sent).succeedsWithin(WAIT).isEqualTo(true);
        assertThat(texts(peer)).containsExactly("waiting");
    }

    @Test
    @DisplayName("\"SHALL not accept further messages when it has no available peer.\"")
    void shouldNotAcceptMessagesWhenThePeerIsUnavailable() {
        PairSocket pair = new PairSocket(ctx, tiny());
        PairSocket slow = new PairSocket(ctx, tiny());
        slow.connect(pair.bind("tcp://127.0.0.1:*"));
        awaitPeers(pair, 1);
        int accepted = fillUntilBlocked(pair, Traffic::big);

        FullQueueChecks.assertRefusesWhileFull(pair, accepted);
    }

    @Test
    @DisplayName("\"SHALL NOT discard messages that it cannot queue.\"")
    void shouldNotDiscardMessagesItCannotQueue() {
        PairSocket pair = new PairSocket(ctx, tiny());
        PairSocket slow = new PairSocket(ctx, tiny());
        slow.connect(pair.bind("tcp://127.0.0.1:*"));
        awaitPeers(pair, 1);
        int accepted = fillUntilBlocked(pair, Traffic::big);
        FullQueueChecks.assertSendsRefusedMessageOnceDrained(pair, slow, accepted, executor);
    }

    @Test
    @DisplayName("\"SHALL receive incoming messages from its single peer if it has one.\"")
    void shouldReceiveOnlyFromItsSinglePeer() {
        PairSocket pair = new PairSocket(ctx);
        Traffic.Events events = Traffic.Events.of(pair);
        String ep = pair.bind("tcp://127.0.0.1:*");
        assertThat(pair.tryReceive()).isNull();
        PairSocket peer = new PairSocket(ctx);
        peer.connect(ep);
        awaitPeers(pair, 1);
        PairSocket intruder = new PairSocket(ctx);
        intruder.connect(ep);
        events.awaitFirst(MonitorEvent.Type.PEER_REJECTED);
        Message fromIntruder = Message.of("intruder");
        if (!intruder.trySend(fromIntruder)) {
            fromIntruder.close();
        }

        peer.send("from-peer");

        assertThat(texts(pair)).containsExactly("from-peer");
        Traffic.assertNothingArrives(pair, BLOCKED);
    }

    @Test
    @DisplayName("\"SHALL deliver these to its calling application.\"")
    void shouldDeliverMessagesToTheApplication() {
        PairSocket a = new PairSocket(ctx);
        PairSocket b = new PairSocket(ctx);
        b.connect(a.bind("tcp://127.0.0.1:*"));

        for (int i = 0; i < 50; i++) {
            b.send("m", Integer.toString(i));
        }

        for (int i = 0; i < 50; i++) {
            assertThat(texts(a)).containsExactly("m", Integer.toString(i));
        }
        assertThat(a.stats().messagesReceived()).isEqualTo(50);
    }
}
