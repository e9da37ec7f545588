package dev.weft.bench.peer;

import dev.weft.bench.harness.Scenario;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A throughput run over inproc: both halves in this process, their sockets in one context of the
 * library, the receiver on the calling thread and the sender on a second one, each exactly as in a
 * tcp run ({@link ThroughputRun}). The receiver's system calls are not counted (the process's
 * counters would mix both sides).
 */
public final class InprocThroughputRun {
    private InprocThroughputRun() {}

    /**
     * Runs both halves and reports them in one result: the receiver's fields, then the sender's
     * with the prefix {@link Scenario#CONNECTING_PREFIX}.
     *
     * @param a the run's arguments (the inproc endpoint, sizes, durations)
     * @param out where the {@code READY} line goes once the receiver is bound
     * @return the combined result
     * @throws BenchFailure when either half fails
     */
    public static PeerResult run(PeerArgs a, PrintStream out) {
        return OneProcessPair.run(a, "inproc", (receiver, sender) -> run(a, out, receiver, sender));
    }

    private static PeerResult run(
            PeerArgs a, PrintStream out, BenchSocket receiver, BenchSocket sender) {
        try (receiver;
                sender) {
            String endpoint = receiver.bind(a.endpoint());
            out.println(PeerResult.READY + " endpoint=" + endpoint);
            out.flush();
            sender.connect(endpoint);
            CompletableFuture<PeerResult> sent = new CompletableFuture<>();
            Thread sending =
                    new Thread(
                            () -> {
                                try {
                                    sent.complete(ThroughputRun.send(sender, a));
                                } catch (RuntimeException e) {
                                    sent.completeExceptionally(e);
                                }
                            },
                            "inproc-sender");
            sending.start();
            PeerResult received = ThroughputRun.receive(receiver, a, TimedBlockCounters.none());
            PeerResult s = awaitSender(sent);
            Map<String, String> f = new LinkedHashMap<>(received.fields());
            s.fields().forEach((k, v) -> f.put(Scenario.CONNECTING_PREFIX + k, v));
            return PeerResult.ok(f);
        }
    }

    private static PeerResult awaitSender(CompletableFuture<PeerResult> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("INTERRUPTED: waiting for the inproc sender");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BenchFailure f) {
                throw f;
            }
            throw new BenchFailure("SENDER_FAILED: " + e.getCause());
        }
    }
}
