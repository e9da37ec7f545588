package dev.weft.bench.harness;

import dev.weft.bench.Library;
import dev.weft.bench.peer.PeerArgs;
import dev.weft.bench.peer.PeerResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one run: starts the binding peer, waits for its endpoint, starts the connecting peer, waits
 * for both results within deadlines, verifies them and computes the metrics. Both processes are
 * always gone when it returns.
 */
public final class RunExecutor {
    /** Longest wait for a binding peer's READY line (JVM start included). */
    static final long READY_TIMEOUT_MS = 30_000;

    /** The name inproc runs bind, in their own process's context. */
    static final String INPROC_ENDPOINT = "inproc://weft-bench-thr";

    /** How long the other side may still take after one side failed. */
    static final long GRACE_AFTER_FAILURE_MS = 3_000;

    private final Map<Library, PeerLauncher> launchers;
    private final Profile profile;
    private final Path logDir;
    private final long readyTimeoutMs;
    private final long resultTimeoutMs;
    private final int idleConnections;

    /**
     * Creates an executor whose idle-connection runs open the profile's number of connections.
     *
     * @param launchers how to start each available library's peers
     * @param profile durations and counts
     * @param logDir where each peer's stderr goes
     */
    public RunExecutor(Map<Library, PeerLauncher> launchers, Profile profile, Path logDir) {
        this(launchers, profile, logDir, profile.idleConnections());
    }

    /**
     * Creates an executor.
     *
     * @param launchers how to start each available library's peers
     * @param profile durations and counts
     * @param logDir where each peer's stderr goes
     * @param idleConnections how many connections idle-connection runs open
     */
    public RunExecutor(
            Map<Library, PeerLauncher> launchers,
            Profile profile,
            Path logDir,
            int idleConnections) {
        this(launchers, profile, logDir, READY_TIMEOUT_MS, 0, idleConnections);
    }

    /**
     * Creates an executor with other process timeouts (for tests of the failure paths).
     *
     * @param launchers how to start each available library's peers
     * @param profile durations and counts
     * @param logDir where each peer's stderr goes
     * @param readyTimeoutMs longest wait for the binding peer's READY line
     * @param resultTimeoutMs longest wait for a result; 0 for the profile's duration plus twice its
     *     stall timeout plus 30 s
     * @param idleConnections how many connections idle-connection runs open
     */
    RunExecutor(
            Map<Library, PeerLauncher> launchers,
            Profile profile,
            Path logDir,
            long readyTimeoutMs,
            long resultTimeoutMs,
            int idleConnections) {
        if (idleConnections < 1) {
            throw new IllegalArgumentException(
                    "idleConnections: " + idleConnections + " (expected: >= 1)");
        }
        this.launchers = Map.copyOf(launchers);
        this.profile = profile;
        this.logDir = logDir;
        this.readyTimeoutMs = readyTimeoutMs;
        this.resultTimeoutMs = resultTimeoutMs;
        this.idleConnections = idleConnections;
    }

    /**
     * Builds the binding peer's arguments for a run.
     *
     * @param scenario the scenario
     * @param library the library
     * @param profile the profile
     * @param idleConnections how many connections an idle-connection run opens (ignored by other
     *     kinds)
     * @return the arguments; the connecting peer gets the same with its role and the endpoint. For
     *     idle connections: no warm-up, the connections, and their budget as the duration
     */
    public static PeerArgs bindingArgs(
            Scenario scenario, Library library, Profile profile, int idleConnections) {
        Scenario.Kind kind = scenario.kind();
        boolean idle = kind == Scenario.Kind.IDLE_CONNECTIONS;
        return new PeerArgs(
                library,
                scenario.pattern(),
                kind.bindingRole(),
                kind.overInproc()
                        ? INPROC_ENDPOINT
                        : kind.overUdp() ? "udp://127.0.0.1:*" : "tcp://127.0.0.1:*",
                scenario.sizeBytes(),
                idle ? 0 : profile.warmupMessages(kind, scenario.sizeBytes()),
                profile.maxMessages(kind),
                idle ? profile.idleBudgetMs(idleConnections) : profile.durationMs(kind),
                profile.stallTimeoutMs(),
                idle ? idleConnections : 0);
    }

