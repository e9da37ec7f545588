package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketClosedException;
import dev.weft.core.SocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libzmq's defaults through a server restart: a connecting DEALER queues while its ROUTER is away
 * ({@code immediate} false) and retries every 100 ms ({@code reconnectIntervalMax} 0), so a client
 * sending with a short send timeout sees no timeout and loses nothing, and traffic resumes within
 * one reconnect interval plus a handshake of the ROUTER's return.
 *
 * <p>The ROUTER goes away while the client waits for nothing, and the client sends again once it
 * has seen the disconnect: requests written into a connection that its peer is closing, or read by
 * a ROUTER that then closes before its application took them, are lost with every ZeroMQ
 * implementation; what the defaults decide is what happens to requests sent while the peer is away.
 */
@Timeout(60)
class ReconnectDefaultsTest {
    private static final Duration SEND_TIMEOUT = Duration.ofMillis(100);
    private static final Duration DOWNTIME = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Pace of the sends while the ROUTER is away: one per wait for a reply that cannot come. */
    private static final Duration PACE = Duration.ofMillis(20);

    private static final int MAX_SENDS_WHILE_DOWN = 200;

    /** Bound of a replier's loop: far more than any test sends. */
    private static final int MAX_REQUESTS = 10_000;

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
    void shouldQueueThroughARouterRestartAndResumeWithinOneReconnectInterval() throws Exception {
        RouterSocket first = new RouterSocket(ctx);
        String ep = first.bind("tcp://127.0.0.1:*");
        Thread firstReplier = replier(first);
        DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder()
                                .routingId("client")
                                .sendTimeout(SEND_TIMEOUT)
                                .build());
        EventLog events = EventLog.of(dealer);
        dealer.connect(ep);
        List<String> sent = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        int timedOut = 0;
        for (int i = 0; i < 10; i++) {
            timedOut += request(dealer, sent) ? 0 : 1;
            replies.add(reply(dealer));
        }

        first.close();
        firstReplier.join(WAIT.toMillis());
        events.await(MonitorEvent.Type.DISCONNECTED);
        long downNs = System.nanoTime();
        int sentWhileDown = 0;
        while (System.nanoTime() - downNs < DOWNTIME.toNanos()
                && sentWhileDown < MAX_SENDS_WHILE_DOWN) {
            timedOut += request(dealer, sent) ? 0 : 1;
            sentWhileDown++;
            try (Message early = dealer.receive(PACE)) {
                assertThat(early).as("a reply while the ROUTER is away").isNull();
            }
        }

        RouterSocket second = new RouterSocket(ctx);
        Thread secondReplier = replier(second);
        second.bind(ep);
        long reboundNs = System.nanoTime();
        replies.add(reply(dealer));
        long firstReplyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reboundNs);
        while (replies.size() < sent.size()) {
            replies.add(reply(dealer));
        }
        for (int i = 0; i < 10; i++) {
            timedOut += request(dealer, sent) ? 0 : 1;
            replies.add(reply(dealer));
        }
        try (Message extra = dealer.receive(PACE)) {
            assertThat(extra).as("a duplicate reply").isNull();
        }
        second.close();
        secondReplier.join(WAIT.toMillis());

        long lost = sent.stream().filter(r -> !replies.contains(r)).count();
        System.out.printf(
                "reconnect with defaults: first reply %d ms after the re-bind; %d request(s) sent"
                        + " while the ROUTER was away; %d send(s) timed out; %d lost; %d"
                        + " reconnect attempt(s)%n",
                firstReplyMs, sentWhileDown, timedOut, lost, dealer.stats().reconnects());
        assertThat(sentWhileDown).as("requests sent while the ROUTER was away").isGreaterThan(5);
        assertThat(timedOut).as("sends that timed out").isZero();
        assertThat(replies).as("one reply per request, in order").isEqualTo(sent);
        // 100 ms reconnect interval + a loopback handshake; generous for a loaded machine.
        assertThat(firstReplyMs).as("first reply after the re-bind, ms").isLessThan(1_000);
    }

    /** Sends the next request with the socket's send timeout; false when it timed out. */
    private static boolean request(DealerSocket dealer, List<String> sent) {
        String text = "request-" + sent.size();
        if (!dealer.send(text)) {
            return false;
        }
        sent.add(text);
        return true;
    }

    private static String reply(DealerSocket dealer) {
        try (Message m = dealer.receive(WAIT)) {
            assertThat(m).as("a reply within %s", WAIT).isNotNull();
            return m.frame(0).toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Answers every request with itself, until the ROUTER closes. */
    private static Thread replier(RouterSocket router) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; i < MAX_REQUESTS; i++) {
                                    Message request = router.receive();
                                    boolean replied = false;
                                    try {
                                        replied = router.send(request, WAIT);
                                    } finally {
                                        if (!replied) {
                                            request.close();
                                        }
                                    }
                                }
                            } catch (SocketClosedException closed) {
                                // The test closed the ROUTER: this replier's work is done.
                                return;
                            }
                        },
                        "replier");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
