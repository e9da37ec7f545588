package dev.weft.bench.harness;

/**
 * How long and how often scenarios run: the full comparison, a quick check, or the tiny smoke mode
 * the harness's own test uses.
 */
public enum Profile {
    /**
     * About 10 minutes on a 2-core machine: 5 rounds, 2 s (throughput) or 3 s (latency) per run,
     * 10,000 idle connections.
     */
    FULL(5, 2_000, 3_000, 128L << 20, 2_000, 200_000, 10_000, 10_000, 10_000),
    /** About half a minute: 3 rounds of fewer scenarios, 0.5 s timed per run, 500 idle. */
    QUICK(3, 500, 500, 32L << 20, 1_000, 50_000, 2_000, 10_000, 500),
    /** Seconds: 1 round, a few hundred messages; checks that everything runs, measures nothing. */
    SMOKE(1, 200, 200, 0, 20, 20, 20, 10_000, 20);

    /** The fixed part of the idle-connection budget: JVM work, GC and the control exchange. */
    static final long IDLE_BUDGET_BASE_MS = 30_000;

    /** The idle-connection budget per connection, generous for a loaded 2-core machine. */
    static final long IDLE_BUDGET_PER_CONNECTION_MS = 20;

    private final int rounds;
    private final long throughputDurationMs;
    private final long latencyDurationMs;
    private final long warmupBytes;
    private final long minWarmup;
    private final long maxWarmup;
    private final long latencyWarmup;
    private final long stallTimeoutMs;
    private final int idleConnections;

    Profile(
            int rounds,
            long throughputDurationMs,
            long latencyDurationMs,
            long warmupBytes,
            long minWarmup,
            long maxWarmup,
            long latencyWarmup,
            long stallTimeoutMs,
            int idleConnections) {
        this.rounds = rounds;
        this.throughputDurationMs = throughputDurationMs;
        this.latencyDurationMs = latencyDurationMs;
        this.warmupBytes = warmupBytes;
        this.minWarmup = minWarmup;
        this.maxWarmup = maxWarmup;
        this.latencyWarmup = latencyWarmup;
        this.stallTimeoutMs = stallTimeoutMs;
        this.idleConnections = idleConnections;
    }

    /**
     * Returns how many idle connections the idle-connection row opens unless told otherwise.
     *
     * @return connections
     */
    public int idleConnections() {
        return idleConnections;
    }

    /**
     * Returns the most time an idle-connection run may take to open and hear from all its
     * connections: {@value #IDLE_BUDGET_BASE_MS} ms plus {@value #IDLE_BUDGET_PER_CONNECTION_MS} ms
     * per connection.
     *
     * @param connections the connections to open
     * @return milliseconds
     */
    public long idleBudgetMs(int connections) {
        return IDLE_BUDGET_BASE_MS + IDLE_BUDGET_PER_CONNECTION_MS * connections;
    }

    /**
     * Returns the default number of rounds (each library runs once per round).
     *
     * @return rounds
     */
    public int rounds() {
        return rounds;
    }

    /**
     * Returns how long the timed part of a run lasts at most.
     *
     * @param kind the scenario kind
     * @return milliseconds
     */
    public long durationMs(Scenario.Kind kind) {
        return kind.roundTrips() ? latencyDurationMs : throughputDurationMs;
    }

    /**
     * Returns the untimed warm-up: a byte budget for throughput (clamped to a message range, so
     * small messages warm the JIT and large ones do not take seconds), a round-trip count for
     * latency.
     *
     * @param kind the scenario kind
     * @param sizeBytes the message size
     * @return warm-up messages or round trips
     */
    public long warmupMessages(Scenario.Kind kind, int sizeBytes) {
        if (kind.roundTrips()) {
            return latencyWarmup;
        }
        return Math.max(minWarmup, Math.min(maxWarmup, warmupBytes / sizeBytes));
    }

    /**
     * Returns the most timed messages (or round trips) of a run; runs normally end on duration.
     *
     * @param kind the scenario kind
     * @return a count bound
     */
    public long maxMessages(Scenario.Kind kind) {
        if (this == SMOKE) {
            return 300;
        }
        return kind.roundTrips() ? 500_000L : 100_000_000L;
    }

    /**
     * Returns the longest wait for any single message before a run fails with TIMEOUT.
     *
     * @return milliseconds
     */
    public long stallTimeoutMs() {
        return stallTimeoutMs;
    }
}