    private static RunRecord verified(
            Scenario scenario,
            Library library,
            int round,
            PeerArgs bindArgs,
            PeerResult c,
            PeerResult b) {
        Scenario.Kind kind = scenario.kind();
        List<String> problems = RunVerifier.problems(kind, bindArgs, c, b);
        if (!problems.isEmpty()) {
            return RunRecord.failed(scenario, library, round, String.join("; ", problems), c, b);
        }
        return new RunRecord(
                scenario, library, round, null, RunVerifier.metrics(kind, bindArgs, c, b), c, b);
    }

    /**
     * Returns the connecting side's part of a one-process run's result: its fields with the {@link
     * Scenario#CONNECTING_PREFIX} taken off; a failed result stays failed.
     *
     * @param both the process's result
     * @return the connecting side's result
     */
    static PeerResult connectingOf(PeerResult both) {
        if (!both.isOk()) {
            return both;
        }
        Map<String, String> f = new LinkedHashMap<>();
        both.fields()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(Scenario.CONNECTING_PREFIX)) {
                                f.put(k.substring(Scenario.CONNECTING_PREFIX.length()), v);
                            }
                        });
        return PeerResult.ok(f);
    }

    /**
     * Runs one scenario with one library once.
     *
     * @param scenario what to run
     * @param library with which implementation (must have a launcher)
     * @param round 1-based round, for the record and the log file names
     * @return the record: metrics when verified, else the error
     */
    public RunRecord run(Scenario scenario, Library library, int round) {
        PeerLauncher launcher = launchers.get(library);
        if (launcher == null) {
            throw new IllegalArgumentException("no launcher for " + library);
        }
        Scenario.Kind kind = scenario.kind();
        PeerArgs bindArgs = bindingArgs(scenario, library, profile, idleConnections);
        long resultTimeout =
                resultTimeoutMs > 0
                        ? resultTimeoutMs
                        : bindArgs.durationMs() + 2 * bindArgs.timeoutMs() + 30_000;
        String base = scenario.id() + "-" + library.cliName() + "-r" + round;
        String bindName = library.cliName() + " " + kind.bindingRole().cliName();
        String connectName = library.cliName() + " " + kind.connectingRole().cliName();
        try (PeerProcess binding =
                PeerProcess.start(
                        bindName,
                        launcher.command(bindArgs),
                        logDir.resolve(base + "-" + kind.bindingRole().cliName() + ".log"))) {
            String endpoint = binding.awaitReady(readyTimeoutMs);
            if (endpoint == null) {
                return RunRecord.failed(scenario, library, round, binding.failure(), null, null);
            }
            if (kind.inOneProcess()) {
                PeerResult both = binding.awaitResult(resultTimeout);
                return verified(scenario, library, round, bindArgs, connectingOf(both), both);
            }
            PeerArgs connectArgs = bindArgs.withRole(kind.connectingRole(), endpoint);
            try (PeerProcess connecting =
                    PeerProcess.start(
                            connectName,
                            launcher.command(connectArgs),
                            logDir.resolve(
                                    base + "-" + kind.connectingRole().cliName() + ".log"))) {
                PeerResult c = connecting.awaitResult(resultTimeout);
                PeerResult b =
                        binding.awaitResult(c.isOk() ? resultTimeout : GRACE_AFTER_FAILURE_MS);
                return verified(scenario, library, round, bindArgs, c, b);
            }
        } catch (RuntimeException e) {
            return RunRecord.failed(scenario, library, round, "HARNESS: " + e, null, null);
        }
    }
}
