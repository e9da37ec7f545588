package dev.weft.bench.flood;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code flood}.
 *
 * @param target the loopback address to flood
 * @param duration how long to keep opening connections
 * @param count most connections to open in all (the flood stops at whichever limit comes first)
 * @param threads how many threads open connections
 * @param intactShare the share of connections, 0..1, that send the bytes unchanged
 * @param bodySize the size of each connection's message body, in octets
 * @param seed the seed of the mutations, so a run can be repeated
 * @param heapPid a process whose heap after a full GC is sampled during the flood, or 0 for none
 * @param sampleInterval how often the heap and the progress line are reported
 */
public record FloodOptions(
        InetSocketAddress target,
        Duration duration,
        long count,
        int threads,
        double intactShare,
        int bodySize,
        long seed,
        long heapPid,
        Duration sampleInterval) {

    /** Largest message body a flooding connection sends. */
    public static final int MAX_BODY = 1024 * 1024;

    /** The usage text. */
    public static final String USAGE =
            """
            usage: flood --endpoint tcp://127.0.0.1:PORT [--duration 2m] [--count N] [--threads 2]
                         [--intact 0.5] [--body-size 48] [--seed 1] [--heap-pid PID]
                         [--interval 20s]
              --endpoint   where to connect; loopback addresses only
              --duration   how long to flood (default 2m; s, m or ISO-8601 such as PT10M)
              --count      most connections in all (default: no limit but the duration)
              --threads    threads opening connections (default 2)
              --intact     share of connections sending a valid greeting + READY + message
                           unchanged (default 0.5); the others change 1 to 3 random octets
              --body-size  octets in each message body (default 48; bodies over 1 KiB stay
                           slices of the receiver's read buffer in Weft)
              --seed       seed of the mutations (default 1)
              --heap-pid   a JVM to sample: every interval, jcmd PID GC.run, then its heap used;
                           the flood stops once that process has exited
              --interval   how often to print progress and the heap sample (default 20s)
            """;

    /** Validates. */
    public FloodOptions {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(
                    "flood: --endpoint " + target + " (expected: a loopback address)");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(
                    "flood: --duration " + duration + " (expected: a duration > 0)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("flood: --count " + count + " (expected: >= 1)");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException(
                    "flood: --threads " + threads + " (expected: 1..64)");
        }
        if (!(intactShare >= 0 && intactShare <= 1)) {
            throw new IllegalArgumentException(
                    "flood: --intact " + intactShare + " (expected: 0..1)");
        }
        if (bodySize < 0 || bodySize > MAX_BODY) {
            throw new IllegalArgumentException(
                    "flood: --body-size " + bodySize + " (expected: 0.." + MAX_BODY + ")");
        }
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException(
                    "flood: --interval " + sampleInterval + " (expected: a duration > 0)");
        }
    }

    /**
     * Parses the command line of {@code flood}.
     *
     * @param args the arguments after {@code flood}
     * @return the options
     * @throws IllegalArgumentException on an unknown, missing or malformed argument
     */
    public static FloodOptions parse(List<String> args) {
        InetSocketAddress target = null;
        Duration duration = Duration.ofMinutes(2);
        long count = Long.MAX_VALUE;
        int threads = 2;
        double intact = 0.5;
        int bodySize = 48;
        long seed = 1;
        long heapPid = 0;
        Duration interval = Duration.ofSeconds(20);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = value(args, ++i, a);
            try {
                switch (a) {
                    case "--endpoint" -> target = parseEndpoint(v);
                    case "--duration" -> duration = parseDuration(v);
                    case "--count" -> count = Long.parseLong(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--intact" -> intact = Double.parseDouble(v);
                    case "--body-size" -> bodySize = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--heap-pid" -> heapPid = Long.parseLong(v);
                    case "--interval" -> interval = parseDuration(v);
                    default ->
                            throw new IllegalArgumentException(
                                    "flood: unknown argument '" + a + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "flood: " + a + " '" + v + "' (expected: a number)", e);
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("flood: --endpoint is required");
        }
        return new FloodOptions(
                target, duration, count, threads, intact, bodySize, seed, heapPid, interval);
    }

    private static InetSocketAddress parseEndpoint(String endpoint) {
        if (!endpoint.startsWith("tcp://")) {
            throw new IllegalArgumentException(
                    "flood: --endpoint '" + endpoint + "' (expected: tcp://host:port)");
        }
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "flood: --endpoint '" + endpoint + "' (expected: tcp://host:port)");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "flood: --endpoint '" + endpoint + "': unknown host", e);
        }
    }

    private static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "flood: duration '" + text + "' (expected: e.g. 90s, 10m or PT10M)", e);
        }
        throw new IllegalArgumentException(
                "flood: duration '" + text + "' (expected: e.g. 90s, 10m or PT10M)");
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("flood: " + name + " needs a value");
        }
        return args.get(i);
    }
}
