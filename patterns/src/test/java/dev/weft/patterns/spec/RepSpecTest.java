package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 28/REQREP, the REP socket type: one test per SHALL that the API makes observable. DEALER
 * peers stand in for REQ where a test needs to write the envelope itself.
 */
@Timeout(60)
@DisplayName("RFC 28 REP")
class RepSpecTest {
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
    @DisplayName("\"SHALL receive and then send exactly one message at a time.\"")
    void shouldAlternateOneReceiveAndOneSend() {
        RepSocket rep = new RepSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(rep.bind("tcp://127.0.0.1:*"));

        try (Message early = Message.of("too-early")) {
            assertThatThrownBy(() -> rep.send(early))
                    .isInstanceOf(IllegalSocketStateException.class)
                    .hasMessageContaining("receive a request first");
        }
        dealer.send("", "one");
        dealer.send("", "two");
        assertThat(texts(rep)).containsExactly("one");
        assertThatThrownBy(rep::tryReceive)
                .isInstanceOf(IllegalSocketStateException.class)
                .hasMessageContaining("send the reply first");
        rep.send("reply-one");
        assertThat(texts(rep)).containsExactly("two");
        rep.send("reply-two");

        assertThat(texts(dealer)).containsExactly("", "reply-one");
        assertThat(texts(dealer)).containsExactly("", "reply-two");
    }

