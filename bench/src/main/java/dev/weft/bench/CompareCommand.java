package dev.weft.bench;

import dev.weft.bench.harness.IdleBudget;
import dev.weft.bench.harness.JavaPeerLauncher;
import dev.weft.bench.harness.LibzmqPeerBuilder;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.PeerLauncher;
import dev.weft.bench.harness.RunExecutor;
import dev.weft.bench.harness.RunRecord;
import dev.weft.bench.harness.Scenario;
import dev.weft.bench.peer.ProcSelf;
import dev.weft.bench.report.ChartWriter;
import dev.weft.bench.report.Environment;
import dev.weft.bench.report.NumberFormat;
import dev.weft.bench.report.ReportTables;
import dev.weft.bench.report.ResultsWriter;
import dev.weft.bench.report.Summary;
import dev.weft.bench.report.Target;
import dev.weft.bench.report.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code compare}: runs every scenario of a profile for each library in alternation (round 1: A B
 * C, round 2: A B C, …), then prints the Markdown report and writes the CSV, report and chart.
 * Exits 1 when any run failed its checks (after reporting everything else), 0 otherwise.
 */
public final class CompareCommand {
    /**
     * The outcome of a comparison.
     *
     * @param runs every run, in order
     * @param report the Markdown report printed on stdout
     * @param exitStatus 0 when every run passed, 1 otherwise
     */
    public record Outcome(List<RunRecord> runs, String report, int exitStatus) {}

    /** The metrics each run's progress line shows (the report has them all). */
    private static final Set<Metric> LOGGED =
            EnumSet.of(
                    Metric.MESSAGES_PER_SECOND,
                    Metric.MEGABYTES_PER_SECOND,
                    Metric.P50_MICROS,
                    Metric.P99_MICROS,
                    Metric.P999_MICROS,
                    Metric.DELIVERED_PERCENT,
                    Metric.SENDER_WRITE_SYSCALLS,
                    Metric.RECEIVER_READ_SYSCALLS,
                    Metric.CONNECT_MILLIS,
                    Metric.CONNECT_CALLS_MILLIS,
                    Metric.CONNECTING_RSS_KIB,
                    Metric.ACCEPTING_RSS_KIB);

    private CompareCommand() {}

    /**
     * Runs a comparison.
     *
     * @param options what to run
     * @param out where the report goes
     * @param log where progress and failures go
     * @return the outcome
     * @throws IOException when the output files cannot be written
     */
    public static Outcome run(CompareOptions options, PrintStream out, PrintStream log)
            throws IOException {
        long startNs = System.nanoTime();
        String loadBefore = Environment.loadAverage();
        Path outDir = options.outputDir().toAbsolutePath();
        Map<Library, PeerLauncher> launchers = new EnumMap<>(Library.class);
        JavaPeerLauncher javaPeers = JavaPeerLauncher.forCurrentJvm(options.peerJvmFlags());
        for (Library l : List.of(Library.WEFT, Library.JEROMQ, Library.RAW_NIO)) {
            if (options.libraries().contains(l)) {
                launchers.put(l, javaPeers);
            }
        }
        String libzmqNote;
        if (options.libraries().contains(Library.LIBZMQ)) {
            LibzmqPeerBuilder.Availability a =
                    LibzmqPeerBuilder.build(outDir.resolve("libzmq-peer"));
            if (a.isAvailable()) {
                launchers.put(Library.LIBZMQ, a.launcher());
                libzmqNote = a.version() + " (C peers compiled by the harness)";
            } else {
                libzmqNote = "column skipped: " + a.skipReason();
                log.println("libzmq " + libzmqNote);
            }
        } else {
            libzmqNote = "not requested";
        }

        List<Scenario> scenarios = options.scenarios();
        int total = 0;
        for (Scenario s : scenarios) {
            total +=
                    options.rounds()
                            * (int) s.libraries().stream().filter(launchers::containsKey).count();
        }
        log.printf(
                "compare: %s profile, %d rounds, %d runs, output in %s%n",
                options.profile().name().toLowerCase(Locale.ROOT), options.rounds(), total, outDir);
        IdleBudget idle = idleBudget(options, scenarios, launchers, outDir, log);
        RunExecutor executor =
                new RunExecutor(
                        launchers, options.profile(), outDir.resolve("logs"), idle.connections());
        List<RunRecord> runs = new ArrayList<>();
        int done = 0;
        for (Scenario s : scenarios) {
            for (int round = 1; round <= options.rounds(); round++) {
                for (Library lib : s.libraries()) {
                    if (!launchers.containsKey(lib)) {
                        continue;
                    }
                    RunRecord r = executor.run(s, lib, round);
                    runs.add(r);
                    done++;
                    logRun(log, r, done, total, options.rounds());
                }
            }
        }

        Summary summary = Summary.of(runs);
        List<Library> columns = new ArrayList<>();
        for (Library l : List.of(Library.WEFT, Library.JEROMQ, Library.LIBZMQ)) {
            if (launchers.containsKey(l)) {
                columns.add(l);
            }
        }
        Environment env = Environment.current(javaPeers.jvmFlags(), libzmqNote, loadBefore);
        long seconds = (System.nanoTime() - startNs) / 1_000_000_000L;
        String report = report(options, scenarios, summary, columns, env, runs, seconds, idle);
        ResultsWriter.writeCsv(outDir, runs);
        ResultsWriter.writeMarkdown(outDir, report);
        Path chart;
        try {
            chart =
                    ChartWriter.writeThroughput(
                            outDir,
                            summary,
                            scenarios,
                            columns,
                            "median of " + options.rounds() + " rounds");
        } catch (IOException | RuntimeException | Error e) {
            log.println("compare: the chart could not be drawn: " + e);
            chart = null;
        }
        out.print(report);
        out.flush();
        log.println(
                "compare: wrote "
                        + outDir.resolve("runs.csv")
                        + ", "
                        + outDir.resolve("results.md")
                        + (chart == null ? "" : ", " + chart)
                        + " in "
                        + seconds
                        + " s");
        int status = summary.hasErrors() ? 1 : 0;
        if (status != 0) {
            log.println(
                    "compare: FAILED: "
                            + runs.stream().filter(r -> !r.isOk()).count()
                            + " run(s) failed their checks (see above and results.md); no ratio was"
                            + " reported for them");
        }
        return new Outcome(List.copyOf(runs), report, status);
    }

