package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.RouterSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A REQ whose reply never comes: stuck with a clear message in strict mode, recovering in relaxed
 * mode, and never mistaking a late reply to an abandoned request for the current one when
 * correlating.
 */
@Timeout(60)
class ReqRecoveryTest {
    private static final Duration PATIENCE = Duration.ofMillis(200);

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
    void shouldRefuseASecondRequestWithoutRelaxedAndSayHowToRecover() {
        RepSocket silent = new RepSocket(ctx);
        ReqSocket req = new ReqSocket(ctx);
        req.connect(silent.bind("tcp://127.0.0.1:*"));

        try (Message first = req.request(Message.of("first"), PATIENCE)) {
            assertThat(first).as("no reply comes").isNull();
        }

        Message second = Message.of("second");
        try {
            assertThatThrownBy(() -> req.send(second))
                    .isInstanceOf(IllegalSocketStateException.class)
                    .hasMessageContaining("receive it first")
                    .hasMessageContaining("relaxed");
            assertThatThrownBy(() -> req.request(second, PATIENCE))
                    .isInstanceOf(IllegalSocketStateException.class);
            // The refused message still belongs to the caller.
            assertThat(second.strings()).containsExactly("second");
        } finally {
            second.close();
        }
    }

    @Test
    void shouldServeTheNextRequestFromAHealthyPeerAfterGivingUpWhenRelaxed() {
        RepSocket silent = new RepSocket(ctx);
        String silentEp = silent.bind("tcp://127.0.0.1:*");
        RepSocket healthy = new RepSocket(ctx);
        String healthyEp = healthy.bind("tcp://127.0.0.1:*");
        ReqSocket req = new ReqSocket(ctx).relaxed(true).correlate(true);
        req.connect(silentEp);
        awaitPeers(req, 1);

        try (Message lost = req.request(Message.of("lost"), PATIENCE)) {
            assertThat(lost).isNull();
        }
        assertThat(texts(silent)).containsExactly("lost");

        req.disconnect(silentEp);
        req.connect(healthyEp);
        awaitPeers(req, 1);
        CompletableFuture<String> served =
                CompletableFuture.supplyAsync(
                        () -> {
                            String question = texts(healthy).get(0);
                            healthy.send("answer to " + question);
                            return question;
                        },
                        executor);
        try (Message reply = req.request(Message.of("retry"), WAIT)) {
            assertThat(reply).isNotNull();
            assertThat(reply.strings()).containsExactly("answer to retry");
        }
        assertThat(served).succeedsWithin(WAIT).isEqualTo("retry");
    }

    @Test
    void shouldDiscardALateReplyToAnAbandonedRequest() {
        RouterSocket router = new RouterSocket(ctx);
        ReqSocket req = new ReqSocket(ctx, Traffic.withId("req")).relaxed(true).correlate(true);
        req.connect(router.bind("tcp://127.0.0.1:*"));

        // The ROUTER swallows the first request; the REQ gives up on it.
        try (Message lost = req.request(Message.of("first"), PATIENCE)) {
            assertThat(lost).isNull();
        }
        byte[] oldId;
        try (Message first = router.receive(WAIT)) {
            assertThat(first.size()).isEqualTo(4);
            assertThat(first.frame(0).toByteArray()).isEqualTo(Traffic.bytes("req"));
            assertThat(first.frame(1).size()).as("a 32-bit request id").isEqualTo(4);
            assertThat(first.frame(2).isEmpty()).isTrue();
            oldId = first.frame(1).toByteArray();
        }

        req.send("second");
        byte[] newId;
        try (Message second = router.receive(WAIT)) {
            newId = second.frame(1).toByteArray();
            assertThat(second.frame(3).toString(StandardCharsets.UTF_8)).isEqualTo("second");
        }
        assertThat(newId).isNotEqualTo(oldId);

        // The late reply to the first request arrives first, on the same connection.
        router.send(reply(oldId, "late reply to first"));
        router.send(reply(newId, "reply to second"));

        assertThat(texts(req)).containsExactly("reply to second");
        assertThatThrownBy(req::tryReceive)
                .as("nothing else is awaited")
                .isInstanceOf(IllegalSocketStateException.class);
    }

    private static Message reply(byte[] requestId, String body) {
        return Message.of(Traffic.bytes("req"), requestId, new byte[0], Traffic.bytes(body));
    }
}
