package dev.weft.bench.peer;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one peer process needs to know, as {@code --name value} pairs on its command line (the
 * libzmq C peer reads the same names).
 *
 * @param library which implementation to run
 * @param pattern which socket pair
 * @param role what this peer does
 * @param endpoint where to bind (ephemeral port, e.g. {@code tcp://127.0.0.1:*}) or connect
 * @param sizeBytes payload size of every message but the end marker; at least 1
 * @param warmupMessages messages (or round trips) before timing starts
 * @param maxMessages most timed messages (or round trips); the sender may stop earlier
 * @param durationMs the sender stops timed sending after about this long
 * @param timeoutMs longest wait for any single message, and for the whole role beyond duration
 * @param connections idle connections to open (idle-connection roles; 0 for every other role, which
 *     ignores it); for idle roles {@code durationMs} is the budget for opening them all
 */
public record PeerArgs(
        Library library,
        Pattern pattern,
        PeerRole role,
        String endpoint,
        int sizeBytes,
        long warmupMessages,
        long maxMessages,
        long durationMs,
        long timeoutMs,
        int connections) {

    /** Validates the fields. */
    public PeerArgs {
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("size: " + sizeBytes + " (expected: >= 1)");
        }
        if (warmupMessages < 0) {
            throw new IllegalArgumentException("warmup: " + warmupMessages + " (expected: >= 0)");
        }
        if (maxMessages < 2) {
            throw new IllegalArgumentException("max-count: " + maxMessages + " (expected: >= 2)");
        }
        if (durationMs < 1 || timeoutMs < 1) {
            throw new IllegalArgumentException(
                    "duration-ms/timeout-ms: "
                            + durationMs
                            + "/"
                            + timeoutMs
                            + " (expected: >= 1)");
        }
        if (connections < 0) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: >= 0)");
        }
    }

    /**
     * Creates the arguments of a role that opens no idle connections.
     *
     * @param library which implementation to run
     * @param pattern which socket pair
     * @param role what this peer does
     * @param endpoint where to bind or connect
     * @param sizeBytes payload size
     * @param warmupMessages messages (or round trips) before timing starts
     * @param maxMessages most timed messages (or round trips)
     * @param durationMs the sender stops timed sending after about this long
     * @param timeoutMs longest wait for any single message
     */
    public PeerArgs(
            Library library,
            Pattern pattern,
            PeerRole role,
            String endpoint,
            int sizeBytes,
            long warmupMessages,
            long maxMessages,
            long durationMs,
            long timeoutMs) {
        this(
                library,
                pattern,
                role,
                endpoint,
                sizeBytes,
                warmupMessages,
                maxMessages,
                durationMs,
                timeoutMs,
                0);
    }

    /**
     * Returns a copy with another role and endpoint (the sender's args from the receiver's).
     *
     * @param role the other role
     * @param endpoint the endpoint to connect to
     * @return the new args
     */
    public PeerArgs withRole(PeerRole role, String endpoint) {
        return new PeerArgs(
                library,
                pattern,
                role,
                endpoint,
                sizeBytes,
                warmupMessages,
                maxMessages,
                durationMs,
                timeoutMs,
                connections);
    }

    /**
     * Renders the arguments that {@link #parse} reads back (without the library, which selects the
     * program).
     *
     * @return {@code --name value} pairs
     */
    public List<String> toArgs() {
        List<String> a = new ArrayList<>();
        add(a, "library", library.cliName());
        add(a, "pattern", pattern.name());
        add(a, "role", role.cliName());
        add(a, "endpoint", endpoint);
        add(a, "size", Integer.toString(sizeBytes));
        add(a, "warmup", Long.toString(warmupMessages));
        add(a, "max-count", Long.toString(maxMessages));
        add(a, "duration-ms", Long.toString(durationMs));
        add(a, "timeout-ms", Long.toString(timeoutMs));
        add(a, "connections", Integer.toString(connections));
        return a;
    }

    /**
     * Parses {@code --name value} pairs.
     *
     * @param args the arguments
     * @return the parsed args
     * @throws IllegalArgumentException when a name is unknown, a value is missing or invalid
     */
    public static PeerArgs parse(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException(
                        "peer argument '" + name + "' (expected: --name value pairs)");
            }
            m.put(name.substring(2), args.get(i + 1));
        }
        PeerArgs p =
                new PeerArgs(
                        Library.fromCliName(required(m, "library")),
                        Pattern.valueOf(required(m, "pattern")),
                        PeerRole.fromCliName(required(m, "role")),
                        required(m, "endpoint"),
                        Integer.parseInt(required(m, "size")),
                        Long.parseLong(required(m, "warmup")),
                        Long.parseLong(required(m, "max-count")),
                        Long.parseLong(required(m, "duration-ms")),
                        Long.parseLong(required(m, "timeout-ms")),
                        Integer.parseInt(required(m, "connections")));
        if (!m.isEmpty()) {
            throw new IllegalArgumentException("peer arguments: unknown " + m.keySet());
        }
        return p;
    }

    private static String required(Map<String, String> m, String name) {
        String v = m.remove(name);
        if (v == null) {
            throw new IllegalArgumentException("peer argument --" + name + " is missing");
        }
        return v;
    }

    private static void add(List<String> a, String name, String value) {
        a.add("--" + name);
        a.add(value);
    }
}
