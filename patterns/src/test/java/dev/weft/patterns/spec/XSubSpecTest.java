package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.awaitDepths;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.awaitSubscribed;
import static dev.weft.patterns.spec.Traffic.publishUntilDropping;
import static dev.weft.patterns.spec.Traffic.subscriptionEvent;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.textsAfterProbes;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketStats;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 29/PUBSUB, the XSUB socket type: one test per SHALL that the API makes observable. The
 * sentences on queues for outgoing connections are tested with {@code immediate(false)}, libzmq's
 * default, under which such a queue exists from {@code connect()}.
 *
 * <p>Not tested: the discarding of a departed publisher's queued messages (delivered first, as in
 * libzmq), and the SHOULD on unsubscribing when closing a connection.
 */
@Timeout(60)
@DisplayName("RFC 29 XSUB")
class XSubSpecTest {
    /** Far more upstream messages than queues and loopback TCP buffers hold. */
    private static final int FLOOD = 1_000;

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
            "\"MAY be connected to any number of PUB or XPUB publishers, and MAY both send and"
                    + " receive messages.\"")
    void shouldSendAndReceiveWithAnyNumberOfPublishers() {
        assertThat(MessageSender.class).isAssignableFrom(XSubSocket.class);
        assertThat(MessageReceiver.class).isAssignableFrom(XSubSocket.class);

        PubSocket pub = new PubSocket(ctx);
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitPeers(xsub, 2);
        xsub.subscribe("news");

        assertThat(subscriptionEvent(xpub)).isEqualTo("+news");
        awaitSubscribed(pub, xsub, "news");
        pub.send("news from pub");
        xpub.send("news from xpub");
        List<String> got = new ArrayList<>(textsAfterProbes(xsub));
        got.addAll(textsAfterProbes(xsub));
        assertThat(got).containsExactlyInAnyOrder("news from pub", "news from xpub");
    }

    @Test
    @DisplayName(
            "\"SHALL maintain a double queue for each connected publisher, allowing outgoing and"
                    + " incoming messages to be queued independently.\"")
    void shouldQueueIncomingAndOutgoingIndependently() {
        XPubSocket a = new XPubSocket(ctx);
        XPubSocket b = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(a.bind("tcp://127.0.0.1:*"));
        xsub.connect(b.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("");
        assertThat(subscriptionEvent(a)).isEqualTo("+");
        assertThat(subscriptionEvent(b)).isEqualTo("+");
        for (int i = 0; i < 3; i++) {
            a.send("a" + i);
        }
        for (int i = 0; i < 7; i++) {
            b.send("b" + i);
        }
        awaitDepths(xsub, SocketStats.PeerStats::inboundDepth, 3, 7);

        // Incoming messages wait per publisher; outgoing ones still flow to both.
        xsub.send("upstream");
        assertThat(texts(a)).containsExactly("upstream");
        assertThat(texts(b)).containsExactly("upstream");
        awaitDepths(xsub, SocketStats.PeerStats::inboundDepth, 3, 7);
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when initiating an outgoing connection to a publisher,"
                    + " and SHALL maintain the double queue whether or not the connection is"
                    + " established.\"")
    void shouldQueueForAConnectedEndpointBeforeAndBetweenConnections() {
        String ep = Traffic.unusedEndpoint();
        XSubSocket xsub = new XSubSocket(ctx, Traffic.queueEarly());
        Traffic.Events events = Traffic.Events.of(xsub);
        xsub.connect(ep);
        // The queues exist before any connection does.
        awaitPeers(xsub, 1);
        xsub.send("before");
        xsub.subscribe("t");

        XPubSocket first = new XPubSocket(ctx, Traffic.noLinger());
        first.bind(ep);
        assertThat(upstream(first, 2)).containsExactlyInAnyOrder("before", "\u0001t");
        first.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        // Still there with the connection gone, and still taking messages.
        assertThat(xsub.stats().peers()).hasSize(1);
        xsub.send("between");
        XPubSocket second = new XPubSocket(ctx);
        second.bind(ep);
        assertThat(upstream(second, 2)).containsExactlyInAnyOrder("between", "\u0001t");
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when a publisher connects to it. If this publisher"
                    + " disconnects, the XSUB socket SHALL destroy its double queue …\"")
    void shouldCreateAQueueForAPublisherThatConnectsAndDestroyItWhenItLeaves() {
        XSubSocket xsub = new XSubSocket(ctx);
        String ep = xsub.bind("tcp://127.0.0.1:*");
        assertThat(xsub.stats().peers()).isEmpty();
        XPubSocket xpub = new XPubSocket(ctx);
        xpub.connect(ep);
        awaitPeers(xsub, 1);

        xpub.close();

        awaitPeers(xsub, 0);
    }

    @Test
    @DisplayName("\"SHALL not modify incoming messages in any way.\"")
    void shouldNotModifyIncomingMessages() {
        PubSocket pub = new PubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("topic");
        awaitSubscribed(pub, xsub, "topic");

        pub.send(Traffic.message(Traffic.oddFrames()));

        assertThat(Traffic.bytes(xsub)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName(
            "\"SHALL silently discard messages if the incoming queue for a publisher is full.\"")
    void shouldSilentlyLoseMessagesWhenThePublisherQueueIsFull() {
        PubSocket pub = new PubSocket(ctx, tiny());
        XSubSocket xsub = new XSubSocket(ctx, tiny());
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("");
        awaitSubscribed(pub, xsub, "");

        int published = publishUntilDropping(pub);

        int received = 0;
        for (int i = 0; i < published; i++) {
            try (Message m = xsub.receive(BLOCKED)) {
                if (m == null) {
                    break;
                }
                received++;
            }
        }
        assertThat(received).isPositive().isLessThan(published);
        pub.send("later");
        assertThat(texts(xsub)).containsExactly("later");
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its publishers using a fair-queuing"
                    + " strategy.\"")
    void shouldReceiveFairlyFromItsPublishers() {
        XSubSocket xsub = new XSubSocket(ctx);
        String ep = xsub.bind("tcp://127.0.0.1:*");
        List<XPubSocket> pubs = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            XPubSocket xpub = new XPubSocket(ctx);
            xpub.connect(ep);
            pubs.add(xpub);
        }
        awaitPeers(xsub, 3);
        xsub.subscribe("");
        for (XPubSocket xpub : pubs) {
            assertThat(subscriptionEvent(xpub)).isEqualTo("+");
        }
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < 10; i++) {
                pubs.get(p).send("p" + p, Integer.toString(i));
            }
        }
        awaitEveryPeer(xsub, 3, p -> p.inboundDepth() == 10);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            order.add(texts(xsub).get(0));
        }
        for (int round = 0; round < 10; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3))
                    .as("round %d takes one message from each publisher: %s", round, order)
                    .containsExactlyInAnyOrder("p0", "p1", "p2");
        }
    }

    @Test
    @DisplayName("\"SHALL deliver messages to its calling application.\"")
    void shouldDeliverMessagesToTheApplication() {
        PubSocket pub = new PubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("a");
        awaitSubscribed(pub, xsub, "a");

        for (int i = 0; i < 50; i++) {
            pub.send("a", Integer.toString(i));
        }

        for (int i = 0; i < 50; i++) {
            assertThat(texts(xsub)).containsExactly("a", Integer.toString(i));
        }
    }

    @Test
    @DisplayName("\"SHALL not modify outgoing messages in any way.\"")
    void shouldNotModifyOutgoingMessages() {
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitPeers(xsub, 1);

        xsub.send(Traffic.message(Traffic.oddFrames()));

        assertThat(Traffic.bytes(xpub)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName("\"SHALL send all messages to all connected publishers.\"")
    void shouldSendEveryMessageToEveryPublisher() {
        XSubSocket xsub = new XSubSocket(ctx);
        List<XPubSocket> pubs = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            XPubSocket xpub = new XPubSocket(ctx);
            xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
            pubs.add(xpub);
        }
        awaitPeers(xsub, 3);

        xsub.send("hello", "everyone");
        xsub.subscribe("t");

        for (XPubSocket xpub : pubs) {
            // An XPUB hands pending subscriptions over before data, so take both in any order.
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                got.add(String.join("|", texts(xpub)));
            }
            assertThat(got).containsExactlyInAnyOrder("hello|everyone", "\u0001t");
        }
    }

    @Test
    @DisplayName(
            "\"SHALL silently drop the message if the outgoing queue for a publisher is full.\"")
    void shouldSilentlyDropWhenThePublisherQueueIsFull() {
        XPubSocket xpub = new XPubSocket(ctx, tiny());
        XSubSocket xsub = new XSubSocket(ctx, tiny());
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitPeers(xsub, 1);

        for (int i = 0; i < FLOOD; i++) {
            assertThat(xsub.trySend(Traffic.big(i))).as("upstream message %d", i).isTrue();
        }

        int received = drainUpstream(xpub, xsub);
        assertThat(received).isPositive().isLessThan(FLOOD);
    }

    @Test
    @DisplayName("\"SHALL NOT block on sending.\"")
    void shouldNotBlockOnSending() {
        XSubSocket xsub = new XSubSocket(ctx, tiny());
        String ep = xsub.bind("tcp://127.0.0.1:*");
        assertThat(xsub.canSend()).isTrue();
        assertThat(xsub.trySend(Message.of("no-publisher-yet"))).isTrue();

        XPubSocket stuck = new XPubSocket(ctx, tiny());
        stuck.connect(ep);
        awaitPeers(xsub, 1);
        for (int i = 0; i < FLOOD; i++) {
            assertThat(xsub.trySend(Traffic.big(i))).as("upstream message %d", i).isTrue();
        }
        assertThat(xsub.canSend()).isTrue();
    }

    @Test
    @DisplayName("\"SHALL accept subscription commands from its calling application.\"")
    void shouldAcceptSubscriptionCommandsFromTheApplication() {
        PubSocket pub = new PubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));

        // As a raw message (0x01 + topic) and through the typed method.
        assertThat(xsub.send(Message.of(new byte[] {1, 'r', 'a', 'w'}))).isTrue();
        xsub.subscribe("typed");
        awaitSubscribed(pub, xsub, "raw");
        awaitSubscribed(pub, xsub, "typed");

        pub.send("other");
        pub.send("raw-news");
        pub.send("typed-news");
        assertThat(texts(xsub)).containsExactly("raw-news");
        assertThat(texts(xsub)).containsExactly("typed-news");
    }

    @Test
    @DisplayName(
            "\"SHALL send subscribe and unsubscribe requests to publishers depending on the"
                    + " transport protocol used.\"")
    void shouldSendSubscribeAndUnsubscribeRequests() {
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));

        xsub.subscribe("weather");
        assertThat(subscriptionEvent(xpub)).isEqualTo("+weather");
        xsub.unsubscribe("weather");
        assertThat(subscriptionEvent(xpub)).isEqualTo("-weather");
    }

    /** Receives this many single-frame messages (data or subscriptions) on an XPUB. */
    private static List<String> upstream(XPubSocket xpub, int count) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            got.add(String.join("|", texts(xpub)));
        }
        return got;
    }

    /**
     * Reads what reached the XPUB, then proves the path is clear again with a last message.
     *
     * @return how many flood messages arrived
     */
    private static int drainUpstream(XPubSocket xpub, XSubSocket xsub) {
        int received = 0;
        for (int i = 0; i < FLOOD; i++) {
            try (Message m = xpub.receive(BLOCKED)) {
                if (m == null) {
                    break;
                }
                received++;
            }
        }
        xsub.send("after");
        for (int i = 0; i < FLOOD; i++) {
            try (Message m = xpub.receive(Traffic.WAIT)) {
                assertThat(m).as("the message sent after draining").isNotNull();
                if (m.frame(0).contentEquals(Traffic.bytes("after"))) {
                    return received;
                }
                received++;
            }
        }
        throw new AssertionError("'after' never arrived");
    }
}
