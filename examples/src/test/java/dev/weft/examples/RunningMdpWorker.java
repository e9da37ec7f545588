package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.SocketClosedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link MdpWorker} that echoes with a prefix, polled by its own thread. Closing it sends
 * DISCONNECT and closes the socket (on the worker's thread, which owns it).
 */
final class RunningMdpWorker implements AutoCloseable {
    private final MdpWorker worker;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    private RunningMdpWorker(
            Context ctx, String endpoint, String service, Duration heartbeat, String prefix) {
        worker =
                new MdpWorker(
                        ctx,
                        endpoint,
                        service,
                        heartbeat,
                        3,
                        new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        var handler = MdWorkerCommand.prefixEcho(prefix);
        thread =
                new Thread(
                        () -> {
                            try (worker) {
                                while (running) {
                                    worker.pollOnce(Duration.ofMillis(20), handler);
                                }
                            } catch (SocketClosedException e) {
                                // the context was closed under us
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        },
                        "mdp-worker-" + service);
        thread.start();
    }

    /**
     * Starts a worker.
     *
     * @param ctx the context of its sockets
     * @param endpoint the broker
     * @param service the service to register for
     * @param heartbeat the broker's heartbeat interval
     * @param prefix put before the first frame of each reply
     * @return the running worker
     */
    static RunningMdpWorker start(
            Context ctx, String endpoint, String service, Duration heartbeat, String prefix) {
        return new RunningMdpWorker(ctx, endpoint, service, heartbeat, prefix);
    }

    MdpWorker worker() {
        return worker;
    }

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
        if (thread.isAlive()) {
            throw new AssertionError("worker thread did not stop; log:\n" + log());
        }
        if (failure.get() != null) {
            throw new AssertionError("worker thread failed; log:\n" + log(), failure.get());
        }
    }
}
