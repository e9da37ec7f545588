package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.harness.Metric;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A goal for Weft's median of a metric in one scenario: either a same-run ratio against the best
 * median of one or more reference cells, or (with no references) a bound in the metric's own units.
 * Evaluates to "n/a" rather than a verdict when any cell it needs is missing, had an errored run or
 * could not measure the metric.
 *
 * @param goal what the issue asks, in words
 * @param scenarioId the measured scenario (Weft's cell)
 * @param metric the metric compared
 * @param references the cells compared against; the best of them counts; empty for an absolute
 *     bound
 * @param limit the ratio to reach, or the bound in the metric's units when there are no references
 * @param atLeast true when Weft must reach at least {@code limit}, false when at most
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
     * @param ratio Weft's median over the best reference's, or empty (absolute bound, no verdict,
     *     or a reference of zero)
     * @param weft Weft's median, or empty when there is no verdict
     * @param verdict {@code met}, {@code not met} or {@code n/a (why)}
     */
    public record Outcome(OptionalDouble ratio, OptionalDouble weft, String verdict) {}

    /** Copies the references. */
    public Target {
        references = List.copyOf(references);
    }

    /**
     * Creates a goal in the metric's own units, e.g. at most 16 KiB per connection.
     *
     * @param goal what the issue asks, in words
     * @param scenarioId the measured scenario
     * @param metric the metric
     * @param bound the bound, in the metric's units
     * @param atLeast true when Weft must reach at least {@code bound}, false when at most
     * @return the target
     */
    public static Target absolute(
            String goal, String scenarioId, Metric metric, double bound, boolean atLeast) {
        return new Target(goal, scenarioId, metric, List.of(), bound, atLeast);
    }

    /**
     * Tells whether the goal is a bound in the metric's units rather than a ratio.
     *
     * @return true when there are no references
     */
    public boolean isAbsolute() {
        return references.isEmpty();
    }

    /**
     * Evaluates the target against a summary. A ratio goal is met when Weft's median is at least
     * (or at most) {@code limit} times the best reference median, which also decides a reference of
     * zero.
     *
     * @param summary the runs
     * @return the measured figures and the verdict
     */
    public Outcome evaluate(Summary summary) {
        Summary.Cell weft = summary.cell(scenarioId, Library.WEFT);
        if (weft == null) {
            return none("n/a (not run)");
        }
        if (weft.hasErrors()) {
            return none("n/a (a Weft run failed)");
        }
        OptionalDouble w = weft.median(metric);
        if (w.isEmpty()) {
            return none("n/a (not measured)");
        }
        double value = w.getAsDouble();
        if (isAbsolute()) {
            return new Outcome(OptionalDouble.empty(), w, verdict(value, limit));
        }
        boolean found = false;
        double bestValue = 0;
        for (Reference r : references) {
            Summary.Cell c = summary.cell(r.scenarioId(), r.library());
            if (c == null) {
                continue;
            }
            if (c.hasErrors()) {
                return none("n/a (a reference run failed)");
            }
            OptionalDouble m = c.median(metric);
            if (m.isPresent()
                    && (!found
                            || (metric.higherIsBetter()
                                    ? m.getAsDouble() > bestValue
                                    : m.getAsDouble() < bestValue))) {
                found = true;
                bestValue = m.getAsDouble();
            }
        }
        if (!found) {
            return none("n/a (reference not run)");
        }
        OptionalDouble ratio =
                bestValue == 0 ? OptionalDouble.empty() : OptionalDouble.of(value / bestValue);
        return new Outcome(ratio, w, verdict(value, limit * bestValue));
    }

    /**
     * Returns the goal as a condition.
     *
     * @return e.g. {@code ≥ 2.50×}, or {@code ≤ 16.0 KiB} for an absolute bound
     */
    public String condition() {
        String sign = atLeast ? "≥ " : "≤ ";
        if (isAbsolute()) {
            String unit = metric.unit().isEmpty() ? "" : " " + metric.unit();
            return sign + NumberFormat.value(limit, metric) + unit;
        }
        return sign + NumberFormat.ratio(limit);
    }

    /**
     * Returns what the targets table shows as measured.
     *
     * @param o this target's outcome
     * @return the ratio, or Weft's median with its unit for an absolute bound; {@code —} when there
     *     is nothing to show
     */
    public String measured(Outcome o) {
        if (isAbsolute()) {
            if (o.weft().isEmpty()) {
                return ReportTables.NO_RATIO;
            }
            String unit = metric.unit().isEmpty() ? "" : " " + metric.unit();
            return NumberFormat.value(o.weft().getAsDouble(), metric) + unit;
        }
        if (o.ratio().isPresent()) {
            return NumberFormat.ratio(o.ratio().getAsDouble());
        }
        // A reference of zero has no ratio: show Weft's own figure against it.
        return o.weft().isPresent()
                ? NumberFormat.value(o.weft().getAsDouble(), metric) + " vs 0"
                : ReportTables.NO_RATIO;
    }

    private String verdict(double value, double bound) {
        boolean met = atLeast ? value >= bound : value <= bound;
        return met ? "met" : "not met";
    }

    private static Outcome none(String why) {
        return new Outcome(OptionalDouble.empty(), OptionalDouble.empty(), why);
    }
}
