package dev.weft.bench.harness;

import dev.weft.bench.Library;
import dev.weft.bench.peer.PeerResult;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome of one run: one scenario, one library, one round. A run either passed every check and
 * has metrics, or failed and has only an error; never both.
 *
 * @param scenario what ran
 * @param library with which implementation
 * @param round 1-based round number
 * @param error null when the run passed its checks, else why it failed
 * @param metrics the run's numbers (empty when it failed)
 * @param connecting the sender's or client's result (null when it never reported)
 * @param binding the receiver's or echo's result (null when it never reported)
 */
public record RunRecord(
        Scenario scenario,
        Library library,
        int round,
        String error,
        Map<Metric, Double> metrics,
        PeerResult connecting,
        PeerResult binding) {

    /** Copies the metrics; a failed run keeps none. */
    public RunRecord {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        if (error == null) {
            m.putAll(metrics);
        }
        metrics = Collections.unmodifiableMap(m);
    }

    /**
     * Creates a failed run.
     *
     * @param scenario what ran
     * @param library with which implementation
     * @param round 1-based round
     * @param error why it failed
     * @param connecting the sender's or client's result, if any
     * @param binding the receiver's or echo's result, if any
     * @return the record
     */
    public static RunRecord failed(
            Scenario scenario,
            Library library,
            int round,
            String error,
            PeerResult connecting,
            PeerResult binding) {
        return new RunRecord(scenario, library, round, error, Map.of(), connecting, binding);
    }

    /**
     * Tells whether the run passed every check.
     *
     * @return true when it has metrics
     */
    public boolean isOk() {
        return error == null;
    }
}
