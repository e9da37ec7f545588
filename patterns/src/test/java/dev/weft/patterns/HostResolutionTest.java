package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.HostResolver;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Host names of connected endpoints are looked up off the I/O thread, again on every attempt; IP
 * literals are never looked up. A lookup that blocks stalls only its own connection.
 */
@Timeout(60)
class HostResolutionTest {
    private static final String SLOW_HOST = "slow.weft.invalid";
    private static final String FLAKY_HOST = "flaky.weft.invalid";

    @Test
    void shouldKeepTheOtherConnectionsOfTheIoThreadWorkingWhileALookupBlocks() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> lookedUp = new CopyOnWriteArrayList<>();
        List<String> lookupThreads = new CopyOnWriteArrayList<>();
        HostResolver blocking =
                host -> {
                    lookedUp.add(host);
                    lookupThreads.add(Thread.currentThread().getName());
                    try {
                        if (!release.await(30, TimeUnit.SECONDS)) {
                            throw new UnknownHostException(host + ": the test never released it");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UnknownHostException(host + ": interrupted");
                    }
                    return InetAddress.getLoopbackAddress();
                };
        try (Context ctx = Context.builder().ioThreads(1).hostResolver(blocking).build()) {
            PullSocket slowPeer = new PullSocket(ctx);
            String slowEp = slowPeer.bind("tcp://127.0.0.1:*");
            PushSocket slow = new PushSocket(ctx);
            slow.connect("tcp://" + SLOW_HOST + ":" + port(slowEp));
            await().atMost(Duration.ofSeconds(10)).until(() -> !lookedUp.isEmpty());
            slow.send("queued behind the lookup");

            // Every socket of this context shares its one I/O thread.
            PullSocket pull = new PullSocket(ctx);
            String ep = pull.bind("tcp://127.0.0.1:*");
            PushSocket push = new PushSocket(ctx);
            push.connect(ep);
            for (int i = 0; i < 100; i++) {
                push.send("m-" + i);
                assertThat(Received.texts(pull)).containsExactly("m-" + i);
            }
            assertThat(release.getCount()).as("the lookup is still blocked").isOne();
            try (Message early = slowPeer.tryReceive()) {
                assertThat(early).as("a message before its lookup ended").isNull();
            }

            release.countDown();
            assertThat(Received.texts(slowPeer)).containsExactly("queued behind the lookup");
            assertThat(lookedUp).as("names looked up (never IP literals)").containsOnly(SLOW_HOST);
            assertThat(lookupThreads).allMatch(name -> name.startsWith("weft-resolver-"));
        }
    }

    @Test
    void shouldRetryAFailedLookupAtTheReconnectIntervalAndSayWhy() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver failingTwice =
                host -> {
                    if (lookups.incrementAndGet() <= 2) {
                        throw new UnknownHostException(host + ": no such host (test)");
                    }
                    return InetAddress.getLoopbackAddress();
                };
        try (Context ctx = Context.builder().hostResolver(failingTwice).build()) {
            PullSocket pull = new PullSocket(ctx);
            String ep = pull.bind("tcp://127.0.0.1:*");
            PushSocket push =
                    new PushSocket(
                            ctx,
                            SocketOptions.builder()
                                    .reconnectInterval(Duration.ofMillis(20))
                                    .build());
            EventLog events = EventLog.of(push);
            push.connect("tcp://" + FLAKY_HOST + ":" + port(ep));
            push.send("after two failed lookups");

            assertThat(Received.texts(pull)).containsExactly("after two failed lookups");
            assertThat(lookups.get()).isEqualTo(3);
            assertThat(events.events())
                    .filteredOn(e -> e.type() == MonitorEvent.Type.CONNECT_RETRIED)
                    .extracting(MonitorEvent::detail)
                    .hasSize(2)
                    .allMatch(
                            d ->
                                    d.startsWith("cannot resolve host '" + FLAKY_HOST + "'")
                                            && d.contains("no such host (test)")
                                            && d.endsWith("retry in 20 ms"));
            assertThat(push.stats().reconnects()).isEqualTo(2);
        }
    }

    private static String port(String endpoint) {
        return endpoint.substring(endpoint.lastIndexOf(':') + 1);
    }
}
