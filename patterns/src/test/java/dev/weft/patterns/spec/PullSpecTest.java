package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketStats;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 30/PIPELINE, the PULL socket type: one test per SHALL that the API makes observable. The
 * sentences on queues for outgoing connections are tested with {@code immediate(false)}, libzmq's
 * default, under which such a queue exists from {@code connect()}.
 *
 * <p>Not tested: the discarding of a departed peer's queued messages. Like libzmq, Weft still
 * delivers what a peer sent before it left (a PUSH that sends and closes relies on it), and
 * destroys the queue once it is read.
 */
@Timeout(60)
@DisplayName("RFC 30 PULL")
class PullSpecTest {
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
            "\"MAY be connected to any number of PUSH peers, and SHALL only receive messages.\"")
    void shouldOnlyReceiveMessagesFromAnyNumberOfPushPeers() {
        assertThat(MessageReceiver.class).isAssignableFrom(PullSocket.class);
        assertThat(MessageSender.class.isAssignableFrom(PullSocket.class)).isFalse();

        PullSocket pull = new PullSocket(ctx);
        String ep = pull.bind("tcp://127.0.0.1:*");
        List<PushSocket> pushes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PushSocket push = new PushSocket(ctx);
            push.connect(ep);
            push.send("from-" + i);
            pushes.add(push);
        }

        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.addAll(texts(pull));
        }
        assertThat(got).containsExactlyInAnyOrder("from-0", "from-1", "from-2");
    }

    @Test
    @DisplayName("\"SHALL not filter or modify incoming messages in any way.\"")
    void shouldNotFilterOrModifyIncomingMessages() {
        PullSocket pull = new PullSocket(ctx);
        PushSocket push = new PushSocket(ctx);
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        push.send(Traffic.message(Traffic.oddFrames()));
        push.send(Traffic.message(List.of(new byte[0])));

        assertThat(Traffic.bytes(pull)).containsExactlyElementsOf(Traffic.oddFrames());
        assertThat(Traffic.bytes(pull)).containsExactly(new byte[0]);
    }

    @Test
    @DisplayName("\"SHALL maintain an incoming queue for each connected peer.\"")
    void shouldMaintainAnIncomingQueuePerPeer() {
        PullSocket pull = new PullSocket(ctx);
        String ep = pull.bind("tcp://127.0.0.1:*");
        PushSocket a = new PushSocket(ctx);
        PushSocket b = new PushSocket(ctx);
        a.connect(ep);
        b.connect(ep);
        for (int i = 0; i < 3; i++) {
            a.send("a" + i);
        }
        for (int i = 0; i < 7; i++) {
            b.send("b" + i);
        }

        Traffic.awaitDepths(pull, SocketStats.PeerStats::inboundDepth, 3, 7);
    }

    @Test
    @DisplayName(
            "\"SHALL create this queue when initiating an outgoing connection to a peer, and SHALL"
                    + " maintain the queue whether or not the connection is established.\"")
    void shouldKeepOneQueueForAConnectedEndpointAcrossConnections() {
        String ep = Traffic.unusedEndpoint();
        PullSocket pull = new PullSocket(ctx, Traffic.queueEarly());
        Traffic.Events events = Traffic.Events.of(pull);
        pull.connect(ep);
        // The queue exists before any connection does.
        awaitPeers(pull, 1);

        PushSocket first = new PushSocket(ctx, Traffic.noLinger());
        first.bind(ep);
        first.send("from-first");
        assertThat(texts(pull)).containsExactly("from-first");
        first.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        // The same queue serves the next connection.
        assertThat(pull.stats().peers()).hasSize(1);
        PushSocket second = new PushSocket(ctx);
        second.bind(ep);
        second.send("from-second");
        assertThat(texts(pull)).containsExactly("from-second");
        assertThat(pull.stats().peers()).hasSize(1);
    }

    @Test
    @DisplayName(
            "\"SHALL create this queue when a peer connects to it. If this peer disconnects, the"
                    + " PULL socket SHALL destroy its queue …\"")
    void shouldCreateAQueueForAPeerThatConnectsAndDestroyItWhenThePeerLeaves() {
        PullSocket pull = new PullSocket(ctx);
        Traffic.Events events = Traffic.Events.of(pull);
        String ep = pull.bind("tcp://127.0.0.1:*");
        assertThat(pull.stats().peers()).isEmpty();
        PushSocket push = new PushSocket(ctx);
        push.connect(ep);
        awaitPeers(pull, 1);
        push.send("before-leaving");
        Traffic.awaitDepths(pull, SocketStats.PeerStats::inboundDepth, 1);

        push.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        // What the peer sent before leaving is still delivered; then its queue is gone.
        assertThat(texts(pull)).containsExactly("before-leaving");
        awaitPeers(pull, 0);
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its peers using a fair-queuing strategy.\"")
    void shouldReceiveFairlyFromItsPeers() {
        PullSocket pull = new PullSocket(ctx);
        String ep = pull.bind("tcp://127.0.0.1:*");
        for (int p = 0; p < 3; p++) {
            PushSocket push = new PushSocket(ctx);
            push.connect(ep);
            for (int i = 0; i < 10; i++) {
                push.send("p" + p, Integer.toString(i));
            }
        }
        awaitEveryPeer(pull, 3, p -> p.inboundDepth() == 10);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            order.add(texts(pull).get(0));
        }
        for (int round = 0; round < 10; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3))
                    .as("round %d takes one message from each peer: %s", round, order)
                    .containsExactlyInAnyOrder("p0", "p1", "p2");
        }
    }

    @Test
    @DisplayName("\"SHALL deliver these to its calling application.\"")
    void shouldDeliverMessagesToTheApplication() {
        PullSocket pull = new PullSocket(ctx);
        PushSocket push = new PushSocket(ctx);
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        for (int i = 0; i < 100; i++) {
            push.send("task", Integer.toString(i));
        }

        for (int i = 0; i < 100; i++) {
            assertThat(texts(pull)).containsExactly("task", Integer.toString(i));
        }
        assertThat(pull.stats().messagesReceived()).isEqualTo(100);
    }
}
