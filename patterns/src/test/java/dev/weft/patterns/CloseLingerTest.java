package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketClosedException;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libzmq's close: {@code close()} returns at once, the socket's I/O thread goes on delivering what
 * is queued until linger ends, and the context's close waits for that, never longer than the
 * largest linger (plus a margin). What is left when linger ends is counted.
 */
@Timeout(60)
class CloseLingerTest {
    private static final Duration LINGER = Duration.ofSeconds(5);
    private static final int QUEUED = 100;

    /** Slack for a loaded machine on top of a linger-bounded wait. */
    private static final long MARGIN_MS = 2_000;

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
    void shouldReturnFromCloseAtOnceAndCountWhatNobodyTookWhenLingerEnds() {
        PushSocket push = new PushSocket(ctx, lingering(LINGER));
        push.connect(unusedEndpoint());
        queue(push, QUEUED);

        long closeMs = timeMs(push::close);
        long contextMs = timeMs(ctx::close);

        System.out.printf(
                "close() with %d messages queued for a dead peer: %d ms; Context.close(): %d ms"
                        + " (linger %d ms)%n",
                QUEUED, closeMs, contextMs, LINGER.toMillis());
        assertThat(push.isClosed()).isTrue();
        assertThat(closeMs).as("close() with linger %s, ms", LINGER).isLessThan(1_000);
        assertThat(contextMs)
                .as("Context.close() waits for the linger, and no longer (ms)")
                .isBetween(LINGER.toMillis() - 1_000, LINGER.toMillis() + MARGIN_MS);
        SocketStats stats = push.stats();
        assertThat(stats.droppedOnClose()).isEqualTo(QUEUED);
        assertThat(stats.droppedOnDisconnect()).isZero();
        assertThat(stats.peers()).isEmpty();
    }

    @Test
    void shouldDeliverQueuedMessagesAfterCloseReturnedWhenThePeerAppearsDuringLinger() {
        String ep = unusedEndpoint();
        PushSocket push = new PushSocket(ctx, lingering(LINGER));
        push.connect(ep);
        queue(push, QUEUED);

        long closeMs = timeMs(push::close);
        PullSocket pull = new PullSocket(ctx);
        pull.bind(ep);
        for (int i = 0; i < QUEUED; i++) {
            assertThat(Received.texts(pull)).containsExactly("m-" + i);
        }
        long contextMs = timeMs(ctx::close);

        assertThat(closeMs).as("close() with linger %s, ms", LINGER).isLessThan(1_000);
        assertThat(contextMs)
                .as("Context.close() once everything was delivered, ms")
                .isLessThan(LINGER.toMillis());
        assertThat(push.stats().droppedOnClose()).isZero();
    }

    @Test
    void shouldDropAtOnceWithLingerZero() {
        PushSocket push = new PushSocket(ctx, lingering(Duration.ZERO));
        push.connect(unusedEndpoint());
        queue(push, 10);

        push.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> push.stats().droppedOnClose() == 10);
        long contextMs = timeMs(ctx::close);

        assertThat(contextMs).as("Context.close() with linger 0, ms").isLessThan(MARGIN_MS);
    }

    @Test
    void shouldCountTheLingerEndWithoutTheContextClosing() {
        PushSocket push = new PushSocket(ctx, lingering(Duration.ofMillis(200)));
        push.connect(unusedEndpoint());
        queue(push, 3);

        push.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> push.stats().droppedOnClose() == 3);
        assertThat(push.stats().peers()).isEmpty();
    }

    @Test
    void shouldWakeBlockedCallersAndRejectLaterCallsWhileLingering() throws Exception {
        DealerSocket dealer = new DealerSocket(ctx, lingering(LINGER));
        dealer.connect(unusedEndpoint());
        queue(dealer, 1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread receiver =
                new Thread(
                        () -> {
                            try (Message m = dealer.receive()) {
                                thrown.set(new AssertionError("received " + m));
                            } catch (RuntimeException e) {
                                thrown.set(e);
                            }
                        });
        receiver.start();
        await().until(() -> receiver.getState() == Thread.State.WAITING);

        dealer.close();
        dealer.close();

        receiver.join(10_000);
        assertThat(receiver.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(SocketClosedException.class);
        assertThatThrownBy(() -> dealer.send("late")).isInstanceOf(SocketClosedException.class);
        assertThatThrownBy(() -> dealer.disconnect("tcp://127.0.0.1:1"))
                .isInstanceOf(SocketClosedException.class);
    }

    @Test
    void shouldFreeTheBoundPortWhenCloseReturns() {
        PullSocket first = new PullSocket(ctx, lingering(LINGER));
        String ep = first.bind("tcp://127.0.0.1:*");
        PushSocket push = new PushSocket(ctx);
        EventLog events = EventLog.of(push);
        push.connect(ep);
        push.send("to-first");
        assertThat(Received.texts(first)).containsExactly("to-first");

        first.close();
        // Sent before the PUSH saw the connection end, a message would go down with it.
        events.await(MonitorEvent.Type.DISCONNECTED);
        PullSocket second = new PullSocket(ctx);

        assertThat(second.bind(ep)).isEqualTo(ep);
        push.send("to-second");
        assertThat(Received.texts(second)).containsExactly("to-second");
    }

    @Test
    void shouldCloseFromAMonitorListenerOnTheIoThread() {
        PushSocket push = new PushSocket(ctx, lingering(Duration.ofMillis(200)));
        AtomicBoolean queued = new AtomicBoolean();
        AtomicReference<String> closedOn = new AtomicReference<>();
        push.addMonitor(
                event -> {
                    if (queued.get() && event.type() == MonitorEvent.Type.CONNECT_RETRIED) {
                        closedOn.compareAndSet(null, Thread.currentThread().getName());
                        push.close();
                    }
                });
        push.connect(unusedEndpoint());
        queue(push, 5);
        queued.set(true);

        await().atMost(Duration.ofSeconds(10)).until(push::isClosed);
        await().atMost(Duration.ofSeconds(10)).until(() -> push.stats().droppedOnClose() == 5);
        assertThat(closedOn.get()).startsWith("weft-io-");
    }

    @Test
    void shouldLingerAfterDisconnectAndCountItAsADisconnectDrop() {
        PushSocket push = new PushSocket(ctx, lingering(Duration.ofMillis(200)));
        String ep = unusedEndpoint();
        push.connect(ep);
        queue(push, 4);

        push.disconnect(ep);

        await().atMost(Duration.ofSeconds(10)).until(() -> push.stats().droppedOnDisconnect() == 4);
        assertThat(push.stats().droppedOnClose()).isZero();
        try (Message m = Message.of("no endpoint left")) {
            assertThat(push.trySend(m)).isFalse();
        }
    }

    private static SocketOptions lingering(Duration linger) {
        return SocketOptions.builder().linger(linger).build();
    }

    private static void queue(MessageSender sender, int count) {
        for (int i = 0; i < count; i++) {
            Message m = Message.of("m-" + i);
            boolean queued = sender.trySend(m);
            if (!queued) {
                m.close();
            }
            assertThat(queued).as("queued m-%d while the peer is away", i).isTrue();
        }
    }

    private static long timeMs(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String unusedEndpoint() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
