package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.awaitConnectedPeers;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.fillUntilBlocked;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.GatherSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.ScatterSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 49/SCATTERGATHER, the SCATTER and GATHER socket types: one test per SHALL that the API makes
 * observable and that other tests do not cover (a peer sending multipart messages is in {@code
 * SinglePartTest}, many threads on one socket in {@code DraftConcurrencyTest}).
 */
@Timeout(60)
@DisplayName("RFC 49 SCATTER and GATHER")
class ScatterGatherSpecTest {
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
            "SCATTER: \"MAY be connected to any number of GATHER peers, and SHALL only send"
                    + " messages.\" GATHER: \"... SHALL only receive messages.\"")
    void scatterShouldOnlySendAndGatherOnlyReceive() {
        assertThat(MessageSender.class).isAssignableFrom(ScatterSocket.class);
        assertThat(MessageReceiver.class.isAssignableFrom(ScatterSocket.class)).isFalse();
        assertThat(MessageReceiver.class).isAssignableFrom(GatherSocket.class);
        assertThat(MessageSender.class.isAssignableFrom(GatherSocket.class)).isFalse();
    }

    @Test
    @DisplayName(
            "SCATTER: \"SHALL route outgoing messages to available peers using a round-robin"
                    + " strategy.\"")
    void scatterShouldSendRoundRobin() {
        ScatterSocket scatter = new ScatterSocket(ctx);
        String ep = scatter.bind("tcp://127.0.0.1:*");
        List<GatherSocket> gathers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GatherSocket gather = new GatherSocket(ctx);
            gather.connect(ep);
            gathers.add(gather);
        }
        awaitConnectedPeers(scatter, 3);

        for (int i = 0; i < 30; i++) {
            assertThat(scatter.send(Integer.toString(i))).isTrue();
        }

        for (GatherSocket gather : gathers) {
            List<Integer> seqs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seqs.add(Integer.parseInt(texts(gather).get(0)));
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
            "SCATTER: \"SHALL consider a peer as available only when it has a outgoing queue that"
                    + " is not full.\" and \"SHALL NOT discard messages that it cannot queue.\"")
    void scatterShouldSkipAFullPeerAndDropNothing() {
        ScatterSocket scatter = new ScatterSocket(ctx, tiny());
        String ep = scatter.bind("tcp://127.0.0.1:*");
        GatherSocket slow = new GatherSocket(ctx, tiny());
        slow.connect(ep);
        awaitConnectedPeers(scatter, 1);
        int accepted = fillUntilBlocked(scatter, Traffic::bigOnePart);
        GatherSocket fast = new GatherSocket(ctx, tiny());
        fast.connect(ep);
        awaitConnectedPeers(scatter, 2);

        assertThat(scatter.send("to the fast one")).isTrue();
        assertThat(texts(fast)).containsExactly("to the fast one");
        for (int i = 0; i < accepted; i++) {
            try (Message m = slow.receive(Traffic.WAIT)) {
                assertThat(m).isNotNull();
                assertThat(Traffic.seqOnePart(m)).isEqualTo(i);
            }
        }
        assertThat(scatter.stats().droppedAtHwm()).isZero();
    }

    @Test
    @DisplayName(
            "SCATTER: \"SHALL block on sending, or return a suitable error, when it has no"
                    + " available peers.\"")
    void scatterShouldBlockWithNoPeer() {
        ScatterSocket scatter = new ScatterSocket(ctx);
        scatter.bind("tcp://127.0.0.1:*");
        try (Message m = Message.of("nobody")) {
            assertThat(scatter.canSend()).isFalse();
            assertThat(scatter.trySend(m)).isFalse();
            assertThat(scatter.send(m, BLOCKED)).isFalse();
        }
    }

    @Test
    @DisplayName(
            "GATHER: \"SHALL receive incoming messages from its peers using a fair-queuing"
                    + " strategy.\"")
    void gatherShouldReceiveFairly() {
        GatherSocket gather = new GatherSocket(ctx);
        String ep = gather.bind("tcp://127.0.0.1:*");
        ScatterSocket a = new ScatterSocket(ctx);
        ScatterSocket b = new ScatterSocket(ctx);
        a.connect(ep);
        b.connect(ep);
        for (int i = 0; i < 5; i++) {
            a.send("a");
            b.send("b");
        }
        awaitEveryPeer(gather, 2, p -> p.inboundDepth() == 5);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            order.add(texts(gather).get(0));
        }
        for (int i = 1; i < order.size(); i++) {
            assertThat(order.get(i))
                    .as("turns alternate: %s", order)
                    .isNotEqualTo(order.get(i - 1));
        }
    }

    @Test
    @DisplayName("SCATTER: \"MUST NOT send multi-part messages.\"")
    void scatterShouldNotSendAMultipartMessage() {
        ScatterSocket scatter = new ScatterSocket(ctx);
        GatherSocket gather = new GatherSocket(ctx);
        gather.connect(scatter.bind("tcp://127.0.0.1:*"));
        try (Message m = Message.of("two", "frames")) {
            assertThatThrownBy(() -> scatter.send(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SCATTER send: a message of 2 frames")
                    .hasMessageContaining("expected: 1 frame");
        }
        assertThat(scatter.send("one")).isTrue();
        assertThat(texts(gather)).containsExactly("one");
    }
}