    private static String report(
            CompareOptions options,
            List<Scenario> scenarios,
            Summary summary,
            List<Library> columns,
            Environment env,
            List<RunRecord> runs,
            long seconds,
            IdleBudget idle) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Weft vs JeroMQ vs libzmq, ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("\n\n");
        sb.append(env.toMarkdown());
        sb.append("- profile: ")
                .append(options.profile().name().toLowerCase(Locale.ROOT))
                .append(", ")
                .append(options.rounds())
                .append(" round(s) per library, alternating; ")
                .append(runs.size())
                .append(" runs in ")
                .append(seconds)
                .append(" s\n");
        sb.append(
                "- cells: median of the rounds (min–max); ratios are medians' ratios, shown only"
                        + " when every run of both cells passed its count checks\n\n");
        String library = ReportTables.libraryTable(summary, scenarios, columns);
        if (!library.isEmpty()) {
            sb.append(library).append('\n');
        }
        String ref = ReportTables.referenceTable(summary, scenarios);
        if (!ref.isEmpty()) {
            sb.append(ref).append('\n');
        }
        String syscalls = ReportTables.syscallTable(summary, scenarios, columns);
        if (!syscalls.isEmpty()) {
            sb.append("### Syscalls and context switches per message\n\n")
                    .append(
                            "Each side's own timed block: read and write calls from"
                                    + " /proc/<pid>/io (syscr, syscw), plus the send and recv"
                                    + " calls it does not count (libzmq's TCP I/O; its peer counts"
                                    + " them itself), and every thread's voluntary and involuntary"
                                    + " context switches; n/a where /proc cannot be read.\n\n")
                    .append(syscalls)
                    .append('\n');
        }
        String idleTable = ReportTables.idleTable(summary, scenarios, columns);
        if (!idleTable.isEmpty()) {
            sb.append("### Idle connections\n\n")
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "%,d DEALERs in one process (one context), each connected to"
                                            + " one ROUTER in another; per connection: (after −"
                                            + " before) / N; heap after a full GC; n/a where a"
                                            + " figure cannot be read (heap and direct for the C"
                                            + " peer).%s%n%n",
                                    idle.connections(),
                                    idle.note().isEmpty() ? "" : " Note: " + idle.note() + "."))
                    .append(idleTable)
                    .append('\n');
        }
        List<String> ran = scenarios.stream().map(Scenario::id).toList();
        List<Target> issue3 =
                Targets.all().stream().filter(t -> ran.contains(t.scenarioId())).toList();
        if (!issue3.isEmpty()) {
            sb.append(ReportTables.targetTable(summary, issue3)).append('\n');
        }
        List<Target> issue9 =
                Targets.issue9().stream().filter(t -> ran.contains(t.scenarioId())).toList();
        if (!issue9.isEmpty()) {
            sb.append(ReportTables.targetTable(summary, issue9, "Target (issue 9)")).append('\n');
        }
        List<RunRecord> failed = runs.stream().filter(r -> !r.isOk()).toList();
        if (!failed.isEmpty()) {
            sb.append("### Failed runs\n\n");
            for (RunRecord r : failed) {
                sb.append("- ")
                        .append(r.scenario().title())
                        .append(" · ")
                        .append(r.library().label())
                        .append(" · round ")
                        .append(r.round())
                        .append(": ")
                        .append(r.error().lines().findFirst().orElse(""))
                        .append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void logRun(PrintStream log, RunRecord r, int done, int total, int rounds) {
        String head =
                String.format(
                        "[%d/%d] %s · %s · round %d/%d: ",
                        done, total, r.scenario().title(), r.library().label(), r.round(), rounds);
        if (!r.isOk()) {
            log.println(head + "RUN FAILED");
            log.println("    " + r.error().replace("\n", "\n    "));
            return;
        }
        StringBuilder sb = new StringBuilder(head);
        boolean first = true;
        for (Metric m : r.scenario().kind().metrics()) {
            Double v = r.metrics().get(m);
            if (v == null || !LOGGED.contains(m)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            String side = m.side() == Metric.Side.RUN ? "" : r.scenario().sideLabel(m.side()) + " ";
            sb.append(NumberFormat.value(v, m)).append(' ').append(side).append(m.label());
        }
        String retries =
                r.connecting() == null ? null : r.connecting().fields().get("connect_retries");
        if (retries != null) {
            sb.append(" (note: the connecting ")
                    .append(r.library().label())
                    .append(" socket was recreated ")
                    .append(retries)
                    .append("× after a handshake stall)");
        }
        String unsticks = r.connecting() == null ? null : r.connecting().fields().get("unsticks");
        if (unsticks != null) {
            sb.append(" (note: the connecting ")
                    .append(r.library().label())
                    .append(" process nudged its I/O thread ")
                    .append(unsticks)
                    .append("× while waiting for its connections)");
        }
        log.println(sb);
    }

    /**
     * Decides how many idle connections fit: when the number asked for might exceed the open-file
     * limit, probe runs measure each library's descriptors per connection first.
     */
    private static IdleBudget idleBudget(
            CompareOptions options,
            List<Scenario> scenarios,
            Map<Library, PeerLauncher> launchers,
            Path outDir,
            PrintStream log) {
        int requested = options.idleConnections();
        Scenario idle =
                scenarios.stream()
                        .filter(s -> s.kind() == Scenario.Kind.IDLE_CONNECTIONS)
                        .findFirst()
                        .orElse(null);
        OptionalLong limit = ProcSelf.current().openFilesHardLimit();
        if (idle == null
                || limit.isEmpty()
                || !IdleBudget.needsProbe(requested, limit.getAsLong())) {
            return IdleBudget.asRequested(requested);
        }
        RunExecutor probe =
                new RunExecutor(
                        launchers,
                        options.profile(),
                        outDir.resolve("logs").resolve("fd-probe"),
                        IdleBudget.PROBE_CONNECTIONS);
        Map<Library, Double> fds = new EnumMap<>(Library.class);
        for (Library lib : idle.libraries()) {
            if (!launchers.containsKey(lib)) {
                continue;
            }
            RunRecord r = probe.run(idle, lib, 0);
            Double c = r.metrics().get(Metric.CONNECTING_FDS);
            Double a = r.metrics().get(Metric.ACCEPTING_FDS);
            if (!r.isOk() || c == null || a == null) {
                log.println(
                        "compare: the descriptor probe of "
                                + lib.label()
                                + " failed, its idle row may hit the open-file limit: "
                                + (r.isOk() ? "no descriptor counts" : r.error()));
                continue;
            }
            fds.put(lib, Math.max(c, a));
        }
        IdleBudget b = IdleBudget.fit(requested, limit.getAsLong(), fds);
        log.printf(
                Locale.ROOT,
                "compare: idle connections: %,d (descriptors per connection %s; open-file limit"
                        + " %,d)%s%n",
                b.connections(),
                fds,
                limit.getAsLong(),
                b.note().isEmpty() ? "" : ": " + b.note());
        return b;
    }
}
