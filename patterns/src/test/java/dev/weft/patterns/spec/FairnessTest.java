package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load balancing out of a PUSH and fair queuing into a PULL, measured over many messages: every
 * peer gets its share, and no peer is served twice before the others had a turn.
 */
@Timeout(60)
class FairnessTest {
    private static final int PEERS = 4;

    private Context ctx;
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
        executor = Executors.newFixedThreadPool(PEERS);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        executor.shutdownNow();
    }

    @Test
    void shouldGiveEveryPullPeerItsShareOfThePushersMessages() {
        int messages = 4_000;
        PushSocket push = new PushSocket(ctx);
        String ep = push.bind("tcp://127.0.0.1:*");
        List<PullSocket> pulls = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            PullSocket pull = new PullSocket(ctx);
            pull.connect(ep);
            pulls.add(pull);
        }
        awaitPeers(push, PEERS);

        // Each peer reads concurrently until all messages are accounted for.
        AtomicInteger total = new AtomicInteger();
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (PullSocket pull : pulls) {
            counts.add(
                    CompletableFuture.supplyAsync(
                            () -> readShare(pull, total, messages), executor));
        }
        for (int i = 0; i < messages; i++) {
            assertThat(push.send(Message.of(Integer.toString(i)), WAIT)).isTrue();
        }

        List<Integer> shares = new ArrayList<>();
        for (CompletableFuture<Integer> count : counts) {
            shares.add(count.join());
        }
        assertThat(shares.stream().mapToInt(Integer::intValue).sum()).isEqualTo(messages);
        int fair = messages / PEERS;
        assertThat(shares)
                .as("each peer's share of %d messages", messages)
                .allSatisfy(share -> assertThat(share).isBetween(fair * 9 / 10, fair * 11 / 10));
    }

    @Test
    void shouldReadFromEveryPushPeerInTurn() {
        int queuedPerPeer = 50;
        PullSocket pull = new PullSocket(ctx);
        String ep = pull.bind("tcp://127.0.0.1:*");
        for (int p = 0; p < PEERS; p++) {
            PushSocket push = new PushSocket(ctx);
            push.connect(ep);
            for (int i = 0; i < queuedPerPeer; i++) {
                assertThat(push.send("peer-" + p, Integer.toString(i))).isTrue();
            }
        }
        awaitEveryPeer(pull, PEERS, peer -> peer.inboundDepth() == queuedPerPeer);

        Map<String, Integer> taken = new HashMap<>();
        for (int k = 1; k <= queuedPerPeer; k++) {
            for (int i = 0; i < PEERS; i++) {
                List<String> m = texts(pull);
                int count = taken.merge(m.get(0), 1, Integer::sum);
                // Each peer's own messages keep their order.
                assertThat(m.get(1)).isEqualTo(Integer.toString(count - 1));
            }
            int round = k;
            assertThat(taken)
                    .as("after %d messages, %d from each peer", PEERS * k, k)
                    .hasSize(PEERS)
                    .allSatisfy((peer, n) -> assertThat(n).isEqualTo(round));
        }
    }

    /** Reads until every message sent has been read by some peer; returns this peer's count. */
    private static int readShare(PullSocket pull, AtomicInteger total, int messages) {
        int mine = 0;
        long deadline = System.nanoTime() + WAIT.toNanos() * 3;
        while (total.get() < messages && System.nanoTime() < deadline) {
            try (Message m = pull.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    mine++;
                    total.incrementAndGet();
                }
            }
        }
        return mine;
    }
}
