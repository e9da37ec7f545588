package dev.weft.bench.flood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens TCP connections to one loopback endpoint as fast as it can, each sending one {@link
 * HostilePayloads} payload, ending its side and reading until the socket closes too: the load under
 * which a socket's memory and log volume must stay bounded. Every so often it prints a progress
 * line and, when asked, the target JVM's heap after a full GC. Bounded by a duration and a
 * connection count.
 *
 * <p>One run per instance; {@link #run} blocks until the flood ends.
 */
public final class ConnectionFlood {
    private static final int CONNECT_TIMEOUT_MS = 1000;
    private static final int READ_TIMEOUT_MS = 2000;

    private final FloodOptions options;
    private final PrintStream out;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long deadlineNs;

    /**
     * Creates a flood.
     *
     * @param options what to flood, how long and how hard
     * @param out where progress lines go
     */
    public ConnectionFlood(FloodOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * The outcome of a flood.
     *
     * @param connections connections opened, written and closed by the socket
     * @param failures connections that could not be opened or written, or were reset or left open
     * @param seconds how long the flood ran
     * @param heapAfterGcKib the heap samples, in KiB, in order (empty without {@code --heap-pid})
     */
    public record Result(
            long connections, long failures, double seconds, List<Long> heapAfterGcKib) {}

    /**
     * Runs the flood to its end.
     *
     * @return what happened
     * @throws InterruptedException when interrupted while waiting for the flooding threads
     */
    public Result run() throws InterruptedException {
        long start = System.nanoTime();
        deadlineNs = start + options.duration().toNanos();
        CountDownLatch finished = new CountDownLatch(options.threads());
        for (int i = 0; i < options.threads(); i++) {
            HostilePayloads payloads =
                    new HostilePayloads(
                            options.seed() + i, options.intactShare(), options.bodySize());
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    flood(payloads);
                                } finally {
                                    finished.countDown();
                                }
                            },
                            "flood-" + i);
            t.setDaemon(true);
            t.start();
        }
        HeapSampler sampler = options.heapPid() > 0 ? new HeapSampler(options.heapPid()) : null;
        List<Long> heap = new ArrayList<>();
        sample(sampler, heap, start);
        long intervalNs = options.sampleInterval().toNanos();
        long nextReport = start + intervalNs;
        while (!finished.await(Math.max(0, nextReport - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            sample(sampler, heap, start);
            nextReport += intervalNs;
        }
        sample(sampler, heap, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                "flood: done: %,d connections in %.1f s (%,.0f/s), %,d failed%n",
                opened.get(), seconds, opened.get() / seconds, failed.get());
        if (!heap.isEmpty()) {
            out.printf("flood: heap after GC, MB: %s%n", megabytes(heap));
        }
        out.flush();
        return new Result(opened.get(), failed.get(), seconds, List.copyOf(heap));
    }

    private void flood(HostilePayloads payloads) {
        byte[] sink = new byte[1024];
        while (System.nanoTime() < deadlineNs && claimed.getAndIncrement() < options.count()) {
            byte[] bytes = payloads.next();
            try (Socket s = new Socket()) {
                s.connect(options.target(), CONNECT_TIMEOUT_MS);
                s.setSoTimeout(READ_TIMEOUT_MS);
                OutputStream o = s.getOutputStream();
                o.write(bytes);
                o.flush();
                // Leave as a peer that said all it had to say: end our side, then read what the
                // socket answers until it closes too. Closing at once, with its greeting unread,
                // would reset the connection, and the socket might never read our message.
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                while (in.read(sink) >= 0) {
                    // Discard the greeting, READY or ERROR the socket sent.
                }
                opened.incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
            }
        }
    }

    private void sample(HeapSampler sampler, List<Long> heap, long start) {
        double t = (System.nanoTime() - start) / 1e9;
        String heapText = "";
        if (sampler != null && !sampler.targetAlive()) {
            heapText = "  target process exited: flood stopped";
            deadlineNs = System.nanoTime();
        } else if (sampler != null) {
            try {
                long kib = sampler.heapAfterGcKib();
                heap.add(kib);
                heapText = String.format("  heap after GC %.1f MB", kib / 1024.0);
            } catch (IOException e) {
                heapText = "  heap sample failed: " + e.getMessage().lines().findFirst().orElse("");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                heapText = "  heap sample interrupted";
            }
        }
        out.printf(
                "flood: t=%5.1f s  %,d connections  %,d failed%s%n",
                t, opened.get(), failed.get(), heapText);
        out.flush();
    }

    private static String megabytes(List<Long> kib) {
        StringBuilder sb = new StringBuilder();
        for (long k : kib) {
            if (sb.length() > 0) {
                sb.append(" -> ");
            }
            sb.append(Math.round(k / 1024.0));
        }
        return sb.toString();
    }
}
