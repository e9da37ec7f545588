package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.assertNothingArrives;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.awaitSubscribed;
import static dev.weft.patterns.spec.Traffic.subscriptionEvent;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.textsAfterProbes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.BlockedCall;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The libzmq-compatible role options: conflate on SUB and PULL, inverted matching, and the XPUB
 * options (verbose, manual, welcome message) with the unsubscriptions an XPUB passes up when
 * subscribers leave.
 */
@Timeout(60)
class PubSubOptionsTest {
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
    void shouldKeepOnlyTheNewestMessageWhenSubConflates() {
        PubSocket pub = new PubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("m").conflate(true);
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "m");

        for (int i = 0; i < 100; i++) {
            pub.send("m", Integer.toString(i));
        }
        awaitEveryPeer(sub, 1, p -> p.inboundDepth() == 100);

        assertThat(texts(sub)).containsExactly("m", "99");
        assertThat(sub.tryReceive()).isNull();
    }

    @Test
    void shouldKeepOnlyTheNewestMessageWhenPullConflates() {
        PullSocket pull = new PullSocket(ctx).conflate(true);
        PushSocket push = new PushSocket(ctx);
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        for (int i = 0; i < 100; i++) {
            push.send("task", Integer.toString(i));
        }
        awaitEveryPeer(pull, 1, p -> p.inboundDepth() == 100);

        assertThat(texts(pull)).containsExactly("task", "99");
        assertThat(pull.tryReceive()).isNull();
        push.send("task", "100");
        assertThat(texts(pull)).containsExactly("task", "100");
    }

    @Test
    void shouldDeliverOnlyNonMatchingMessagesWhenPubAndSubInvert() {
        PubSocket pub = new PubSocket(ctx).invertMatching(true);
        SubSocket sub = new SubSocket(ctx).invertMatching(true).subscribe("a");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "b");

        pub.send("a1");
        pub.send("b1");
        pub.send("ab");
        pub.send("c1");

        assertThat(textsAfterProbes(sub)).containsExactly("b1");
        assertThat(textsAfterProbes(sub)).containsExactly("c1");
        assertNothingArrives(sub, BLOCKED);
    }

    @Test
    void shouldSendOnlyToNonMatchingSubscribersWhenPubInverts() {
        PubSocket pub = new PubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        xsub.connect(pub.bind("tcp://127.0.0.1:*"));
        xsub.subscribe("a");
        awaitSubscribed(pub, xsub, "a");

        // The XSUB does not filter: what arrives is what the PUB chose to send.
        pub.invertMatching(true);
        pub.send("a1");
        pub.send("b1");
        pub.send("c1");

        assertThat(texts(xsub)).containsExactly("b1");
        assertThat(texts(xsub)).containsExactly("c1");
    }

    @Test
    void shouldPassOnlyTheFirstOfDuplicateSubscriptionsUnlessVerbose() {
        XPubSocket quiet = new XPubSocket(ctx);
        XPubSocket verbose = new XPubSocket(ctx).verbose(true);
        for (XPubSocket xpub : new XPubSocket[] {quiet, verbose}) {
            String ep = xpub.bind("tcp://127.0.0.1:*");
            for (int i = 0; i < 2; i++) {
                SubSocket sub = new SubSocket(ctx).subscribe("t");
                sub.connect(ep);
                // Once a probe reaches it, this SUB's subscription has been processed.
                awaitSubscribed(xpub, sub, "t");
            }
        }

        assertThat(subscriptionEvent(quiet)).isEqualTo("+t");
        assertNothingArrives(quiet, BLOCKED);
        assertThat(subscriptionEvent(verbose)).isEqualTo("+t");
        assertThat(subscriptionEvent(verbose)).isEqualTo("+t");
        assertNothingArrives(verbose, BLOCKED);
    }

    @Test
    void shouldApplyNoSubscriptionUntilTheApplicationDoesInManualMode() {
        XPubSocket xpub = new XPubSocket(ctx).manual(true);
        assertThat(xpub.subscribe("t")).as("no subscription arrived yet").isFalse();
        SubSocket sub = new SubSocket(ctx).subscribe("t");
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));

        assertThat(subscriptionEvent(xpub)).isEqualTo("+t");
        for (int i = 0; i < 10; i++) {
            xpub.send("t-before", Integer.toString(i));
        }
        assertNothingArrives(sub, BLOCKED);

        assertThat(xpub.subscribe("t")).isTrue();
        xpub.send("t-after");
        assertThat(texts(sub)).containsExactly("t-after");
    }

    @Test
    void shouldSendTheWelcomeMessageToANewSubscriber() {
        XPubSocket xpub = new XPubSocket(ctx).welcomeMessage("welcome", "to the feed");
        String ep = xpub.bind("tcp://127.0.0.1:*");

        for (int i = 0; i < 2; i++) {
            SubSocket sub = new SubSocket(ctx).subscribe("welcome");
            sub.connect(ep);
            assertThat(texts(sub)).containsExactly("welcome", "to the feed");
        }
    }

    @Test
    void shouldPassAnUnsubscriptionUpWhenTheLastSubscriberOfATopicLeaves() {
        XPubSocket xpub = new XPubSocket(ctx);
        String ep = xpub.bind("tcp://127.0.0.1:*");
        SubSocket first = new SubSocket(ctx).subscribe("t");
        SubSocket second = new SubSocket(ctx).subscribe("t");
        first.connect(ep);
        second.connect(ep);
        awaitSubscribed(xpub, first, "t");
        awaitSubscribed(xpub, second, "t");
        assertThat(subscriptionEvent(xpub)).isEqualTo("+t");

        first.close();
        awaitPeers(xpub, 1);
        assertNothingArrives(xpub, BLOCKED);

        second.close();
        awaitPeers(xpub, 0);
        assertThat(subscriptionEvent(xpub)).isEqualTo("-t");
    }

    @Test
    void shouldWakeAWaitingXPubReceiveWhenADepartingSubscriberUnsubscribes() {
        XPubSocket xpub = new XPubSocket(ctx);
        SubSocket sub = new SubSocket(ctx).subscribe("t");
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        assertThat(subscriptionEvent(xpub)).isEqualTo("+t");
        BlockedCall<Message> receiving =
                BlockedCall.start(() -> xpub.receive(Duration.ofSeconds(30)));

        sub.close();

        assertThat(receiving.result())
                .succeedsWithin(WAIT)
                .satisfies(
                        m -> {
                            try (m) {
                                assertThat(m.strings()).containsExactly("\u0000t");
                            }
                        });
    }
}
