package dev.weft.bench.peer;

/** What one peer process does in a run. */
public enum PeerRole {
    /** Binds, receives until the end marker, reports counts and the timed interval. */
    THROUGHPUT_RECEIVER("thr-recv", true),
    /** Connects, sends warm-up then timed messages, then the end marker. */
    THROUGHPUT_SENDER("thr-send", false),
    /** Binds, returns every message to its sender until the end marker. */
    LATENCY_ECHO("lat-echo", true),
    /** Connects, times each round trip into a preallocated array, reports percentiles. */
    LATENCY_CLIENT("lat-client", false);

    private final String cliName;
    private final boolean binds;

    PeerRole(String cliName, boolean binds) {
        this.cliName = cliName;
        this.binds = binds;
    }

    /**
     * Returns the name used on command lines and in {@code RESULT} lines.
     *
     * @return e.g. {@code thr-recv}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Tells whether this role binds (and prints {@code READY}) rather than connects.
     *
     * @return true for the receiver and the echo side
     */
    public boolean binds() {
        return binds;
    }

    /**
     * Parses a command-line name.
     *
     * @param name e.g. {@code lat-echo}
     * @return the role
     * @throws IllegalArgumentException for an unknown name
     */
    public static PeerRole fromCliName(String name) {
        for (PeerRole r : values()) {
            if (r.cliName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "role: '" + name + "' (expected: thr-recv, thr-send, lat-echo or lat-client)");
    }
}
