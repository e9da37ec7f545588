package dev.weft.bench.harness;

import dev.weft.bench.Library;
import java.util.Locale;
import java.util.Map;

/**
 * How many idle connections the idle-connection row opens: the number asked for, or fewer when the
 * open-file limit cannot hold them for every library. Each connection costs the connecting process
 * one socket descriptor plus whatever its library spends per socket (JeroMQ a pipe and a selector,
 * libzmq an eventfd), so the library with the most descriptors per connection decides. The same N
 * is used for every library, so their figures compare.
 *
 * @param requested the connections asked for
 * @param connections the connections that fit, at most {@code requested}
 * @param note empty when nothing was cut; else why fewer were opened, for the report
 */
public record IdleBudget(int requested, int connections, String note) {
    /** Descriptors a peer process needs besides its connections (JVM jars, logs, selectors). */
    static final long RESERVE = 512;

    /** The most descriptors per connection assumed without measuring; more must be measured. */
    static final int ASSUMED_FDS_PER_CONNECTION = 8;

    /** Connections a probe run opens to measure a library's descriptors per connection. */
    public static final int PROBE_CONNECTIONS = 32;

    /**
     * Takes the number asked for as it is.
     *
     * @param requested the connections asked for
     * @return a budget that cut nothing
     */
    public static IdleBudget asRequested(int requested) {
        return new IdleBudget(requested, requested, "");
    }

    /**
     * Tells whether the number asked for might not fit, so that each library's descriptors per
     * connection must be measured first (by probe runs of {@value #PROBE_CONNECTIONS} connections).
     *
     * @param requested the connections asked for
     * @param fdLimit the open-file limit the peers can raise themselves to
     * @return true when {@code requested} × {@value #ASSUMED_FDS_PER_CONNECTION} + {@value
     *     #RESERVE} exceeds the limit
     */
    public static boolean needsProbe(int requested, long fdLimit) {
        return (long) requested * ASSUMED_FDS_PER_CONNECTION + RESERVE > fdLimit;
    }

    /**
     * Fits the number asked for under the open-file limit.
     *
     * @param requested the connections asked for
     * @param fdLimit the open-file limit the peers can raise themselves to
     * @param fdsPerConnection each library's measured descriptors per connection (the larger of its
     *     two sides)
     * @return the budget: {@code requested}, or the most connections every library can hold
     * @throws IllegalArgumentException when not even one connection fits
     */
    public static IdleBudget fit(
            int requested, long fdLimit, Map<Library, Double> fdsPerConnection) {
        int chosen = requested;
        Library tightest = null;
        double tightestFds = 0;
        for (Map.Entry<Library, Double> e : fdsPerConnection.entrySet()) {
            double fds = Math.max(1.0, e.getValue());
            long fits = (long) Math.floor((fdLimit - RESERVE) / fds);
            if (fits < chosen) {
                chosen = (int) fits;
                tightest = e.getKey();
                tightestFds = fds;
            }
        }
        if (chosen < 1) {
            throw new IllegalArgumentException(
                    "open-file limit: "
                            + fdLimit
                            + " (expected: more than "
                            + RESERVE
                            + " plus what one idle connection needs)");
        }
        if (tightest == null) {
            return asRequested(requested);
        }
        String note =
                String.format(
                        Locale.ROOT,
                        "%,d of the %,d connections asked for: the open-file limit of %,d holds"
                                + " %,d with %s's %.1f descriptors per connection (and %d"
                                + " spare)",
                        chosen,
                        requested,
                        fdLimit,
                        chosen,
                        tightest.label(),
                        tightestFds,
                        RESERVE);
        return new IdleBudget(requested, chosen, note);
    }
}
