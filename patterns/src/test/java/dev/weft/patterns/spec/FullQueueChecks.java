package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.big;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.WeftSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The checks RFC 28, 30 and 31 ask of every sender that queues to peers (DEALER, PUSH, PAIR) once
 * the path to its one slow peer is full ({@link Traffic#fillUntilBlocked}).
 */
final class FullQueueChecks {
    private FullQueueChecks() {}

    /**
     * "SHALL not accept further messages": a send is refused, the caller keeps the message
     * untouched, and only what was taken is counted.
     */
    static <S extends WeftSocket & MessageSender> void assertRefusesWhileFull(
            S sender, int accepted) {
        Message refused = Message.of("refused");
        try {
            assertThat(sender.trySend(refused)).isFalse();
            assertThat(sender.send(refused, BLOCKED)).isFalse();
            // The caller still owns the message, untouched.
            assertThat(refused.strings()).containsExactly("refused");
            assertThat(refused.frame(0).content().refCnt()).isEqualTo(1);
        } finally {
            refused.close();
        }
        assertThat(sender.stats().messagesSent()).isEqualTo(accepted);
    }

    /**
     * "SHALL NOT discard messages that it cannot queue": the refused message goes through on a
     * later send once the slow peer reads, after all the others and in order.
     */
    static void assertSendsRefusedMessageOnceDrained(
            MessageSender sender, MessageReceiver slow, int accepted, Executor executor) {
        Message retry = big(accepted);
        assertThat(sender.trySend(retry)).isFalse();

        CompletableFuture<List<Integer>> consumed =
                CompletableFuture.supplyAsync(() -> Traffic.seqs(slow, accepted + 1), executor);
        assertThat(sender.send(retry, WAIT)).isTrue();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i <= accepted; i++) {
            expected.add(i);
        }
        assertThat(consumed).succeedsWithin(WAIT).isEqualTo(expected);
    }
}
