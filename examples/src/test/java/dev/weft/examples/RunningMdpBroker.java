package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.SocketClosedException;
import dev.weft.patterns.RouterSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link MdpBroker} on an ephemeral TCP port, polled by its own thread, with its log kept in
 * memory. Closing it stops the thread, releases the broker's queues and fails when the broker
 * thread died of an exception.
 */
final class RunningMdpBroker implements AutoCloseable {
    private final RouterSocket router;
    private final MdpBroker broker;
    private final String endpoint;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    private RunningMdpBroker(Context ctx, MdpBroker.Settings settings) {
        router = new RouterSocket(ctx);
        endpoint = router.bind("tcp://127.0.0.1:*");
        broker =
                new MdpBroker(
                        router, settings, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        thread = new Thread(this::run, "mdp-broker");
        thread.start();
    }

    /**
     * Starts a broker.
     *
     * @param ctx the context of its ROUTER
     * @param settings heartbeat and queue settings
     * @return the running broker
     */
    static RunningMdpBroker start(Context ctx, MdpBroker.Settings settings) {
        return new RunningMdpBroker(ctx, settings);
    }

    /** Settings with a fast heartbeat for tests: 100 ms, liveness 5, requests expire after 10 s. */
    static MdpBroker.Settings fast() {
        return new MdpBroker.Settings(Duration.ofMillis(100), 5, Duration.ofSeconds(10), 1000);
    }

    String endpoint() {
        return endpoint;
    }

    MdpBroker broker() {
        return broker;
    }

    /** Tells whether the broker's ROUTER has a connected peer with this routing id. */
    boolean hasPeer(byte[] routingId) {
        return router.stats().peers().stream()
                .anyMatch(p -> Arrays.equals(p.routingId(), routingId));
    }

    /** Everything the broker logged so far. */
    String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping " + thread.getName(), e);
        }
        assertThat(thread.isAlive()).as("broker thread stopped").isFalse();
        broker.close();
        router.close();
        assertThat(failure.get()).as("broker thread failure; log:%n%s", log()).isNull();
    }

    private void run() {
        try {
            while (running) {
                broker.pollOnce(Duration.ofMillis(20));
            }
        } catch (SocketClosedException e) {
            // the context was closed under us; close() still releases the queues
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
