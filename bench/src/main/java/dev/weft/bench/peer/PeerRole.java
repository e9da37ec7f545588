package dev.weft.bench.peer;

/** What one peer process does in a run. */
public enum PeerRole {
    /** Binds, receives until the end marker, reports counts and the timed interval. */
    THROUGHPUT_RECEIVER("thr-recv", true, false),
    /** Connects, sends warm-up then timed messages, then the end marker. */
    THROUGHPUT_SENDER("thr-send", false, true),
    /**
     * Binds the receiver on an inproc name, connects the sender in the same context and runs both
     * halves of a throughput run, the sender on a second thread; reports the receiver's fields and
     * the sender's with a prefix ({@link dev.weft.bench.harness.Scenario#CONNECTING_PREFIX}).
     */
    INPROC_RECEIVER("inproc-recv", true, false),
    /** The sending half of an inproc run: a thread of the {@link #INPROC_RECEIVER} process. */
    INPROC_SENDER("inproc-send", false, true),
    /**
     * Binds a DISH (joined to the run's group) and connects a RADIO in the same process, runs the
     * sender on a second thread and reports what reached the dish ({@link GroupsRun}); the sender's
     * fields carry the prefix {@link dev.weft.bench.harness.Scenario#CONNECTING_PREFIX}.
     */
    GROUPS_RECEIVER("groups-recv", true, false),
    /** The sending half of a groups run: a thread of the {@link #GROUPS_RECEIVER} process. */
    GROUPS_SENDER("groups-send", false, true),
    /** Binds, returns every message to its sender until the end marker. */
    LATENCY_ECHO("lat-echo", true, false),
    /** Connects, times each round trip into a preallocated array, reports percentiles. */
    LATENCY_CLIENT("lat-client", false, true),
    /**
     * Binds, waits for every subscriber, publishes with the default high-water-mark behaviour
     * (messages for a full subscriber are dropped) during the timed part.
     */
    FANOUT_PUBLISHER("fan-pub", true, true),
    /** Binds, waits for every subscriber, publishes without ever dropping (blocks at HWM). */
    FANOUT_PUBLISHER_LOSSLESS("fan-pub-nodrop", true, true),
    /**
     * Connects several subscribers, each on its own thread, and reports each one's count and rate.
     */
    FANOUT_SUBSCRIBERS("fan-sub", false, false),
    /**
     * Binds a ROUTER, counts one hello from each of the connecting process's DEALERs and measures
     * its own memory once all of them are connected.
     */
    IDLE_ACCEPT("idle-accept", true, false),
    /**
     * Creates and connects the idle DEALERs (all in one context), each sending one hello, and
     * measures its memory and the time until the ROUTER has heard from all of them.
     */
    IDLE_CONNECT("idle-connect", false, true);

    private final String cliName;
    private final boolean binds;
    private final boolean sends;

    PeerRole(String cliName, boolean binds, boolean sends) {
        this.cliName = cliName;
        this.binds = binds;
        this.sends = sends;
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
     * @return true for the receiver, the echo side and the publisher
     */
    public boolean binds() {
        return binds;
    }

    /**
     * Tells whether this role opens the pattern's sending socket type ({@link
     * dev.weft.bench.Pattern#sender()}) rather than its receiving one.
     *
     * @return true for the throughput sender, the latency client and the publisher
     */
    public boolean sends() {
        return sends;
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
                "role: '"
                        + name
                        + "' (expected: thr-recv, thr-send, inproc-recv, inproc-send, groups-recv,"
                        + " groups-send, lat-echo, lat-client, fan-pub,"
                        + " fan-pub-nodrop, fan-sub, idle-accept or idle-connect)");
    }
}
