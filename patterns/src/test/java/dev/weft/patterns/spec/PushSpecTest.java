package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.fillUntilBlocked;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
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
 * RFC 30/PIPELINE, the PUSH socket type: one test per SHALL that the API makes observable. The
 * sentences on queues for outgoing connections are tested with {@code immediate(false)}, libzmq's
 * default, under which such a queue exists from {@code connect()}.
 */
@Timeout(60)
@DisplayName("RFC 30 PUSH")
class PushSpecTest {
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
    @DisplayName("\"MAY be connected to any number of PULL peers, and SHALL only send messages.\"")
    void shouldOnlySendMessagesToAnyNumberOfPullPeers() {
        assertThat(MessageSender.class).isAssignableFrom(PushSocket.class);
        assertThat(MessageReceiver.class.isAssignableFrom(PushSocket.class)).isFalse();

        PushSocket push = new PushSocket(ctx);
        String ep = push.bind("tcp://127.0.0.1:*");
        PullSocket a = new PullSocket(ctx);
        PullSocket b = new PullSocket(ctx);
        a.connect(ep);
        b.connect(ep);
        awaitPeers(push, 2);

        push.send("one");
        push.send("two");

        List<String> got = new ArrayList<>(texts(a));
        got.addAll(texts(b));
        assertThat(got).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    @DisplayName("\"SHALL not filter or modify outgoing messages in any way.\"")
    void shouldNotFilterOrModifyOutgoingMessages() {
        PushSocket push = new PushSocket(ctx);
        PullSocket pull = new PullSocket(ctx);
        pull.connect(push.bind("tcp://127.0.0.1:*"));

        push.send(Traffic.message(Traffic.oddFrames()));

        assertThat(Traffic.bytes(pull)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName("\"SHALL maintain an outgoing message queue for each connected peer.\"")
    void shouldMaintainAnOutgoingQueuePerPeer() {
        PushSocket push = new PushSocket(ctx, tiny());
        String ep = push.bind("tcp://127.0.0.1:*");
        PullSocket a = new PullSocket(ctx, tiny());
        PullSocket b = new PullSocket(ctx, tiny());
        a.connect(ep);
        b.connect(ep);
        awaitPeers(push, 2);

        int accepted = fillUntilBlocked(push, Traffic::big);

        // Each peer has its own queue, full now.
        assertThat(push.stats().peers())
                .hasSize(2)
                .allSatisfy(peer -> Traffic.assertFull(peer.outboundDepth()));
        // Draining one peer empties only that peer's queue.
        int drained = 0;
        for (int i = 0; i < accepted; i++) {
            try (Message m = a.receive(BLOCKED)) {
                if (m == null) {
                    break;
                }
                drained++;
            }
        }
        assertThat(drained).isPositive().isLessThan(accepted);
        await().atMost(WAIT)
                .until(
                        () ->
                                push.stats().peers().stream()
                                                .filter(p -> p.outboundDepth() == 0)
                                                .count()
                                        == 1);
        assertThat(push.stats().peers())
                .filteredOn(p -> p.outboundDepth() > 0)
                .singleElement()
                .satisfies(p -> Traffic.assertFull(p.outboundDepth()));
    }

    @Test
    @DisplayName(
            "\"SHALL create this queue when initiating an outgoing connection to a peer, and SHALL"
                    + " maintain the queue whether or not the connection is established.\"")
    void shouldQueueForAConnectedEndpointBeforeAndBetweenConnections() {
        PeerQueueChecks.assertQueuesBeforeAndBetweenConnections(
                options -> new PushSocket(ctx, options), options -> new PullSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL create this queue when a peer connects to it. If this peer disconnects, the"
                    + " PUSH socket SHALL destroy its queue and SHALL discard any messages it"
                    + " contains.\"")
    void shouldCreateAQueueForAPeerThatConnectsAndDiscardItWhenThePeerLeaves() {
        PeerQueueChecks.assertQueueCreatedOnConnectAndDiscardedOnLeave(
                options -> new PushSocket(ctx, options), options -> new PullSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL consider a peer as available only when it has a outgoing queue that is not"
                    + " full.\"")
    void shouldSkipAPeerWhoseQueueIsFull() {
        PeerQueueChecks.assertSkipsAPeerWhoseQueueIsFull(
                options -> new PushSocket(ctx, options), options -> new PullSocket(ctx, options));
    }

    @Test
    @DisplayName(
            "\"SHALL route outgoing messages to available peers using a round-robin strategy.\"")
    void shouldRouteRoundRobin() {
        PushSocket push = new PushSocket(ctx);
        String ep = push.bind("tcp://127.0.0.1:*");
        List<PullSocket> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PullSocket pull = new PullSocket(ctx);
            pull.connect(ep);
            pulls.add(pull);
        }
        awaitPeers(push, 3);

        for (int i = 0; i < 30; i++) {
            push.send(Integer.toString(i));
        }

        for (PullSocket pull : pulls) {
            List<Integer> seqs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seqs.add(Integer.parseInt(texts(pull).get(0)));
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
        PushSocket push = new PushSocket(ctx, tiny());
        String ep = push.bind("tcp://127.0.0.1:*");
        try (Message m = Message.of("nobody")) {
            assertThat(push.trySend(m)).isFalse();
            long start = System.nanoTime();
            assertThat(push.send(m, BLOCKED)).isFalse();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(BLOCKED.toNanos() / 2);
        }

        PullSocket slow = new PullSocket(ctx, tiny());
        slow.connect(ep);
        awaitPeers(push, 1);
        fillUntilBlocked(push, Traffic::big);

        try (Message m = Message.of("full")) {
            assertThat(push.canSend()).isFalse();
            assertThat(push.trySend(m)).isFalse();
        }
    }

    @Test
    @DisplayName("\"SHALL not accept further messages when it has no available peers.\"")
    void shouldNotAcceptMessagesWhenNoPeerIsAvailable() {
        PushSocket push = new PushSocket(ctx, tiny());
        PullSocket slow = new PullSocket(ctx, tiny());
        slow.connect(push.bind("tcp://127.0.0.1:*"));
        awaitPeers(push, 1);
        int accepted = fillUntilBlocked(push, Traffic::big);

        FullQueueChecks.assertRefusesWhileFull(push, accepted);
    }

    @Test
    @DisplayName("\"SHALL NOT discard messages that it cannot queue.\"")
    void shouldNotDiscardMessagesItCannotQueue() {
        PushSocket push = new PushSocket(ctx, tiny());
        PullSocket slow = new PullSocket(ctx, tiny());
        slow.connect(push.bind("tcp://127.0.0.1:*"));
        awaitPeers(push, 1);
        int accepted = fillUntilBlocked(push, Traffic::big);
        FullQueueChecks.assertSendsRefusedMessageOnceDrained(push, slow, accepted, executor);
    }
}
