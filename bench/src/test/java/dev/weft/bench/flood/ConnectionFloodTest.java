package dev.weft.bench.flood;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.zmtp.ZmtpException;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A small-scale hostile flood (2,000 connections of mutated handshakes) against a Weft ROUTER: the
 * socket keeps serving a well-behaved peer during and after it, counts every failed handshake, and
 * logs a bounded number of lines.
 */
@Timeout(300)
class ConnectionFloodTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CONNECTIONS = 2_000;

    // Held strongly: java.util.logging keeps loggers only weakly.
    private final Logger engineLog = Logger.getLogger("dev.weft.core.transport.ZmtpConnection");
    private final Logger listenerLog = Logger.getLogger("dev.weft.core.transport.StreamListener");
    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
    private final Handler recorder =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    records.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    private Context ctx;

    @BeforeEach
    void setUp() {
        recorder.setLevel(Level.ALL);
        engineLog.addHandler(recorder);
        listenerLog.addHandler(recorder);
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        engineLog.removeHandler(recorder);
        listenerLog.removeHandler(recorder);
    }

    @Test
    void shouldKeepServingCountEveryFailureAndLogABoundedNumberOfLines() throws Exception {
        RouterSocket router =
                new RouterSocket(ctx, SocketOptions.builder().linger(Duration.ZERO).build());
        router.addMonitor(events::add);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket good =
                new DealerSocket(ctx, SocketOptions.builder().routingId("good").build());
        good.connect(ep);
        assertRoundTrip(router, good, "before");
        int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
        FloodOptions options =
                new FloodOptions(
                        new InetSocketAddress("127.0.0.1", port),
                        Duration.ofMinutes(4),
                        CONNECTIONS,
                        1,
                        0.25,
                        48,
                        42,
                        0,
                        Duration.ofSeconds(20));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ConnectionFlood flood =
                new ConnectionFlood(
                        options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        long start = System.nanoTime();
        CompletableFuture<ConnectionFlood.Result> running =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return flood.run();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                        });
        int duringFlood = 0;
        for (int i = 0; i < CONNECTIONS && !running.isDone(); i++) {
            assertRoundTrip(router, good, "during-" + i);
            duringFlood++;
        }
        ConnectionFlood.Result result = running.get();
        assertRoundTrip(router, good, "after");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(duringFlood).as("round trips while the flood ran").isPositive();
        assertThat(result.connections() + result.failures()).isEqualTo(CONNECTIONS);
        assertThat(result.connections()).as("connections the router closed").isEqualTo(CONNECTIONS);
        long failedEvents = count(MonitorEvent.Type.HANDSHAKE_FAILED);
        assertThat(failedEvents).isGreaterThan(CONNECTIONS / 4);
        assertThat(router.stats().handshakeFailures()).isEqualTo(failedEvents);
        assertThat(count(MonitorEvent.Type.ACCEPTED)).isEqualTo(CONNECTIONS + 1);
        // Per rule: its first lines, then a summary per interval (and a fresh start after a
        // quiet interval); every line names a rule, and there are no more rules than these.
        long rules = ZmtpException.Condition.values().length + 3;
        long intervals = 1 + Math.round(seconds / LogLimiter.DEFAULT_INTERVAL.toSeconds());
        long bound = rules * intervals * (LogLimiter.DEFAULT_LINES_PER_RULE + 1);
        List<LogRecord> lines = List.copyOf(records);
        assertThat((long) lines.size())
                .as("log lines for %d connections in %.1f s", CONNECTIONS, seconds)
                .isLessThanOrEqualTo(bound)
                .isLessThan(CONNECTIONS / 10);
    }

    @Test
    void shouldStopAtTheCountAndReportProgress() throws Exception {
        RouterSocket router =
                new RouterSocket(ctx, SocketOptions.builder().linger(Duration.ZERO).build());
        String ep = router.bind("tcp://127.0.0.1:*");
        int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
        FloodOptions options =
                FloodOptions.parse(
                        List.of(
                                "--endpoint", "tcp://127.0.0.1:" + port,
                                "--count", "50",
                                "--threads", "2",
                                "--intact", "1"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        ConnectionFlood.Result result =
                new ConnectionFlood(
                                options, new PrintStream(progress, true, StandardCharsets.UTF_8))
                        .run();

        assertThat(result.connections()).isEqualTo(50);
        assertThat(result.failures()).isZero();
        assertThat(result.heapAfterGcKib()).isEmpty();
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("flood: done: 50 connections");
        // Every intact connection left its message behind.
        for (int i = 0; i < 50; i++) {
            try (Message m = router.receive(WAIT)) {
                assertThat(m).isNotNull();
                assertThat(m.frame(1).toString(StandardCharsets.UTF_8)).startsWith("flood-message");
            }
        }
    }

    @Test
    void shouldSendBodiesOfTheSizeAskedForInLongFrames() throws Exception {
        RouterSocket router =
                new RouterSocket(ctx, SocketOptions.builder().linger(Duration.ZERO).build());
        String ep = router.bind("tcp://127.0.0.1:*");
        FloodOptions options =
                FloodOptions.parse(
                        List.of(
                                "--endpoint", ep,
                                "--count", "3",
                                "--intact", "1",
                                "--body-size", "2000"));

        ConnectionFlood.Result result =
                new ConnectionFlood(
                                options,
                                new PrintStream(
                                        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                        .run();

        assertThat(result.connections()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            try (Message m = router.receive(WAIT)) {
                assertThat(m).isNotNull();
                assertThat(m.frame(1).size()).isEqualTo(2000);
                assertThat(m.frame(1).toString(StandardCharsets.UTF_8))
                        .startsWith("flood-message-x");
            }
        }
    }

    private long count(MonitorEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    /**
     * The good peer sends a request and gets its reply; what the flood's intact connections left on
     * the router is read past (and released) on the way.
     */
    private static void assertRoundTrip(RouterSocket router, DealerSocket good, String text) {
        assertThat(good.send(text)).isTrue();
        boolean found = false;
        for (int i = 0; i <= CONNECTIONS && !found; i++) {
            try (Message m = router.receive(WAIT)) {
                assertThat(m).as("the good peer's request '%s'", text).isNotNull();
                if (m.frame(0).toString(StandardCharsets.UTF_8).equals("good")) {
                    assertThat(m.frame(1).toString(StandardCharsets.UTF_8)).isEqualTo(text);
                    found = true;
                }
            }
        }
        assertThat(found).as("the good peer's request '%s' arrived", text).isTrue();
        assertThat(router.send("good", "re: " + text)).isTrue();
        try (Message reply = good.receive(WAIT)) {
            assertThat(reply).as("the reply to '%s'", text).isNotNull();
            assertThat(reply.strings()).containsExactly("re: " + text);
        }
    }
}
