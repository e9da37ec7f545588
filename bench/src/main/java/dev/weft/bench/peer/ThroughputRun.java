package dev.weft.bench.peer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The two halves of a throughput run, the Java equivalent of {@code local_thr} (receiver) and
 * {@code remote_thr} (sender).
 *
 * <p>The sender sends {@code warmup} messages, then timed messages until {@code maxMessages} or
 * {@code duration} (whichever first), then the end marker. The receiver starts its clock when the
 * first timed message arrives and stops it when the end marker arrives; its rate is the timed
 * messages after the first divided by that interval. Both report counts and payload bytes, which
 * the harness compares.
 */
public final class ThroughputRun {
    /** The empty payload that ends a stream. */
    static final byte[] END_MARKER = new byte[0];

    private ThroughputRun() {}

    /**
     * Runs the receiving side on a bound socket.
     *
     * @param socket the bound socket
     * @param args the run's arguments
     * @return the result: {@code messages}, {@code bytes}, {@code timed_messages}, {@code
     *     elapsed_ns}, and where {@code /proc} can be read the timed block's {@code timed_syscr},
     *     {@code timed_syscw}, {@code timed_vcsw} and {@code timed_ivcsw} ({@link ProcSelf})
     * @throws BenchFailure on a stall, a wrong size or a wrong frame count
     */
    public static PeerResult receive(BenchSocket socket, PeerArgs args) {
        return receive(socket, args, TimedBlockCounters.forThisProcess());
    }

    /**
     * Runs the receiving side, counting the timed block's system calls and context switches with
     * the given counter (or not, with {@link TimedBlockCounters#none()}).
     *
     * @param socket the bound or connected socket
     * @param args the run's arguments
     * @param counters started at the first timed message, stopped at the end marker
     * @return the result, as {@link #receive(BenchSocket, PeerArgs)}
     * @throws BenchFailure on a stall, a wrong size or a wrong frame count
     */
    static PeerResult receive(BenchSocket socket, PeerArgs args, TimedBlockCounters counters) {
        long limit = args.warmupMessages() + args.maxMessages();
        long deadlineNs = deadline(args);
        long received = 0;
        long bytes = 0;
        long firstTimedNs = 0;
        long endNs;
        while (true) {
            int n = socket.receive();
            if (n < 0) {
                throw new BenchFailure(
                        "TIMEOUT: no message within "
                                + args.timeoutMs()
                                + " ms after "
                                + received
                                + " received");
            }
            if (n == 0) {
                endNs = System.nanoTime();
                counters.stop();
                break;
            }
            if (n != args.sizeBytes()) {
                throw new BenchFailure(
                        "SIZE_MISMATCH: message "
                                + (received + 1)
                                + " has "
                                + n
                                + " bytes (expected: "
                                + args.sizeBytes()
                                + ")");
            }
            received++;
            bytes += n;
            if (received == args.warmupMessages() + 1) {
                firstTimedNs = System.nanoTime();
                counters.start();
            }
            if (received > limit) {
                throw new BenchFailure(
                        "COUNT_MISMATCH: more than " + limit + " messages before the end marker");
            }
            if ((received & 1023) == 0 && System.nanoTime() - deadlineNs > 0) {
                throw new BenchFailure(
                        "TIMEOUT: run deadline passed after " + received + " messages");
            }
        }
        long timed = received - args.warmupMessages() - 1;
        if (timed < 1) {
            throw new BenchFailure(
                    "COUNT_MISMATCH: only "
                            + received
                            + " messages (warm-up is "
                            + args.warmupMessages()
                            + "; nothing left to time)");
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", args.role().cliName());
        f.put("messages", Long.toString(received));
        f.put("bytes", Long.toString(bytes));
        f.put("timed_messages", Long.toString(timed));
        f.put("elapsed_ns", Long.toString(endNs - firstTimedNs));
        counters.addTo(f);
        return PeerResult.ok(f);
    }

    /**
     * Runs the sending side on a connected socket.
     *
     * @param socket the connected socket
     * @param args the run's arguments
     * @return the result: {@code messages}, {@code bytes}, {@code timed_messages}, {@code
     *     elapsed_ns} (timed part) and, where {@code /proc} can be read, the timed part's system
     *     call and context switch counts ({@code timed_syscr} ...)
     * @throws BenchFailure when a send stalls
     */
    public static PeerResult send(BenchSocket socket, PeerArgs args) {
        return send(socket, args, () -> {}, sent -> sendOrFail(socket, END_MARKER, sent));
    }

    /**
     * Runs the sending side with a hook before the timed part and its own way of ending the stream
     * (a publisher changes its high-water-mark behaviour there and repeats the end marker).
     *
     * @param socket the connected or bound socket
     * @param args the run's arguments
     * @param beforeTimed runs after the warm-up, before the clock starts
     * @param end sends the end marker once the clock stopped, given the messages sent so far
     * @return the result, as {@link #send(BenchSocket, PeerArgs)}
     * @throws BenchFailure when a send stalls
     */
    static PeerResult send(
            BenchSocket socket, PeerArgs args, Runnable beforeTimed, LongConsumer end) {
        byte[] payload = payload(args.sizeBytes());
        long sent = 0;
        for (long i = 0; i < args.warmupMessages(); i++) {
            sendOrFail(socket, payload, sent);
            sent++;
        }
        beforeTimed.run();
        TimedBlockCounters counters = TimedBlockCounters.forThisProcess();
        counters.start();
        long startNs = System.nanoTime();
        long stopNs = startNs + TimeUnit.MILLISECONDS.toNanos(args.durationMs());
        long timed = 0;
        while (timed < args.maxMessages()) {
            sendOrFail(socket, payload, sent);
            sent++;
            timed++;
            if ((timed & 255) == 0 && System.nanoTime() - stopNs > 0) {
                break;
            }
        }
        long elapsed = System.nanoTime() - startNs;
        counters.stop();
        end.accept(sent);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", args.role().cliName());
        f.put("messages", Long.toString(sent));
        f.put("bytes", Long.toString(sent * args.sizeBytes()));
        f.put("timed_messages", Long.toString(timed));
        f.put("elapsed_ns", Long.toString(elapsed));
        counters.addTo(f);
        return PeerResult.ok(f);
    }

    /**
     * Builds a payload of the given size with a recognizable byte pattern.
     *
     * @param size bytes
     * @return a new array
     */
    static byte[] payload(int size) {
        byte[] p = new byte[size];
        Arrays.fill(p, (byte) 'w');
        return p;
    }

    static void sendOrFail(BenchSocket socket, byte[] payload, long sentSoFar) {
        if (!socket.send(payload)) {
            throw new BenchFailure(
                    "TIMEOUT: send not taken within the stall timeout after "
                            + sentSoFar
                            + " messages sent");
        }
    }

    private static long deadline(PeerArgs args) {
        return System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(args.durationMs() + args.timeoutMs());
    }
}
