package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitDepths;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.awaitSubscribed;
import static dev.weft.patterns.spec.Traffic.publishUntilDropping;
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
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.XPubSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 29/PUBSUB, the SUB socket type: one test per SHALL that the API makes observable. The
 * sentences on queues for outgoing connections are tested with {@code immediate(false)}, libzmq's
 * default, under which such a queue exists from {@code connect()}.
 *
 * <p>Not tested: the discarding of a departed publisher's queued messages (like libzmq, Weft
 * delivers what arrived before the publisher left, then destroys the queue).
 */
@Timeout(60)
@DisplayName("RFC 29 SUB")
class SubSpecTest {
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
            "\"MAY be connected to any number of PUB or XPUB publishers, and SHALL only receive"
                    + " messages.\"")
    void shouldOnlyReceiveMessagesFromAnyNumberOfPublishers() {
        assertThat(MessageReceiver.class).isAssignableFrom(SubSocket.class);
        assertThat(MessageSender.class.isAssignableFrom(SubSocket.class)).isFalse();

        PubSocket pub = new PubSocket(ctx);
        XPubSocket xpub = new XPubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("news");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "news");
        awaitSubscribed(xpub, sub, "news");

        pub.send("news from pub");
        xpub.send("news from xpub");

        List<String> got = new ArrayList<>(textsAfterProbes(sub));
        got.addAll(textsAfterProbes(sub));
        assertThat(got).containsExactlyInAnyOrder("news from pub", "news from xpub");
    }

    @Test
    @DisplayName("\"SHALL maintain a single incoming message queue for each connected publisher.\"")
    void shouldMaintainAnIncomingQueuePerPublisher() {
        SubSocket sub = new SubSocket(ctx).subscribe("");
        String ep = sub.bind("tcp://127.0.0.1:*");
        PubSocket a = new PubSocket(ctx);
        PubSocket b = new PubSocket(ctx);
        a.connect(ep);
        b.connect(ep);
        awaitSubscribed(a, sub, "");
        awaitSubscribed(b, sub, "");

        for (int i = 0; i < 3; i++) {
            a.send("a" + i);
        }
        for (int i = 0; i < 7; i++) {
            b.send("b" + i);
        }

        awaitDepths(sub, SocketStats.PeerStats::inboundDepth, 3, 7);
    }

    @Test
    @DisplayName(
            "\"SHALL create a queue when initiating an outgoing connection to a publisher, and"
                    + " SHALL maintain the queue whether or not the connection is established.\"")
    void shouldKeepOneQueueForAConnectedEndpointAcrossConnections() {
        String ep = Traffic.unusedEndpoint();
        SubSocket sub = new SubSocket(ctx, Traffic.queueEarly()).subscribe("t");
        Traffic.Events events = Traffic.Events.of(sub);
        sub.connect(ep);
        // The queue exists before any connection does.
        awaitPeers(sub, 1);

        PubSocket first = new PubSocket(ctx, Traffic.noLinger());
        first.bind(ep);
        awaitSubscribed(first, sub, "t");
        first.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        // The same queue serves the next connection, which gets the subscription again.
        assertThat(sub.stats().peers()).hasSize(1);
        PubSocket second = new PubSocket(ctx);
        second.bind(ep);
        awaitSubscribed(second, sub, "t");
        second.send("t-news");
        assertThat(texts(sub)).containsExactly("t-news");
        assertThat(sub.stats().peers()).hasSize(1);
    }

    @Test
    @DisplayName(
            "\"SHALL create a queue when a publisher connects to it. If this publisher"
                    + " disconnects, the SUB socket SHALL destroy its queue …\"")
    void shouldCreateAQueueForAPublisherThatConnectsAndDestroyItWhenItLeaves() {
        SubSocket sub = new SubSocket(ctx).subscribe("");
        String ep = sub.bind("tcp://127.0.0.1:*");
        assertThat(sub.stats().peers()).isEmpty();
        PubSocket pub = new PubSocket(ctx);
        pub.connect(ep);
        awaitPeers(sub, 1);

        pub.close();

        awaitPeers(sub, 0);
    }

    @Test
    @DisplayName("\"SHALL silently discard messages if the queue for a publisher is full.\"")
    void shouldSilentlyLoseMessagesWhenThePublisherQueueIsFull() {
        PubSocket pub = new PubSocket(ctx, tiny());
        SubSocket sub = new SubSocket(ctx, tiny()).subscribe("");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "");

        int published = publishUntilDropping(pub);

        // The subscriber is not told: it reads what made it through, then carries on.
        int received = 0;
        int last = -1;
        for (int i = 0; i < published; i++) {
            try (Message m = sub.receive(Traffic.BLOCKED)) {
                if (m == null) {
                    break;
                }
                assertThat(Traffic.seq(m)).isGreaterThan(last);
                last = Traffic.seq(m);
                received++;
            }
        }
        assertThat(received).isPositive().isLessThan(published);
        pub.send("later");
        assertThat(texts(sub)).containsExactly("later");
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its publishers using a fair-queuing"
                    + " strategy.\"")
    void shouldReceiveFairlyFromItsPublishers() {
        SubSocket sub = new SubSocket(ctx).subscribe("");
        String ep = sub.bind("tcp://127.0.0.1:*");
        List<PubSocket> pubs = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            PubSocket pub = new PubSocket(ctx);
            pub.connect(ep);
            awaitSubscribed(pub, sub, "");
            pubs.add(pub);
        }
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < 10; i++) {
                pubs.get(p).send("p" + p, Integer.toString(i));
            }
        }
        Traffic.awaitEveryPeer(sub, 3, p -> p.inboundDepth() == 10);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            order.add(texts(sub).get(0));
        }
        for (int round = 0; round < 10; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3))
                    .as("round %d takes one message from each publisher: %s", round, order)
                    .containsExactlyInAnyOrder("p0", "p1", "p2");
        }
    }

    @Test
    @DisplayName("\"SHALL not modify incoming messages in any way.\"")
    void shouldNotModifyIncomingMessages() {
        PubSocket pub = new PubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("topic");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "topic");

        pub.send(Traffic.message(Traffic.oddFrames()));

        assertThat(Traffic.bytes(sub)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName("\"SHALL deliver messages to its calling application.\"")
    void shouldDeliverMessagesToTheApplication() {
        PubSocket pub = new PubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("weather.");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "weather.");

        for (int i = 0; i < 50; i++) {
            pub.send("weather.paris", Integer.toString(i));
        }

        for (int i = 0; i < 50; i++) {
            try (Message m = sub.receive(WAIT)) {
                assertThat(m.strings()).containsExactly("weather.paris", Integer.toString(i));
            }
        }
    }
}
