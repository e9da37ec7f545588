package dev.weft.bench;

import dev.weft.bench.harness.JavaPeerLauncher;
import dev.weft.bench.harness.LibzmqPeerBuilder;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.PeerLauncher;
import dev.weft.bench.harness.RunExecutor;
import dev.weft.bench.harness.RunRecord;
import dev.weft.bench.harness.Scenario;
import dev.weft.bench.report.ChartWriter;
import dev.weft.bench.report.Environment;
import dev.weft.bench.report.NumberFormat;
import dev.weft.bench.report.ReportTables;
import dev.weft.bench.report.ResultsWriter;
import dev.weft.bench.report.Summary;
import dev.weft.bench.report.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        RunExecutor executor =
                new RunExecutor(launchers, options.profile(), outDir.resolve("logs"));
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
        String report = report(options, scenarios, summary, columns, env, runs, seconds);
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
            long seconds) {
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
        sb.append(ReportTables.libraryTable(summary, scenarios, columns)).append('\n');
        String ref = ReportTables.referenceTable(summary, scenarios);
        if (!ref.isEmpty()) {
            sb.append(ref).append('\n');
        }
        sb.append(ReportTables.targetTable(summary, Targets.all())).append('\n');
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
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(NumberFormat.value(r.metrics().get(m), m)).append(' ').append(m.label());
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
        log.println(sb);
    }
}
