package dev.weft.bench.peer;

import dev.weft.bench.harness.Scenario;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A throughput run of a sender that drops instead of waiting (RADIO→DISH): both halves in this
 * process and one context of the library, over tcp loopback or inproc, the DISH (joined to {@value
 * #GROUP}) on the calling thread and the RADIO on a second one.
 *
 * <p>A RADIO cannot see its dishes' joins, and it drops what a full dish cannot take, end markers
 * included; being in one process, the two halves tell each other what a one-way stream cannot. The
 * sender sends one probe every {@value #PROBE_INTERVAL_US} µs until the receiver has one (the join
 * took effect), then the warm-up, then timed messages until {@code maxMessages} or {@code
 * duration}, then the end marker every millisecond until the receiver has one. The receiver starts
 * its clock at the first message that arrives while the sender is in its timed part and stops it at
 * the end marker; its rate is what arrived in between. Both report counts: the receiver's may be
 * lower than the sender's (dropped at the high-water mark), never higher.
 */
public final class GroupsRun {
    /** The one group of every run. */
    public static final String GROUP = "bench";

    static final long PROBE_INTERVAL_US = 100;

    private static final int PROBING = 0;
    private static final int WARMING_UP = 1;
    private static final int TIMED = 2;
    private static final int ENDING = 3;

    /** What the two halves tell each other. */
    private static final class Progress {
        volatile int phase = PROBING;
        volatile boolean firstArrived;
        volatile boolean endArrived;
    }

    private GroupsRun() {}

    /**
     * Runs both halves and reports them in one result: the receiver's fields, then the sender's
     * with the prefix {@link Scenario#CONNECTING_PREFIX}.
     *
     * @param a the run's arguments (endpoint, sizes, durations)
     * @param out where the {@code READY} line goes once the receiver is bound
     * @return the combined result
     * @throws BenchFailure when either half fails
     */
    public static PeerResult run(PeerArgs a, PrintStream out) {
        return OneProcessPair.run(a, "groups", (receiver, sender) -> run(a, out, receiver, sender));
    }

    private static PeerResult run(
            PeerArgs a, PrintStream out, BenchSocket receiver, BenchSocket sender) {
        try (receiver;
                sender) {
            receiver.subscribeAll();
            String endpoint = receiver.bind(a.endpoint());
            out.println(PeerResult.READY + " endpoint=" + endpoint);
            out.flush();
            sender.connect(endpoint);
            Progress progress = new Progress();
            CompletableFuture<PeerResult> sent = new CompletableFuture<>();
            Thread sending =
                    new Thread(
                            () -> {
                                try {
                                    sent.complete(send(sender, a, progress));
                                } catch (RuntimeException e) {
                                    sent.completeExceptionally(e);
                                }
                            },
                            "groups-sender");
            sending.setDaemon(true);
            sending.start();
            PeerResult received;
            try {
                received = receive(receiver, a, progress);
            } finally {
                // A failed receiver must not leave the sender probing until its deadline.
                progress.firstArrived = true;
                progress.endArrived = true;
            }
            PeerResult s = awaitSender(sent);
            Map<String, String> f = new LinkedHashMap<>(received.fields());
            s.fields().forEach((k, v) -> f.put(Scenario.CONNECTING_PREFIX + k, v));
            return PeerResult.ok(f);
        }
    }

    private static PeerResult send(BenchSocket socket, PeerArgs a, Progress progress) {
        byte[] payload = ThroughputRun.payload(a.sizeBytes());
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(a.timeoutMs());
        long sent = 0;
        long probes = 0;
        while (!progress.firstArrived) {
            ThroughputRun.sendOrFail(socket, payload, sent);
            sent++;
            probes++;
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(PROBE_INTERVAL_US));
            if (System.nanoTime() - deadlineNs > 0) {
                throw new BenchFailure(
                        "TIMEOUT: no probe reached the DISH within "
                                + a.timeoutMs()
                                + " ms ("
                                + probes
                                + " sent)");
            }
        }
        progress.phase = WARMING_UP;
        for (long i = 0; i < a.warmupMessages(); i++) {
            ThroughputRun.sendOrFail(socket, payload, sent);
            sent++;
        }
        progress.phase = TIMED;
        long startNs = System.nanoTime();
        long stopNs = startNs + TimeUnit.MILLISECONDS.toNanos(a.durationMs());
        long timed = 0;
        while (timed < a.maxMessages()) {
            ThroughputRun.sendOrFail(socket, payload, sent);
            sent++;
            timed++;
            if ((timed & 255) == 0 && System.nanoTime() - stopNs > 0) {
                break;
            }
        }
        long elapsed = System.nanoTime() - startNs;
        progress.phase = ENDING;
        long endDeadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(a.timeoutMs());
        long markers = 0;
        while (!progress.endArrived) {
            ThroughputRun.sendOrFail(socket, ThroughputRun.END_MARKER, sent);
            markers++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            if (System.nanoTime() - endDeadlineNs > 0) {
                throw new BenchFailure(
                        "TIMEOUT: no end marker reached the DISH within "
                                + a.timeoutMs()
                                + " ms ("
                                + markers
                                + " sent)");
            }
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", PeerRole.GROUPS_SENDER.cliName());
        f.put("messages", Long.toString(sent));
        f.put("bytes", Long.toString(sent * a.sizeBytes()));
        f.put("probes", Long.toString(probes));
        f.put("timed_messages", Long.toString(timed));
        f.put("elapsed_ns", Long.toString(elapsed));
        f.put("end_markers", Long.toString(markers));
        return PeerResult.ok(f);
    }

    private static PeerResult receive(BenchSocket socket, PeerArgs a, Progress progress) {
        long received = 0;
        long timed = 0;
        long firstTimedNs = 0;
        long endNs;
        while (true) {
            int n = socket.receive();
            if (n < 0) {
                throw new BenchFailure(
                        "TIMEOUT: no message within "
                                + a.timeoutMs()
                                + " ms after "
                                + received
                                + " received");
            }
            if (n == 0) {
                endNs = System.nanoTime();
                progress.endArrived = true;
                break;
            }
            if (n != a.sizeBytes()) {
                throw new BenchFailure(
                        "SIZE_MISMATCH: message "
                                + (received + 1)
                                + " has "
                                + n
                                + " bytes (expected: "
                                + a.sizeBytes()
                                + ")");
            }
            received++;
            if (received == 1) {
                progress.firstArrived = true;
            }
            if (timed > 0) {
                timed++;
            } else if (progress.phase >= TIMED) {
                firstTimedNs = System.nanoTime();
                timed = 1;
            }
        }
        if (timed < 2) {
            throw new BenchFailure(
                    "COUNT_MISMATCH: "
                            + timed
                            + " of "
                            + received
                            + " messages arrived during the timed part (nothing to time)");
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", PeerRole.GROUPS_RECEIVER.cliName());
        f.put("messages", Long.toString(received));
        f.put("bytes", Long.toString(received * a.sizeBytes()));
        // The clock started at the first timed message: the rate counts the ones after it.
        f.put("timed_messages", Long.toString(timed - 1));
        f.put("elapsed_ns", Long.toString(endNs - firstTimedNs));
        return PeerResult.ok(f);
    }

    private static PeerResult awaitSender(CompletableFuture<PeerResult> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("INTERRUPTED: waiting for the groups sender");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BenchFailure f) {
                throw f;
            }
            throw new BenchFailure("SENDER_FAILED: " + e.getCause());
        }
    }
}
