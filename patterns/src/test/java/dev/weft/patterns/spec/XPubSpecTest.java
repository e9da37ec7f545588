package dev.weft.patterns.spec;

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
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 29/PUBSUB, the XPUB socket type: one test per SHALL that the API makes observable.
 * Subscriptions reach the application as one frame, {@code 0x01} or {@code 0x00} then the topic.
 * The sentences on queues for outgoing connections are tested with {@code immediate(false)},
 * libzmq's default, under which such a queue exists from {@code connect()}.
 *
 * <p>The MAY on normalising duplicate subscriptions is covered by {@code PubSubOptionsTest}.
 */
@Timeout(60)
@DisplayName("RFC 29 XPUB")
class XPubSpecTest {
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
            "\"MAY be connected to any number of SUB or XSUB subscribers, and MAY both send and"
                    + " receive messages.\"")
    void shouldSendAndReceiveWithAnyNumberOfSubscribers() {
        assertThat(MessageSender.class).isAssignableFrom(XPubSocket.class);
        assertThat(MessageReceiver.class).isAssignableFrom(XPubSocket.class);

        XPubSocket xpub = new XPubSocket(ctx);
        String ep = xpub.bind("tcp://127.0.0.1:*");
        SubSocket sub = new SubSocket(ctx).subscribe("s");
        XSubSocket xsub = new XSubSocket(ctx);
        sub.connect(ep);
        xsub.connect(ep);
        xsub.subscribe("x");

        assertThat(List.of(subscriptionEvent(xpub), subscriptionEvent(xpub)))
                .containsExactlyInAnyOrder("+s", "+x");
        xpub.send("s-news");
        xpub.send("x-news");
        assertThat(texts(sub)).containsExactly("s-news");
        assertThat(texts(xsub)).containsExactly("x-news");
        xsub.send("upstream");
        assertThat(texts(xpub)).containsExactly("upstream");
    }

    @Test
    @DisplayName(
            "\"SHALL maintain a double queue for each connected subscriber, allowing outgoing and"
                    + " incoming messages to be queued independently.\"")
    void shouldQueueIncomingAndOutgoingIndependently() {
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("");
        // An XSUB sends data only to publishers it is connected to (Weft queues per peer once the
        // handshake completed).
        awaitPeers(xsub, 1);
        for (int i = 0; i < 5; i++) {
            xsub.send("up", Integer.toString(i));
        }
        awaitEveryPeer(xpub, 1, p -> p.inboundDepth() == 5);

        // Five messages wait on the incoming side; the outgoing side still flows.
        awaitSubscribed(xpub, xsub, "");
        xpub.send("down");
        assertThat(textsAfterProbes(xsub)).containsExactly("down");
        assertThat(xpub.stats().peers().get(0).inboundDepth()).isEqualTo(5);

        assertThat(subscriptionEvent(xpub)).isEqualTo("+");
        for (int i = 0; i < 5; i++) {
            assertThat(texts(xpub)).containsExactly("up", Integer.toString(i));
        }
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when initiating an outgoing connection to a subscriber,"
                    + " and SHALL maintain the double queue whether or not the connection is"
                    + " established.\"")
    void shouldKeepOneQueueForAConnectedEndpointAcrossConnections() {
        String ep = Traffic.unusedEndpoint();
        XPubSocket xpub = new XPubSocket(ctx, Traffic.queueEarly());
        Traffic.Events events = Traffic.Events.of(xpub);
        xpub.connect(ep);
        // The double queue exists before any connection does.
        awaitPeers(xpub, 1);

        XSubSocket first = new XSubSocket(ctx, Traffic.noLinger());
        first.bind(ep);
        first.subscribe("t");
        assertThat(subscriptionEvent(xpub)).isEqualTo("+t");
        awaitSubscribed(xpub, first, "t");
        first.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        // The same double queue serves the next connection, both ways.
        assertThat(xpub.stats().peers()).hasSize(1);
        XSubSocket second = new XSubSocket(ctx);
        second.bind(ep);
        second.subscribe("t");
        awaitSubscribed(xpub, second, "t");
        second.send("upstream");
        assertThat(texts(xpub)).containsExactly("upstream");
        assertThat(xpub.stats().peers()).hasSize(1);
    }

    @Test
    @DisplayName(
            "\"SHALL create a double queue when a subscriber connects to it. If this subscriber"
                    + " disconnects, the XPUB socket SHALL destroy its double queue and SHALL"
                    + " discard any messages it contains.\"")
    void shouldCreateAQueueForASubscriberAndDiscardItWhenTheSubscriberLeaves() {
        XPubSocket xpub = new XPubSocket(ctx, tiny());
        String ep = xpub.bind("tcp://127.0.0.1:*");
        assertThat(xpub.stats().peers()).isEmpty();
        SubSocket slow = new SubSocket(ctx, tiny()).subscribe("");
        slow.connect(ep);
        awaitPeers(xpub, 1);
        awaitSubscribed(xpub, slow, "");
        Traffic.fillDroppingPath(xpub, Traffic::big);
        Traffic.assertFull(xpub.stats().peers().get(0).outboundDepth());

        slow.close();

        awaitPeers(xpub, 0);
        SubSocket fresh = new SubSocket(ctx).subscribe("");
        fresh.connect(ep);
        awaitSubscribed(xpub, fresh, "");
        xpub.send("after");
        assertThat(texts(fresh)).containsExactly("after");
    }

    @Test
    @DisplayName("\"SHALL not modify outgoing messages in any way.\"")
    void shouldNotModifyOutgoingMessages() {
        XPubSocket xpub = new XPubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("topic");
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(xpub, sub, "topic");

        xpub.send(Traffic.message(Traffic.oddFrames()));

        assertThat(Traffic.bytes(sub)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName(
            "\"SHALL perform a binary comparison of the subscription against the start of the"
                    + " first frame of the message.\"")
    void shouldMatchTheSubscriptionAgainstTheStartOfTheFirstFrame() {
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));

        assertThat(Traffic.publishBinaryCandidates(xpub, xsub))
                .containsExactly("00ff61/0", "00ff616263/1");
    }

    @Test
    @DisplayName("\"SHALL silently drop the message if the queue for a subscriber is full.\"")
    void shouldSilentlyDropForAFullSubscriber() {
        XPubSocket xpub = new XPubSocket(ctx, tiny());
        SubSocket slow = new SubSocket(ctx, tiny()).subscribe("");
        slow.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(xpub, slow, "");

        int published = publishUntilDropping(xpub);

        assertThat(xpub.stats().droppedAtHwm()).isGreaterThanOrEqualTo(10).isLessThan(published);
        assertThat(xpub.send("still-taken")).isTrue();
    }

    @Test
    @DisplayName("\"SHALL NOT block on sending.\"")
    void shouldNotBlockOnSending() {
        XPubSocket xpub = new XPubSocket(ctx, tiny());
        String ep = xpub.bind("tcp://127.0.0.1:*");
        for (int i = 0; i < 100; i++) {
            assertThat(xpub.trySend(Message.of("nobody-listens"))).isTrue();
        }
        SubSocket slow = new SubSocket(ctx, tiny()).subscribe("");
        slow.connect(ep);
        awaitSubscribed(xpub, slow, "");
        publishUntilDropping(xpub);

        assertThat(xpub.canSend()).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(xpub.trySend(Traffic.big(i))).isTrue();
        }
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its subscribers using a fair-queuing"
                    + " strategy.\"")
    void shouldReceiveFairlyFromItsSubscribers() {
        XPubSocket xpub = new XPubSocket(ctx);
        String ep = xpub.bind("tcp://127.0.0.1:*");
        for (int p = 0; p < 3; p++) {
            XSubSocket xsub = new XSubSocket(ctx);
            xsub.connect(ep);
            awaitPeers(xsub, 1);
            for (int i = 0; i < 10; i++) {
                xsub.send("x" + p, Integer.toString(i));
            }
        }
        awaitEveryPeer(xpub, 3, p -> p.inboundDepth() == 10);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            order.add(texts(xpub).get(0));
        }
        for (int round = 0; round < 10; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3))
                    .as("round %d takes one message from each subscriber: %s", round, order)
                    .containsExactlyInAnyOrder("x0", "x1", "x2");
        }
    }

    @Test
    @DisplayName("\"SHALL deliver these messages to its calling application.\"")
    void shouldDeliverMessagesFromSubscribersToTheApplication() {
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitPeers(xsub, 1);

        xsub.send("hello", "upstream");

        assertThat(texts(xpub)).containsExactly("hello", "upstream");
    }

    @Test
    @DisplayName(
            "\"SHALL receive subscribe and unsubscribe requests from subscribers depending on the"
                    + " transport protocol used.\"")
    void shouldApplySubscribeAndUnsubscribeRequests() {
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("a");
        awaitSubscribed(xpub, xsub, "a");

        xpub.send("b1");
        xpub.send("a1");
        assertThat(texts(xsub)).containsExactly("a1");

        xsub.unsubscribe("a");
        xsub.subscribe("b");
        awaitSubscribed(xpub, xsub, "b");
        xpub.send("a2");
        xpub.send("b2");
        assertThat(textsAfterProbes(xsub)).containsExactly("b2");
    }

    @Test
    @DisplayName("\"SHALL deliver these commands to its calling application.\"")
    void shouldDeliverSubscriptionsToTheApplication() {
        XPubSocket xpub = new XPubSocket(ctx);
        SubSocket sub = new SubSocket(ctx);
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitPeers(xpub, 1);

        sub.subscribe("weather");
        assertThat(subscriptionEvent(xpub)).isEqualTo("+weather");
        sub.unsubscribe("weather");
        assertThat(subscriptionEvent(xpub)).isEqualTo("-weather");
        Traffic.assertNothingArrives(xpub, Duration.ofMillis(100));
    }

    @Test
    @DisplayName(
            "\"SHALL, if the subscriber peer disconnects prematurely, generate a suitable"
                    + " unsubscribe request for the calling application.\"")
    void shouldGenerateAnUnsubscriptionWhenASubscriberDisconnects() {
        XPubSocket xpub = new XPubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("weather").subscribe("news");
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        assertThat(List.of(subscriptionEvent(xpub), subscriptionEvent(xpub)))
                .containsExactlyInAnyOrder("+weather", "+news");

        sub.close();

        awaitPeers(xpub, 0);
        assertThat(List.of(subscriptionEvent(xpub), subscriptionEvent(xpub)))
                .containsExactlyInAnyOrder("-weather", "-news");
    }
}
