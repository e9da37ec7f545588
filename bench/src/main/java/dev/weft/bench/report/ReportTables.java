package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Renders a comparison as Markdown: the library table (median and min–max per cell, ratios
 * Weft/JeroMQ and Weft/libzmq), the same layout per side for system calls and context switches and
 * for idle connections, the physical-reference table and the targets tables.
 */
public final class ReportTables {
    /** Shown instead of a ratio that must not be reported. */
    public static final String NO_RATIO = "—";

    /**
     * Shown for a metric that the good runs could not measure (e.g. system calls without {@code
     * /proc}, or heap figures of the C peer).
     */
    public static final String NOT_MEASURED = "n/a";

    private ReportTables() {}

    /**
     * Renders the library comparison table: rates and latencies.
     *
     * @param summary the runs
     * @param scenarios the scenarios, in row order (raw-TCP ones are skipped here)
     * @param columns the libraries to show, Weft first
     * @return the Markdown table, or an empty string when no scenario has rates or latencies
     */
    public static String libraryTable(
            Summary summary, List<Scenario> scenarios, List<Library> columns) {
        return comparison(summary, scenarios, columns, Metric.Table.LIBRARIES);
    }

    /**
     * Renders the system calls and context switches per message of each side of the throughput
     * rows, in the library table's layout with a column for the side.
     *
     * @param summary the runs
     * @param scenarios the scenarios, in row order (raw-TCP ones are skipped here)
     * @param columns the libraries to show, Weft first
     * @return the Markdown table, or an empty string when no scenario has such metrics
     */
    public static String syscallTable(
            Summary summary, List<Scenario> scenarios, List<Library> columns) {
        return comparison(summary, scenarios, columns, Metric.Table.SYSCALLS);
    }

    /**
     * Renders the idle-connection figures of each side, in the library table's layout with a column
     * for the side.
     *
     * @param summary the runs
     * @param scenarios the scenarios (only idle-connection ones have such metrics)
     * @param columns the libraries to show, Weft first
     * @return the Markdown table, or an empty string when no idle-connection scenario ran
     */
    public static String idleTable(
            Summary summary, List<Scenario> scenarios, List<Library> columns) {
        return comparison(summary, scenarios, columns, Metric.Table.IDLE);
    }

    private static String comparison(
            Summary summary, List<Scenario> scenarios, List<Library> columns, Metric.Table table) {
        boolean bySide = table != Metric.Table.LIBRARIES;
        List<String> headers = new ArrayList<>(List.of("Scenario"));
        if (bySide) {
            headers.add("Side");
        }
        headers.add("Metric");
        int firstNumber = headers.size();
        for (Library l : columns) {
            headers.add(l.label());
        }
        List<Library> ratioAgainst = new ArrayList<>();
        for (Library l : columns) {
            if (l != Library.WEFT && columns.contains(Library.WEFT)) {
                ratioAgainst.add(l);
                headers.add("Weft/" + l.label());
            }
        }
        MarkdownTable t = new MarkdownTable(headers.toArray(new String[0]));
        for (int c = firstNumber; c < headers.size(); c++) {
            t.align(c, MarkdownTable.Align.RIGHT);
        }
        for (Scenario s : scenarios) {
            if (s.pattern() == Pattern.RAW_TCP) {
                continue;
            }
            for (Metric m : s.kind().metrics(table)) {
                List<String> row = new ArrayList<>();
                row.add(s.title());
                if (bySide) {
                    row.add(s.sideLabel(m.side()));
                }
                row.add(m.label() + (m.higherIsBetter() ? " ↑" : " ↓"));
                for (Library l : columns) {
                    row.add(cellText(summary.cell(s.id(), l), m));
                }
                for (Library l : ratioAgainst) {
                    OptionalDouble r =
                            Summary.ratio(
                                    summary.cell(s.id(), Library.WEFT), summary.cell(s.id(), l), m);
                    row.add(r.isPresent() ? NumberFormat.ratio(r.getAsDouble()) : NO_RATIO);
                }
                t.row(row.toArray(new String[0]));
            }
        }
        return t.rowCount() == 0 ? "" : t.render();
    }

    /**
     * Renders the physical-reference table (plain NIO, same run).
     *
     * @param summary the runs
     * @param scenarios the scenarios; only raw-TCP ones are shown
     * @return the Markdown table, or an empty string when no raw scenario ran
     */
    public static String referenceTable(Summary summary, List<Scenario> scenarios) {
        MarkdownTable t =
                new MarkdownTable("Reference (same run)", "Metric", Library.RAW_NIO.label())
                        .align(2, MarkdownTable.Align.RIGHT);
        for (Scenario s : scenarios) {
            if (s.pattern() != Pattern.RAW_TCP) {
                continue;
            }
            for (Metric m : s.kind().metrics(Metric.Table.LIBRARIES)) {
                t.row(
                        s.title(),
                        m.label() + (m.higherIsBetter() ? " ↑" : " ↓"),
                        cellText(summary.cell(s.id(), Library.RAW_NIO), m));
            }
        }
        return t.rowCount() == 0 ? "" : t.render();
    }

    /**
     * Renders the targets table of issue 3.
     *
     * @param summary the runs
     * @param targets the goals
     * @return the Markdown table
     */
    public static String targetTable(Summary summary, List<Target> targets) {
        return targetTable(summary, targets, "Target (issue 3)");
    }

    /**
     * Renders a targets table: each goal, its condition, what was measured (a same-run ratio, or
     * Weft's own median for a goal in absolute units) and the verdict.
     *
     * @param summary the runs
     * @param targets the goals
     * @param title the first column's header, e.g. {@code Target (issue 9)}
     * @return the Markdown table
     */
    public static String targetTable(Summary summary, List<Target> targets, String title) {
        MarkdownTable t =
                new MarkdownTable(title, "Goal", "Measured", "Verdict")
                        .align(1, MarkdownTable.Align.RIGHT)
                        .align(2, MarkdownTable.Align.RIGHT);
        for (Target target : targets) {
            Target.Outcome o = target.evaluate(summary);
            t.row(target.goal(), target.condition(), target.measured(o), o.verdict());
        }
        return t.render();
    }

    /**
     * Formats one cell: median and min–max of the good runs, or the error count.
     *
     * @param cell the cell, or null when not run
     * @param metric the metric
     * @return the text
     */
    static String cellText(Summary.Cell cell, Metric metric) {
        if (cell == null) {
            return "not run";
        }
        if (cell.hasErrors()) {
            return "ERROR (" + cell.errorCount() + "/" + cell.runs().size() + " runs)";
        }
        double[] v = cell.values(metric);
        if (v.length == 0) {
            return NOT_MEASURED;
        }
        return NumberFormat.withRange(Stats.median(v), Stats.min(v), Stats.max(v), metric);
    }
}
