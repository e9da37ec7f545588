package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The draft types are made for many threads on one socket (RFC 41/49: "MUST be thread-safe and
 * allow receiving and sending from multiple threads"): eight threads send on one socket while eight
 * receive on its peer, and every message arrives exactly once and whole. Each body is a function of
 * its header, so a message mixed from two sends would not match.
 */
@Timeout(180)
class DraftConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 2_000;
    private static final int TOTAL = THREADS * PER_THREAD;
    private static final Duration RECEIVE_POLL = Duration.ofMillis(100);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private Context ctx;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        ctx.close();
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp://127.0.0.1:*", "inproc://draft-concurrency"})
    void eightThreadsOnOneClientAndEightOnOneServerShouldDeliverEachMessageOnceAndWhole(
            String bindEndpoint) throws Exception {
        ServerSocket server = new ServerSocket(ctx);
        ClientSocket client = new ClientSocket(ctx);
        client.connect(server.bind(bindEndpoint));
        Tally atServer = new Tally();
        Tally echoed = new Tally();
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> sendAll(client, thread)));
            // Each server thread answers what it receives through the routing id it came with.
            tasks.add(pool.submit(() -> receiveAll(server, atServer, server::send)));
            tasks.add(pool.submit(() -> receiveAll(client, echoed, Message::close)));
        }

        await().atMost(DEADLINE).until(() -> echoed.count() == TOTAL);
        for (Future<?> task : tasks) {
            task.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        atServer.assertEachOnceAndWhole();
        echoed.assertEachOnceAndWhole();
        assertThat(atServer.routingIds).as("one client, one routing id").hasSize(1);
        assertThat(atServer.routingIds).doesNotContain(0);
        assertThat(server.stats().droppedUnroutable()).isZero();
    }

    @Test
    void eightThreadsOnOneScatterAndEightOnOneGatherShouldDeliverEachMessageOnceAndWhole()
            throws Exception {
        GatherSocket gather = new GatherSocket(ctx);
        ScatterSocket scatter = new ScatterSocket(ctx);
        scatter.connect(gather.bind("tcp://127.0.0.1:*"));
        Tally gathered = new Tally();
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> sendAll(scatter, thread)));
            tasks.add(pool.submit(() -> receiveAll(gather, gathered, Message::close)));
        }

        await().atMost(DEADLINE).until(() -> gathered.count() == TOTAL);
        for (Future<?> task : tasks) {
            task.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        gathered.assertEachOnceAndWhole();
    }

    private static void sendAll(MessageSender socket, int thread) {
        for (int seq = 0; seq < PER_THREAD; seq++) {
            Message m = Message.of(body(thread, seq));
            if (!socket.send(m, DEADLINE)) {
                m.close();
                throw new AssertionError("thread " + thread + " could not send " + seq);
            }
        }
    }

    /** Receives until the tally is complete or the deadline passes; hands each message on. */
    private static void receiveAll(
            MessageReceiver socket, Tally tally, java.util.function.Consumer<Message> then) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (tally.count() < TOTAL && System.nanoTime() < deadline) {
            Message m = socket.receive(RECEIVE_POLL);
            if (m != null) {
                tally.record(m);
                then.accept(m);
            }
        }
    }

    /** A body that is a function of its header: "thread:seq:" and then a run of one letter. */
    private static byte[] body(int thread, int seq) {
        String header = thread + ":" + seq + ":";
        char letter = (char) ('a' + (thread * 7 + seq) % 26);
        return (header + String.valueOf(letter).repeat(16 + seq % 200))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What arrived on one side: each message's header once, and whether it was whole. */
    private static final class Tally {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final Set<Integer> routingIds = ConcurrentHashMap.newKeySet();
        private final AtomicInteger received = new AtomicInteger();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final AtomicInteger torn = new AtomicInteger();

        void record(Message m) {
            String text = m.size() == 1 ? m.frame(0).toString(StandardCharsets.UTF_8) : "";
            String[] parts = text.split(":", 3);
            boolean whole =
                    parts.length == 3
                            && text.equals(
                                    new String(
                                            body(
                                                    Integer.parseInt(parts[0]),
                                                    Integer.parseInt(parts[1])),
                                            StandardCharsets.UTF_8));
            if (!whole) {
                torn.incrementAndGet();
            } else if (!seen.add(parts[0] + ":" + parts[1])) {
                duplicates.incrementAndGet();
            }
            routingIds.add(m.routingId());
            received.incrementAndGet();
        }

        int count() {
            return received.get();
        }

        void assertEachOnceAndWhole() {
            assertThat(torn.get()).as("torn messages").isZero();
            assertThat(duplicates.get()).as("messages delivered twice").isZero();
            assertThat(seen).as("distinct messages").hasSize(TOTAL);
            assertThat(received.get()).isEqualTo(TOTAL);
        }
    }
}
