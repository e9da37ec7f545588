package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table with padded columns, so it reads well as plain text too. Built
 * row by row; not thread-safe.
 */
public final class MarkdownTable {
    /** How a column's cells are aligned. */
    public enum Align {
        /** Text columns. */
        LEFT,
        /** Number columns. */
        RIGHT
    }

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * Starts a table; columns are left-aligned until {@link #align} says otherwise.
     *
     * @param headers the column headers
     */
    public MarkdownTable(String... headers) {
        this.headers = List.of(headers);
        this.aligns = new ArrayList<>(Collections.nCopies(headers.length, Align.LEFT));
    }

    /**
     * Sets a column's alignment.
     *
     * @param column zero-based column index
     * @param align the alignment
     * @return this table
     */
    public MarkdownTable align(int column, Align align) {
        aligns.set(column, align);
        return this;
    }

    /**
     * Adds a row. Pipes in cells are escaped.
     *
     * @param cells one per column
     * @return this table
     * @throws IllegalArgumentException when the cell count differs from the header count
     */
    public MarkdownTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "row of " + cells.length + " cells (expected: " + headers.size() + ")");
        }
        List<String> r = new ArrayList<>(cells.length);
        for (String c : cells) {
            r.add(c == null ? "" : c.replace("|", "\\|"));
        }
        rows.add(r);
        return this;
    }

    /**
     * Returns the number of rows added.
     *
     * @return the row count, headers excluded
     */
    public int rowCount() {
        return rows.size();
    }

    /**
     * Renders the table.
     *
     * @return the Markdown text, one line per row, ending with a newline
     */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, headers.get(c).length());
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            sb.append(' ');
            sb.append("-".repeat(widths[c] - 1));
            sb.append(aligns.get(c) == Align.RIGHT ? ':' : '-');
            sb.append(" |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, widths);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] widths) {
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            String v = cells.get(c);
            String pad = " ".repeat(widths[c] - v.length());
            sb.append(' ');
            sb.append(aligns.get(c) == Align.RIGHT ? pad + v : v + pad);
            sb.append(" |");
        }
        sb.append('\n');
    }
}
