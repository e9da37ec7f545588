package dev.weft.bench.peer;

import dev.weft.bench.report.Stats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The two halves of a round-trip latency run, the Java equivalent of {@code remote_lat} (client)
 * and {@code local_lat} (echo).
 *
 * <p>The client does {@code warmup} untimed round trips, then timed ones until {@code maxMessages}
 * or {@code duration}, each timed with {@link System#nanoTime()} into a preallocated array; then it
 * sends the end marker and waits for it to come back. Percentiles are nearest-rank over the timed
 * samples ({@link Stats#percentile}).
 */
public final class LatencyRun {
    private static final byte[] END_MARKER = new byte[0];

    private LatencyRun() {}

    /**
     * Runs the client side on a connected socket.
     *
     * @param socket the connected socket
     * @param args the run's arguments
     * @return {@code messages}, {@code bytes}, {@code samples} and the {@code *_ns} statistics
     * @throws BenchFailure on a stall or a reply of the wrong size
     */
    public static PeerResult client(BenchSocket socket, PeerArgs args) {
        if (args.maxMessages() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "max-count: " + args.maxMessages() + " round trips (expected: < 2^31)");
        }
        byte[] payload = ThroughputRun.payload(args.sizeBytes());
        long[] samples = new long[(int) args.maxMessages()];
        long done = 0;
        for (long i = 0; i < args.warmupMessages(); i++) {
            roundTrip(socket, payload, args, done);
            done++;
        }
        long stopNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(args.durationMs());
        int n = 0;
        while (n < samples.length) {
            long t0 = System.nanoTime();
            roundTrip(socket, payload, args, done);
            long t1 = System.nanoTime();
            samples[n++] = t1 - t0;
            done++;
            if (t1 - stopNs > 0) {
                break;
            }
        }
        if (!socket.send(END_MARKER)) {
            throw new BenchFailure("TIMEOUT: the end marker was not taken");
        }
        int back = socket.receive();
        if (back != 0) {
            throw new BenchFailure(
                    back < 0
                            ? "TIMEOUT: the end marker did not come back"
                            : "COUNT_MISMATCH: a "
                                    + back
                                    + "-byte reply came instead of the end"
                                    + " marker");
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        long sum = 0;
        for (long s : sorted) {
            sum += s;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", args.role().cliName());
        f.put("messages", Long.toString(done));
        f.put("bytes", Long.toString(done * args.sizeBytes()));
        f.put("samples", Integer.toString(n));
        f.put("p50_ns", Long.toString(Stats.percentile(sorted, 50)));
        f.put("p99_ns", Long.toString(Stats.percentile(sorted, 99)));
        f.put("p999_ns", Long.toString(Stats.percentile(sorted, 99.9)));
        f.put("min_ns", Long.toString(sorted[0]));
        f.put("max_ns", Long.toString(sorted[n - 1]));
        f.put("mean_ns", Long.toString(sum / n));
        return PeerResult.ok(f);
    }

    /**
     * Runs the echo side on a bound socket until the end marker has been returned.
     *
     * @param socket the bound socket
     * @param args the run's arguments
     * @return {@code messages} and {@code bytes} echoed (end marker excluded)
     * @throws BenchFailure on a stall or a message of the wrong size
     */
    public static PeerResult echo(BenchSocket socket, PeerArgs args) {
        long limit = args.warmupMessages() + args.maxMessages();
        long deadlineNs =
                System.nanoTime()
                        + TimeUnit.MILLISECONDS.toNanos(args.durationMs() + args.timeoutMs());
        long echoed = 0;
        while (true) {
            int n = socket.echo();
            if (n < 0) {
                throw new BenchFailure(
                        "TIMEOUT: no message within "
                                + args.timeoutMs()
                                + " ms after "
                                + echoed
                                + " echoed");
            }
            if (n == 0) {
                break;
            }
            if (n != args.sizeBytes()) {
                throw new BenchFailure(
                        "SIZE_MISMATCH: message "
                                + (echoed + 1)
                                + " has "
                                + n
                                + " bytes (expected: "
                                + args.sizeBytes()
                                + ")");
            }
            echoed++;
            if (echoed > limit) {
                throw new BenchFailure(
                        "COUNT_MISMATCH: more than " + limit + " messages before the end marker");
            }
            if ((echoed & 255) == 0 && System.nanoTime() - deadlineNs > 0) {
                throw new BenchFailure("TIMEOUT: run deadline passed after " + echoed + " echoes");
            }
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", args.role().cliName());
        f.put("messages", Long.toString(echoed));
        f.put("bytes", Long.toString(echoed * args.sizeBytes()));
        return PeerResult.ok(f);
    }

    private static void roundTrip(BenchSocket socket, byte[] payload, PeerArgs args, long done) {
        if (!socket.send(payload)) {
            throw new BenchFailure("TIMEOUT: send not taken after " + done + " round trips");
        }
        int n = socket.receive();
        if (n < 0) {
            throw new BenchFailure(
                    "TIMEOUT: no reply within "
                            + args.timeoutMs()
                            + " ms after "
                            + done
                            + " round trips");
        }
        if (n != args.sizeBytes()) {
            throw new BenchFailure(
                    "SIZE_MISMATCH: reply "
                            + (done + 1)
                            + " has "
                            + n
                            + " bytes (expected: "
                            + args.sizeBytes()
                            + ")");
        }
    }
}
