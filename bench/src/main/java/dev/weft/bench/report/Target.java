package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.harness.Metric;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A goal stated as a same-run ratio: Weft's median of a metric in one scenario against the best
 * median of one or more reference cells. Evaluates to "n/a" rather than a number when any cell it
 * needs is missing or had an errored run.
 *
 * @param goal what the issue asks, in words
 * @param scenarioId the measured scenario (Weft's cell)
 * @param metric the metric compared
 * @param references the cells compared against; the best of them counts
 * @param limit the ratio to reach
 * @param atLeast true when the ratio must be at least {@code limit}, false when at most
 */
public record Target(
        String goal,
        String scenarioId,
        Metric metric,
        List<Reference> references,
        double limit,
        boolean atLeast) {

    /**
     * A cell to compare against.
     *
     * @param scenarioId the scenario
     * @param library the library
     */
    public record Reference(String scenarioId, Library library) {}

    /**
     * The evaluation of a target.
     *
     * @param ratio the measured ratio, or empty when it cannot be reported
     * @param verdict {@code met}, {@code not met} or {@code n/a (why)}
     */
    public record Outcome(OptionalDouble ratio, String verdict) {}

    /** Copies the references. */
    public Target {
        references = List.copyOf(references);
    }

    /**
     * Evaluates the target against a summary.
     *
     * @param summary the runs
     * @return the ratio and verdict
     */
    public Outcome evaluate(Summary summary) {
        Summary.Cell weft = summary.cell(scenarioId, Library.WEFT);
        if (weft == null) {
            return new Outcome(OptionalDouble.empty(), "n/a (not run)");
        }
        Summary.Cell best = null;
        double bestValue = 0;
        for (Reference r : references) {
            Summary.Cell c = summary.cell(r.scenarioId(), r.library());
            if (c == null) {
                continue;
            }
            if (c.hasErrors()) {
                return new Outcome(OptionalDouble.empty(), "n/a (a reference run failed)");
            }
            OptionalDouble m = c.median(metric);
            if (m.isPresent()
                    && (best == null
                            || (metric.higherIsBetter()
                                    ? m.getAsDouble() > bestValue
                                    : m.getAsDouble() < bestValue))) {
                best = c;
                bestValue = m.getAsDouble();
            }
        }
        if (best == null) {
            return new Outcome(OptionalDouble.empty(), "n/a (reference not run)");
        }
        OptionalDouble ratio = Summary.ratio(weft, best, metric);
        if (ratio.isEmpty()) {
            return new Outcome(ratio, "n/a (a Weft run failed)");
        }
        double v = ratio.getAsDouble();
        boolean met = atLeast ? v >= limit : v <= limit;
        return new Outcome(ratio, met ? "met" : "not met");
    }

    /**
     * Returns the goal as a ratio condition.
     *
     * @return e.g. {@code ≥ 2.50×}
     */
    public String condition() {
        return (atLeast ? "≥ " : "≤ ") + NumberFormat.ratio(limit);
    }
}