    @Test
    @DisplayName("\"SHALL not filter or modify outgoing or incoming messages in any way.\"")
    void shouldNotFilterOrModifyMessages() {
        RepSocket rep = new RepSocket(ctx);
        ReqSocket req = new ReqSocket(ctx);
        req.connect(rep.bind("tcp://127.0.0.1:*"));

        req.send(Traffic.message(Traffic.oddFrames()));
        assertThat(Traffic.bytes(rep)).containsExactlyElementsOf(Traffic.oddFrames());
        rep.send(Traffic.message(Traffic.oddFrames()));
        assertThat(Traffic.bytes(req)).containsExactlyElementsOf(Traffic.oddFrames());
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its peers using a fair-queuing strategy.\"")
    void shouldReceiveRequestsFairly() {
        RepSocket rep = new RepSocket(ctx);
        String ep = rep.bind("tcp://127.0.0.1:*");
        for (int p = 0; p < 3; p++) {
            DealerSocket dealer = new DealerSocket(ctx);
            dealer.connect(ep);
            for (int i = 0; i < 5; i++) {
                dealer.send("", "d" + p, Integer.toString(i));
            }
        }
        awaitEveryPeer(rep, 3, p -> p.inboundDepth() == 5);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            order.add(texts(rep).get(0));
            rep.send("ok");
        }
        for (int round = 0; round < 5; round++) {
            assertThat(order.subList(round * 3, round * 3 + 3))
                    .as("round %d serves each peer once: %s", round, order)
                    .containsExactlyInAnyOrder("d0", "d1", "d2");
        }
    }

    @Test
    @DisplayName("\"SHALL remove and store the address envelope, including the delimiter.\"")
    void shouldRemoveAndStoreTheEnvelope() {
        RepSocket rep = new RepSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(rep.bind("tcp://127.0.0.1:*"));

        dealer.send("hop-2", "hop-1", "", "body");

        assertThat(texts(rep)).containsExactly("body");
        rep.send("answer");
        assertThat(texts(dealer)).containsExactly("hop-2", "hop-1", "", "answer");
    }

    @Test
    @DisplayName("\"SHALL pass the remaining data frames to its calling application.\"")
    void shouldPassTheDataFramesToTheApplication() {
        RepSocket rep = new RepSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(rep.bind("tcp://127.0.0.1:*"));

        dealer.send("", "a", "", "c");

        assertThat(texts(rep)).containsExactly("a", "", "c");
    }

    @Test
    @DisplayName("\"SHALL wait for a single reply message from its calling application.\"")
    void shouldTakeExactlyOneReply() {
        RepSocket rep = new RepSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(rep.bind("tcp://127.0.0.1:*"));
        dealer.send("", "question");
        assertThat(texts(rep)).containsExactly("question");

        assertThat(rep.canSend()).isTrue();
        assertThat(rep.send("the-reply")).isTrue();
        assertThat(rep.canSend()).isFalse();
        try (Message extra = Message.of("a-second-reply")) {
            assertThatThrownBy(() -> rep.send(extra))
                    .isInstanceOf(IllegalSocketStateException.class);
        }
        assertThat(texts(dealer)).containsExactly("", "the-reply");
        Traffic.assertNothingArrives(dealer, Traffic.BLOCKED);
    }

    @Test
    @DisplayName("\"SHALL prepend the address envelope and delimiter.\"")
    void shouldPrependTheEnvelopeOfEachRequestToItsReply() {
        RepSocket rep = new RepSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(rep.bind("tcp://127.0.0.1:*"));
        dealer.send("client-a", "", "qa");
        dealer.send("client-b", "proxy", "", "qb");
        dealer.send("", "qc");

        for (int i = 0; i < 3; i++) {
            String question = texts(rep).get(0);
            rep.send("re-" + question);
        }

        assertThat(texts(dealer)).containsExactly("client-a", "", "re-qa");
        assertThat(texts(dealer)).containsExactly("client-b", "proxy", "", "re-qb");
        assertThat(texts(dealer)).containsExactly("", "re-qc");
    }

    @Test
    @DisplayName("\"SHALL deliver this message back to the originating peer.\"")
    void shouldDeliverTheReplyToTheOriginatingPeer() {
        RepSocket rep = new RepSocket(ctx);
        String ep = rep.bind("tcp://127.0.0.1:*");
        List<ReqSocket> reqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ReqSocket req = new ReqSocket(ctx);
            req.connect(ep);
            req.send("from-" + i);
            reqs.add(req);
        }

        for (int i = 0; i < 3; i++) {
            rep.send("to-" + texts(rep).get(0));
        }

        for (int i = 0; i < 3; i++) {
            assertThat(texts(reqs.get(i))).containsExactly("to-from-" + i);
        }
    }

    @Test
    @DisplayName(
            "\"SHALL silently discard the reply, or return an error, if the originating peer is no"
                    + " longer connected.\"")
    void shouldSilentlyDiscardAReplyToAPeerThatLeft() {
        RepSocket rep = new RepSocket(ctx);
        String ep = rep.bind("tcp://127.0.0.1:*");
        DealerSocket gone = new DealerSocket(ctx);
        gone.connect(ep);
        gone.send("", "question");
        assertThat(texts(rep)).containsExactly("question");

        gone.close();
        awaitPeers(rep, 0);

        assertThat(rep.send("nobody-to-read-this")).isTrue();
        ReqSocket next = new ReqSocket(ctx);
        next.connect(ep);
        next.send("next-question");
        assertThat(texts(rep)).containsExactly("next-question");
        rep.send("next-answer");
        assertThat(texts(next)).containsExactly("next-answer");
    }

    @Test
    @DisplayName("\"SHALL not block on sending.\"")
    void shouldNotBlockOnSending() {
        RepSocket rep = new RepSocket(ctx, tiny());
        DealerSocket deaf = new DealerSocket(ctx, tiny());
        deaf.connect(rep.bind("tcp://127.0.0.1:*"));

        // The peer never reads its replies; far more reply data than any buffer holds.
        for (int i = 0; i < 500; i++) {
            assertThat(deaf.send("", Integer.toString(i))).isTrue();
            assertThat(Traffic.texts(rep)).containsExactly(Integer.toString(i));
            assertThat(rep.trySend(Traffic.big(i))).as("reply %d", i).isTrue();
        }
        // The reply queue is full: the later replies were dropped, not waited for.
        assertThat(rep.stats().peers())
                .singleElement()
                .satisfies(p -> Traffic.assertFull(p.outboundDepth()));
    }
}
