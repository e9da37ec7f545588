package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The runs grouped by scenario and library, with medians across rounds and same-run ratios. A ratio
 * is refused (empty) when either side has an errored run or no good run: a number from a failed
 * comparison is never shown.
 */
public final class Summary {
    /**
     * All runs of one scenario with one library.
     *
     * @param scenarioId the scenario's id
     * @param library the library
     * @param runs the runs, in round order
     */
    public record Cell(String scenarioId, Library library, List<RunRecord> runs) {
        /** Copies the runs. */
        public Cell {
            runs = List.copyOf(runs);
        }

        /**
         * Counts the failed runs.
         *
         * @return how many runs errored
         */
        public int errorCount() {
            return (int) runs.stream().filter(r -> !r.isOk()).count();
        }

        /**
         * Tells whether any run failed.
         *
         * @return true when at least one run errored
         */
        public boolean hasErrors() {
            return errorCount() > 0;
        }

        /**
         * Returns a metric's values from the good runs.
         *
         * @param metric the metric
         * @return one value per good run that has it
         */
        public double[] values(Metric metric) {
            return runs.stream()
                    .filter(RunRecord::isOk)
                    .map(r -> r.metrics().get(metric))
                    .filter(v -> v != null)
                    .mapToDouble(Double::doubleValue)
                    .toArray();
        }

        /**
         * Returns the median of a metric across the good runs.
         *
         * @param metric the metric
         * @return the median, or empty when no good run has it
         */
        public OptionalDouble median(Metric metric) {
            double[] v = values(metric);
            return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Stats.median(v));
        }
    }

    private final Map<String, Cell> cells = new LinkedHashMap<>();

    private Summary() {}

    /**
     * Groups runs.
     *
     * @param runs every run of a comparison
     * @return the summary
     */
    public static Summary of(List<RunRecord> runs) {
        Map<String, List<RunRecord>> grouped = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            grouped.computeIfAbsent(key(r.scenario().id(), r.library()), k -> new ArrayList<>())
                    .add(r);
        }
        Summary s = new Summary();
        grouped.forEach(
                (k, list) ->
                        s.cells.put(
                                k,
                                new Cell(
                                        list.get(0).scenario().id(), list.get(0).library(), list)));
        return s;
    }

    /**
     * Returns the cell of a scenario and library.
     *
     * @param scenarioId the scenario's id
     * @param library the library
     * @return the cell, or null when that combination did not run
     */
    public Cell cell(String scenarioId, Library library) {
        return cells.get(key(scenarioId, library));
    }

    /**
     * Returns the ratio of two cells' medians, or nothing when it must not be reported.
     *
     * @param numerator e.g. Weft's cell
     * @param denominator e.g. JeroMQ's cell
     * @param metric the metric
     * @return median(numerator) / median(denominator); empty when either cell is missing, has an
     *     errored run or has no good run
     */
    public static OptionalDouble ratio(Cell numerator, Cell denominator, Metric metric) {
        if (numerator == null || denominator == null) {
            return OptionalDouble.empty();
        }
        if (numerator.hasErrors() || denominator.hasErrors()) {
            return OptionalDouble.empty();
        }
        OptionalDouble n = numerator.median(metric);
        OptionalDouble d = denominator.median(metric);
        if (n.isEmpty() || d.isEmpty() || d.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(n.getAsDouble() / d.getAsDouble());
    }

    /**
     * Tells whether any run failed.
     *
     * @return true when at least one run errored
     */
    public boolean hasErrors() {
        return cells.values().stream().anyMatch(Cell::hasErrors);
    }

    private static String key(String scenarioId, Library library) {
        return scenarioId + "/" + library.cliName();
    }
}
