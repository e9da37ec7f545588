package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.awaitSubscribed;
import static dev.weft.patterns.spec.Traffic.big;
import static dev.weft.patterns.spec.Traffic.bytes;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.BlockedCall;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.RouterSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What each socket type does when a peer stops reading (libzmq's "action in mute state"): PUB,
 * XPUB, XSUB, REP and ROUTER drop and count, PUSH and PAIR wait and lose nothing, XPUB in no-drop
 * mode and ROUTER in mandatory mode wait, and a waiting send resumes as soon as there is room.
 */
@Timeout(120)
class HwmBehaviourTest {
    /** Messages per pipeline run; 1 KiB each, far more than loopback TCP buffers hold. */
    private static final int PIPELINE_MESSAGES = 20_000;

    private static final int PIPELINE_MESSAGE_SIZE = 1024;

    /** Large messages a publisher sends at a subscriber that never reads. */
    private static final int FLOOD = 1_000;

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
    void shouldDropMessagesForSlowSubscriberAndCountThem() {
        PubSocket pub = new PubSocket(ctx, tiny());
        SubSocket sub = new SubSocket(ctx, tiny()).subscribe("");
        sub.connect(pub.bind("tcp://127.0.0.1:*"));
        awaitSubscribed(pub, sub, "");
        long sentBefore = pub.stats().messagesSent();

        // The subscriber reads nothing; the publisher is never held up.
        long start = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            assertThat(pub.trySend(big(i))).as("publish %d", i).isTrue();
        }
        Duration publishing = Duration.ofNanos(System.nanoTime() - start);

        int received = drainUntilMarker(pub, sub);
        long dropped = pub.stats().droppedAtHwm();
        assertThat(publishing).isLessThan(WAIT);
        assertThat(dropped).isPositive();
        assertThat(received + dropped)
                .as("every message either arrived or was counted")
                .isEqualTo(FLOOD);
        assertThat(pub.stats().messagesSent() - sentBefore).isEqualTo(FLOOD + 1);
    }

    @Test
    void shouldBlockPushOnSlowPullAndDeliverEveryMessageInOrderOnceItResumes() {
        SocketOptions hwm100 =
                SocketOptions.builder().sendHwm(100).receiveHwm(100).linger(Duration.ZERO).build();
        PushSocket push = new PushSocket(ctx, hwm100);
        PullSocket pull = new PullSocket(ctx, hwm100);
        pull.connect(push.bind("tcp://127.0.0.1:*"));
        awaitPeers(push, 1);

        // The consumer does not read yet: the push blocks once queues and buffers are full.
        int next = 0;
        while (next < PIPELINE_MESSAGES) {
            Message m = pipelineMessage(next);
            if (!push.send(m, BLOCKED)) {
                m.close();
                break;
            }
            next++;
        }
        assertThat(next).as("the push blocked before all were sent").isLessThan(PIPELINE_MESSAGES);
        try (Message m = pipelineMessage(next)) {
            assertThat(push.trySend(m)).isFalse();
            assertThat(push.canSend()).isFalse();
        }
        // Still above the low-water mark (50), below which the push would be woken.
        assertThat(push.stats().peers().get(0).outboundDepth()).isBetween(51, 100);

        // The consumer resumes; the producer carries on where it was refused.
        CompletableFuture<Integer> consumer =
                CompletableFuture.supplyAsync(() -> consumeInOrder(pull), executor);
        for (; next < PIPELINE_MESSAGES; next++) {
            assertThat(push.send(pipelineMessage(next), WAIT)).as("message %d", next).isTrue();
        }

        assertThat(consumer).succeedsWithin(Duration.ofSeconds(60)).isEqualTo(PIPELINE_MESSAGES);
        assertThat(push.stats().messagesSent()).isEqualTo(PIPELINE_MESSAGES);
        assertThat(push.stats().droppedAtHwm()).isZero();
        assertThat(pull.stats().messagesReceived()).isEqualTo(PIPELINE_MESSAGES);
    }

    @Test
    void shouldMakeXPubWaitInsteadOfDroppingInNoDropMode() {
        XPubSocket xpub = new XPubSocket(ctx, tiny()).noDrop(true);
        SubSocket sub = new SubSocket(ctx, tiny()).subscribe("");
        sub.connect(xpub.bind("tcp://127.0.0.1:*"));
        assertThat(Traffic.subscriptionEvent(xpub)).isEqualTo("+");
        awaitSubscribed(xpub, sub, "");

        int accepted = Traffic.fillUntilBlocked(xpub, Traffic::big);
        assertThat(xpub.stats().droppedAtHwm()).isZero();

        // A send without a time limit waits for room, and gets it once the subscriber reads.
        Message last = big(accepted);
        BlockedCall<Boolean> waiting = BlockedCall.start(() -> xpub.send(last));
        CompletableFuture<List<Integer>> consumed =
                CompletableFuture.supplyAsync(() -> Traffic.seqs(sub, accepted + 1), executor);

        assertThat(waiting.result()).succeedsWithin(WAIT).isEqualTo(true);
        assertThat(consumed).succeedsWithin(WAIT).isEqualTo(sequence(accepted + 1));
        assertThat(xpub.stats().droppedAtHwm()).isZero();
    }

    @Test
    void shouldWakeAMandatoryRouterSendWhenThePeerCatchesUp() {
        RouterSocket router = new RouterSocket(ctx, tiny()).mandatory(true);
        DealerSocket slow = new DealerSocket(ctx, tiny().toBuilder().routingId("slow").build());
        slow.connect(router.bind("tcp://127.0.0.1:*"));
        awaitPeers(router, 1);
        // Fill until the ROUTER refuses: in mandatory mode it waits rather than drop.
        int accepted = Traffic.fillUntilBlocked(router, i -> routed("slow", big(i)));

        // A send without a time limit waits for room, and gets it once the peer reads.
        Message last = routed("slow", big(accepted));
        BlockedCall<Boolean> waiting = BlockedCall.start(() -> router.send(last));
        CompletableFuture<List<Integer>> consumed =
                CompletableFuture.supplyAsync(() -> Traffic.seqs(slow, accepted + 1), executor);

        assertThat(waiting.result()).succeedsWithin(WAIT).isEqualTo(true);
        assertThat(consumed).succeedsWithin(WAIT).isEqualTo(sequence(accepted + 1));
        assertThat(router.stats().droppedAtHwm()).isZero();
    }

    @Test
    void shouldCountUpstreamMessagesThatXSubDropsAtHwm() {
        XPubSocket xpub = new XPubSocket(ctx, tiny());
        XSubSocket xsub = new XSubSocket(ctx, tiny());
        xsub.connect(xpub.bind("tcp://127.0.0.1:*"));
        awaitPeers(xsub, 1);

        for (int i = 0; i < FLOOD; i++) {
            assertThat(xsub.trySend(big(i))).as("upstream message %d", i).isTrue();
        }
        int received = drainUntilMarker(xsub, xpub);

        // SocketStats: "every drop is counted".
        assertThat(received).isLessThan(FLOOD);
        assertThat(xsub.stats().droppedAtHwm())
                .as("upstream messages dropped at the high-water mark")
                .isEqualTo(FLOOD - received);
    }

    @Test
    void shouldCountRepliesThatRepDropsAtHwm() {
        RepSocket rep = new RepSocket(ctx, tiny());
        DealerSocket deaf = new DealerSocket(ctx, tiny());
        deaf.connect(rep.bind("tcp://127.0.0.1:*"));

        for (int i = 0; i < FLOOD / 2; i++) {
            deaf.send("", Integer.toString(i));
            try (Message request = rep.receive(WAIT)) {
                assertThat(request).isNotNull();
            }
            assertThat(rep.trySend(big(i))).isTrue();
        }
        int received = 0;
        for (int i = 0; i < FLOOD / 2; i++) {
            try (Message m = deaf.receive(BLOCKED)) {
                if (m == null) {
                    break;
                }
                received++;
            }
        }
        // One more round trip as a marker: every reply before it has arrived or was dropped.
        deaf.send("", "marker");
        assertThat(Traffic.texts(rep)).containsExactly("marker");
        rep.send("marker");
        for (int i = 0; i <= FLOOD / 2; i++) {
            try (Message m = deaf.receive(WAIT)) {
                assertThat(m).as("the marker reply").isNotNull();
                if (m.frame(m.size() - 1).contentEquals(bytes("marker"))) {
                    break;
                }
                received++;
            }
        }

        // SocketStats: "every drop is counted".
        assertThat(received).isLessThan(FLOOD / 2);
        assertThat(rep.stats().droppedAtHwm())
                .as("replies dropped at the high-water mark")
                .isEqualTo(FLOOD / 2 - received);
    }

    /**
     * Reads what reached the receiver, then sends a marker and reads up to it, so that every
     * message still in flight is counted.
     *
     * @return how many messages other than the marker arrived
     */
    private static int drainUntilMarker(MessageSender sender, MessageReceiver receiver) {
        int received = 0;
        for (int i = 0; i < FLOOD; i++) {
            try (Message m = receiver.receive(BLOCKED)) {
                if (m == null) {
                    break;
                }
                received++;
            }
        }
        sender.send("marker");
        for (int i = 0; i <= FLOOD; i++) {
            try (Message m = receiver.receive(WAIT)) {
                assertThat(m).as("the marker sent after draining").isNotNull();
                if (m.frame(0).contentEquals(bytes("marker"))) {
                    return received;
                }
                received++;
            }
        }
        throw new AssertionError("the marker never arrived");
    }

    private static Message pipelineMessage(int seq) {
        byte[] body = new byte[PIPELINE_MESSAGE_SIZE];
        ByteBuffer.wrap(body).putInt(seq).putInt(~seq);
        return Message.of(body);
    }

    /** Receives every pipeline message, checking each is the next in order and intact. */
    private static int consumeInOrder(PullSocket pull) {
        for (int expected = 0; expected < PIPELINE_MESSAGES; expected++) {
            try (Message m = pull.receive(WAIT)) {
                assertThat(m).as("message %d", expected).isNotNull();
                assertThat(m.size()).isEqualTo(1);
                assertThat(m.frame(0).size()).isEqualTo(PIPELINE_MESSAGE_SIZE);
                ByteBuffer body = ByteBuffer.wrap(m.frame(0).toByteArray());
                assertThat(body.getInt()).isEqualTo(expected);
                assertThat(body.getInt()).isEqualTo(~expected);
            }
        }
        return PIPELINE_MESSAGES;
    }

    private static Message routed(String id, Message m) {
        return m.addFirst(Unpooled.wrappedBuffer(bytes(id)));
    }

    private static List<Integer> sequence(int count) {
        List<Integer> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seqs.add(i);
        }
        return seqs;
    }
}
