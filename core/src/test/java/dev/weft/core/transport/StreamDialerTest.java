package dev.weft.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.ReconnectStop;
import dev.weft.core.SocketOptions;
import dev.weft.core.io.IoThread;
import dev.weft.core.pipe.Pipe;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream dialer alone, with a target made for the test and a recording socket: retries, backoff
 * with jitter, reconnect stop conditions and linger, all on a real I/O thread.
 */
class StreamDialerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d+) ms");

    private final IoThread io = new IoThread("weft-dialer-test");
    private final RecordingOwner owner = new RecordingOwner();
    private final TransportSite site =
            new TransportSite(
                    io,
                    owner,
                    UnpooledByteBufAllocator.DEFAULT,
                    host -> CompletableFuture.failedFuture(new UnknownHostException(host)));
    private final List<Dialer> stopped = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        io.shutdown(5_000);
    }

    @Test
    void shouldRetryAFailedLookupAtTheFixedIntervalByDefault() {
        owner.options = SocketOptions.builder().reconnectInterval(Duration.ofMillis(20)).build();
        FakeTarget target = FakeTarget.failingLookup("no such host 'broker.example'");

        start(target, null);

        await().atMost(WAIT).until(() -> retries().size() >= 3);
        for (MonitorEvent e : retries().subList(0, 3)) {
            assertThat(e.detail()).isEqualTo("no such host 'broker.example'; retry in 20 ms");
        }
        assertThat(owner.reconnects.get()).isGreaterThanOrEqualTo(3);
        assertThat(target.opened).as("no channel without an address").isZero();
    }

    @Test
    void shouldDoubleTheDelayWithinTheJitterUpToTheMaximum() {
        owner.options =
                SocketOptions.builder()
                        .reconnectInterval(Duration.ofMillis(10))
                        .reconnectIntervalMax(Duration.ofMillis(80))
                        .build();

        start(FakeTarget.failingLookup("down"), null);

        await().atMost(WAIT).until(() -> retries().size() >= 7);
        List<Long> delays = retries().stream().map(StreamDialerTest::retryDelayMs).toList();
        // Each delay is printed in whole milliseconds, rounded down.
        long[][] bounds = {{10, 12}, {15, 24}, {31, 48}, {63, 80}, {63, 80}, {63, 80}};
        for (int i = 0; i < bounds.length; i++) {
            assertThat(delays.get(i))
                    .as("delay %d of %s", i, delays)
                    .isBetween(bounds[i][0], bounds[i][1]);
        }
    }

    @Test
    void shouldStopOnARefusalWhenAskedToAndReleaseItsQueue() throws IOException {
        owner.options =
                SocketOptions.builder()
                        .reconnectInterval(Duration.ofMillis(10))
                        .reconnectStop(ReconnectStop.CONNECTION_REFUSED)
                        .build();
        Pipe queue = Pipe.persistent(owner, 10, 10, "tcp://127.0.0.1:1");

        Dialer dialer = start(FakeTarget.refusingPort(), queue);

        await().atMost(WAIT).until(() -> stopped.contains(dialer));
        assertThat(owner.events)
                .filteredOn(e -> e.type() == MonitorEvent.Type.RECONNECT_STOPPED)
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("CONNECTION_REFUSED: "));
        assertThat(owner.stopped).containsExactly(queue);
    }

    @Test
    void shouldKeepTryingToDeliverWhatIsQueuedUntilTheLingerEnds() throws IOException {
        owner.options = SocketOptions.builder().reconnectInterval(Duration.ofMillis(10)).build();
        Pipe queue = Pipe.persistent(owner, 10, 10, "tcp://127.0.0.1:1");
        queue.write(Message.of("undelivered"));
        Dialer dialer = start(FakeTarget.refusingPort(), queue);

        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
        io.execute(() -> dialer.close(deadline));

        await().atMost(WAIT).until(() -> owner.stopped.contains(queue));
        assertThat(owner.opened.get()).as("the linger counted as a connection").isOne();
        assertThat(owner.ended).as("and ended once").hasSize(1);
        assertThat(System.nanoTime() - deadline).as("not before the deadline").isNotNegative();
        assertThat(retries()).as("it kept trying meanwhile").isNotEmpty();
        queue.connectionClosed();
        try (Message left = queue.nextOutbound() instanceof Message m ? m : null) {
            assertThat(left).as("the socket releases what is left").isNotNull();
        }
    }

    private Dialer start(StreamTarget target, Pipe queue) {
        StreamDialer dialer = new StreamDialer(site, target, stopped::add);
        io.execute(() -> dialer.start(queue));
        return dialer;
    }

    private List<MonitorEvent> retries() {
        return owner.events.stream()
                .filter(e -> e.type() == MonitorEvent.Type.CONNECT_RETRIED)
                .toList();
    }

    private static long retryDelayMs(MonitorEvent e) {
        Matcher m = RETRY_IN.matcher(e.detail());
        assertThat(m.find()).as(e.detail()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A target made for the test: an address lookup that fails, or a port nobody listens on. */
    private static final class FakeTarget implements StreamTarget {
        private final CompletableFuture<SocketAddress> address;
        volatile int opened;

        private FakeTarget(CompletableFuture<SocketAddress> address) {
            this.address = address;
        }

        static FakeTarget failingLookup(String reason) {
            return new FakeTarget(
                    CompletableFuture.failedFuture(
                            new CompletionException(new UnknownHostException(reason))));
        }

        static FakeTarget refusingPort() throws IOException {
            InetSocketAddress free;
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                free = (InetSocketAddress) probe.getLocalAddress();
            }
            return new FakeTarget(CompletableFuture.completedFuture(free));
        }

        @Override
        public String endpoint() {
            return "test://target";
        }

        @Override
        public CompletableFuture<SocketAddress> address(TransportSite site) {
            return address;
        }

        @Override
        public SocketChannel open(SocketOptions options) throws IOException {
            opened++;
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            return ch;
        }

        @Override
        public boolean isRefusal(IOException failure) {
            return failure instanceof ConnectException;
        }
    }
}
