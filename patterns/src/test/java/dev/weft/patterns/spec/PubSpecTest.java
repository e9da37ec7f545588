package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.awaitSubscribed;
import static dev.weft.patterns.spec.Traffic.publishUntilDropping;
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
import dev.weft.patterns.XSubSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 29/PUBSUB, the PUB socket type: one test per SHALL that the API makes observable. Filtering
 * is checked through an XSUB, which does not filter, so what arrives is what the PUB chose to send.
 * The sentences on queues for outgoing connections are tested with {@code immediate(false)},
 * libzmq's default, under which such a queue exists from {@code connect()}.
 *
 * <p>Not tested: "SHALL NOT deliver these commands to its calling application" (a PUB has no
 * receive operation at all).
 */
@Timeout(60)
@DisplayName("RFC 29 PUB")
class PubSpecTest {
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
            "\"MAY be connected to any number of SUB or XSUB subscribers, and SHALL only send"
                    + " messages.\"")
    void shouldOnlySendMessagesToAnyNumberOfSubscribers() {
        assertThat(MessageSender.class).isAssignableFrom(PubSocket.class);
        assertThat(MessageReceiver.class.isAssignableFrom(PubSocket.class)).isFalse();

        PubSocket pub = new PubSocket(ctx);
        String ep = pub.bind("tcp://127.0.0.1:*");
        SubSocket sub = new SubSocket(ctx).subscribe("");
        XSubSocket xsub = new XSubSocket(ctx);
        sub.connect(ep);
        xsub.connect(ep);
        xsub.subscribe("");
        awaitSubscribed(pub, sub, "");
        awaitSubscribed(pub, xsub, "");

        pub.send("news");

        assertThat(textsAfterProbes(sub)).containsExactly("news");
        assertThat(textsAfterProbes(xsub)).containsExactly("news");
    }

    @Test
    @DisplayName(
            "\"SHALL maintain a single outgoing message queue for each connected subscriber.\"")
    void shouldMaintainAQueuePerSubscriber() {
        PubSocket pub = new PubSocket(ctx, tiny());
        String ep = pub.bind("tcp://127.0.0.1:*");
        SubSocket slow = new SubSocket(ctx, tiny()).subscribe("");
        SubSocket fast = new SubSocket(ctx, tiny()).subscribe("");
        slow.connect(ep);
        fast.connect(ep);
        awaitSubscribed(pub, slow, "");
        awaitSubscribed(pub, fast, "");
        Traffic.drainReady(slow);

        // The fast subscriber reads each message before the next is published; the slow one
        // reads nothing. Only the slow subscriber's queue fills and drops.
        int published = 0;
        for (int i = 0; i < Traffic.MAX_FILL && pub.stats().droppedAtHwm() < 10; i++) {
            assertThat(pub.trySend(Traffic.big(i))).isTrue();
            published++;
            try (Message m = fast.receive(WAIT)) {
                assertThat(m).isNotNull();
                assertThat(Traffic.seq(m)).isEqualTo(i);
            }
        }

        assertThat(pub.stats().droppedAtHwm()).isGreaterThanOrEqualTo(10).isLessThan(published);
        List<Integer> depths =
                pub.stats().peers().stream()
                        .map(SocketStats.PeerStats::outboundDepth)
                        .sorted()
                        .toList();
        assertThat(depths).hasSize(2).first().isEqualTo(0);
        Traffic.assertFull(depths.get(1));
    }

    @Test
    @DisplayName(
            "\"SHALL create a queue when initiating an outgoing connection to a subscriber, and"
                    + " SHALL maintain the queue whether or not the connection is established.\"")
    void shouldKeepOneQueueForAConnectedEndpointAcrossConnections() {
        String ep = Traffic.unusedEndpoint();
        PubSocket pub = new PubSocket(ctx, Traffic.queueEarly());
        Traffic.Events events = Traffic.Events.of(pub);
        pub.connect(ep);
        // The queue exists before any connection does.
        awaitPeers(pub, 1);

        SubSocket first = new SubSocket(ctx, Traffic.noLinger()).subscribe("t");
        first.bind(ep);
        awaitSubscribed(pub, first, "t");
        first.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        // The same queue serves the next connection.
        assertThat(pub.stats().peers()).hasSize(1);
        SubSocket second = new SubSocket(ctx).subscribe("t");
        second.bind(ep);
        awaitSubscribed(pub, second, "t");
        pub.send("t-news");
        assertThat(Traffic.texts(second)).containsExactly("t-news");
        assertThat(pub.stats().peers()).hasSize(1);
    }

    @Test
    @DisplayName(
            "\"SHALL create a queue when a subscriber connects to it. If this subscriber"
                    + " disconnects, the PUB socket SHALL destroy its queue and SHALL discard any"
                    + " messages it contains.\"")
    void shouldCreateAQueueForASubscriberAndDiscardItWhenTheSubscriberLeaves() {
        PubSocket pub = new PubSocket(ctx, tiny());
        String ep = pub.bind("tcp://127.0.0.1:*");
        assertThat(pub.stats().peers()).isEmpty();
        SubSocket slow = new SubSocket(ctx, tiny()).subscribe("");
        slow.connect(ep);
        awaitPeers(pub, 1);
        awaitSubscribed(pub, slow, "");
        Traffic.fillDroppingPath(pub, Traffic::big);
        Traffic.assertFull(pub.stats().peers().get(0).outboundDepth());

        slow.close();

        awaitPeers(pub, 0);
        SubSocket fresh = new SubSocket(ctx).subscribe("");
        fresh.connect(ep);
        awaitSubscribed(pub, fresh, "");
        pub.send("after");
        assertThat(Traffic.texts(fresh)).containsExactly("after");
    }

    @Test
    @DisplayName("\"SHALL silently discard any messages that subscribers send it.\"")
    void shouldSilentlyDiscardMessagesFromSubscribers() {
        PubSocket pub = new PubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitPeers(xsub, 1);

        for (int i = 0; i < 10; i++) {
            xsub.send("chatter", Integer.toString(i));
        }
        // Sent after the chatter on the same connection: once it works, the chatter was seen.
        xsub.subscribe("");
        awaitSubscribed(pub, xsub, "");

        assertThat(pub.stats().peers())
                .singleElement()
                .extracting(p -> p.inboundDepth())
                .isEqualTo(0);
        pub.send("still-publishing");
        assertThat(textsAfterProbes(xsub)).containsExactly("still-publishing");
    }

    @Test
    @DisplayName("\"SHALL not modify outgoing messages in any way.\"")
    void shouldNotModifyOutgoingMessages() {
        PubSocket pub = new PubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("topic");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "topic");

        pub.send(Traffic.message(Traffic.oddFrames()));

        assertThat(Traffic.bytes(sub)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName(
            "\"SHALL perform a binary comparison of the subscription against the start of the"
                    + " first frame of the message.\"")
    void shouldMatchTheSubscriptionAgainstTheStartOfTheFirstFrame() {
        PubSocket pub = new PubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));

        assertThat(Traffic.publishBinaryCandidates(pub, xsub))
                .containsExactly("00ff61/0", "00ff616263/1");
    }

    @Test
    @DisplayName("\"SHALL silently drop the message if the queue for a subscriber is full.\"")
    void shouldSilentlyDropForAFullSubscriber() {
        PubSocket pub = new PubSocket(ctx, tiny());
        SubSocket slow = new SubSocket(ctx, tiny()).subscribe("");
        slow.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, slow, "");

        int published = publishUntilDropping(pub);

        SocketStats stats = pub.stats();
        assertThat(stats.droppedAtHwm()).isGreaterThanOrEqualTo(10).isLessThan(published);
        assertThat(stats.messagesSent()).isGreaterThanOrEqualTo(published);
        assertThat(pub.send("still-taken")).isTrue();
    }

    @Test
    @DisplayName("\"SHALL NOT block on sending.\"")
    void shouldNotBlockOnSending() {
        PubSocket pub = new PubSocket(ctx, tiny());
        String ep = pub.bind("tcp://127.0.0.1:*");
        // No subscriber at all.
        for (int i = 0; i < 100; i++) {
            assertThat(pub.trySend(Message.of("nobody-listens"))).isTrue();
        }
        // A subscriber whose queue is full.
        SubSocket slow = new SubSocket(ctx, tiny()).subscribe("");
        slow.connect(ep);
        awaitSubscribed(pub, slow, "");
        publishUntilDropping(pub);

        assertThat(pub.canSend()).isTrue();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(pub.trySend(Traffic.big(i))).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
    }

    @Test
    @DisplayName(
            "\"SHALL receive subscribe and unsubscribe requests from subscribers depending on the"
                    + " transport protocol used.\"")
    void shouldApplySubscribeAndUnsubscribeRequests() {
        PubSocket pub = new PubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("a");
        awaitSubscribed(pub, xsub, "a");

        pub.send("b1");
        pub.send("a1");
        assertThat(Traffic.texts(xsub)).containsExactly("a1");

        xsub.unsubscribe("a");
        xsub.subscribe("b");
        awaitSubscribed(pub, xsub, "b");
        pub.send("a2");
        pub.send("b2");
        assertThat(textsAfterProbes(xsub)).containsExactly("b2");
    }
}
