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
 * Weft/JeroMQ and Weft/libzmq), the physical-reference table and the targets table.
 */
public final class ReportTables {
    /** Shown instead of a ratio that must not be reported. */
    public static final String NO_RATIO = "—";

    private ReportTables() {}

    /**
     * Renders the library comparison table.
     *
     * @param summary the runs
     * @param scenarios the scenarios, in row order (raw-TCP ones are skipped here)
     * @param columns the libraries to show, Weft first
     * @return the Markdown table
     */
    public static String libraryTable(
            Summary summary, List<Scenario> scenarios, List<Library> columns) {
        List<String> headers = new ArrayList<>(List.of("Scenario", "Metric"));
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
        for (int c = 2; c < headers.size(); c++) {
            t.align(c, MarkdownTable.Align.RIGHT);
        }
        for (Scenario s : scenarios) {
            if (s.pattern() == Pattern.RAW_TCP) {
                continue;
            }
            for (Metric m : s.kind().metrics()) {
                List<String> row = new ArrayList<>();
                row.add(s.title());
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
        return t.render();
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
            for (Metric m : s.kind().metrics()) {
                t.row(
                        s.title(),
                        m.label() + (m.higherIsBetter() ? " ↑" : " ↓"),
                        cellText(summary.cell(s.id(), Library.RAW_NIO), m));
            }
        }
        return t.rowCount() == 0 ? "" : t.render();
    }

    /**
     * Renders the targets table.
     *
     * @param summary the runs
     * @param targets the goals
     * @return the Markdown table
     */
    public static String targetTable(Summary summary, List<Target> targets) {
        MarkdownTable t =
                new MarkdownTable("Target (issue 3)", "Goal", "Measured", "Verdict")
                        .align(1, MarkdownTable.Align.RIGHT)
                        .align(2, MarkdownTable.Align.RIGHT);
        for (Target target : targets) {
            Target.Outcome o = target.evaluate(summary);
            t.row(
                    target.goal(),
                    target.condition(),
                    o.ratio().isPresent() ? NumberFormat.ratio(o.ratio().getAsDouble()) : NO_RATIO,
                    o.verdict());
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
            return "no data";
        }
        return NumberFormat.withRange(Stats.median(v), Stats.min(v), Stats.max(v), metric);
    }
}
