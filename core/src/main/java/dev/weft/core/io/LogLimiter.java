package dev.weft.core.io;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rate-limits the repeated log lines of one source, such as the protocol errors of one listener, so
 * that a flood of bad peers cannot flood the log (DESIGN §6: one line per bad connection, within
 * reason). Lines are grouped by rule (e.g. the ZMTP condition a peer broke):
 *
 * <ul>
 *   <li>the first {@code linesPerRule} lines of a rule are logged as they come;
 *   <li>further lines of that rule are only counted, and at most once per {@code interval} one
 *       summary line says how many were left out;
 *   <li>after a whole interval without a line of that rule, the count left out (if any) is logged
 *       and the rule starts afresh with its first {@code linesPerRule} lines.
 * </ul>
 *
 * <p>So a sustained flood logs each rule's first lines, then one summary line per rule per
 * interval. Summaries are written when a line arrives, not by a timer: a count still pending when
 * the flood stops is written by the next line of that rule or by {@link #flush()}. Only the log is
 * limited; callers still count and report every event elsewhere (counters, monitor events).
 *
 * <p>Rules must come from a small fixed set (an enum's names, constants): each rule seen keeps a
 * few fields for the limiter's life. Not thread-safe: owned by one thread, normally the I/O thread
 * of the listener whose lines it limits.
 */
public final class LogLimiter {
    /** Lines of one rule logged in full before the limiter starts counting instead. */
    public static final int DEFAULT_LINES_PER_RULE = 5;

    /** Least time between two summary lines of one rule. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final System.Logger logger;
    private final String scope;
    private final int linesPerRule;
    private final long intervalNs;
    private final LongSupplier nanoClock;
    private final Map<String, RuleState> rules = new HashMap<>(4);

    /** What the limiter knows of one rule. */
    private static final class RuleState {
        int burstLeft;
        long suppressed;
        long periodStartNs;
        long lastNs;
        System.Logger.Level level;
    }

    /**
     * Creates a limiter.
     *
     * @param logger where lines go
     * @param scope what the lines are about, named in summary lines (e.g. the bound endpoint)
     * @param linesPerRule lines of one rule logged in full before counting starts, at least 1
     * @param interval least time between two summary lines of one rule, greater than zero
     * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
     * @throws IllegalArgumentException when {@code linesPerRule} or {@code interval} is out of
     *     range
     */
    public LogLimiter(
            System.Logger logger,
            String scope,
            int linesPerRule,
            Duration interval,
            LongSupplier nanoClock) {
        if (linesPerRule < 1) {
            throw new IllegalArgumentException(
                    "linesPerRule: " + linesPerRule + " (expected: >= 1)");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "interval: " + interval + " (expected: a duration > 0)");
        }
        this.logger = logger;
        this.scope = scope;
        this.linesPerRule = linesPerRule;
        this.intervalNs = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Creates a limiter with the default lines per rule and interval, on {@link System#nanoTime()}.
     *
     * @param logger where lines go
     * @param scope what the lines are about, named in summary lines
     * @return a new limiter
     */
    public static LogLimiter withDefaults(System.Logger logger, String scope) {
        return new LogLimiter(
                logger, scope, DEFAULT_LINES_PER_RULE, DEFAULT_INTERVAL, System::nanoTime);
    }

    /**
     * Logs a line of a rule, or counts it when that rule has had its share.
     *
     * @param level the line's level; a summary line has the level of the last line it counts
     * @param rule which rule the line is about; from a small fixed set
     * @param format the line, in {@link java.text.MessageFormat} syntax as {@link System.Logger}
     *     takes it
     * @param params the format's parameters
     * @return true when the line was logged, false when it was only counted
     */
    public boolean log(System.Logger.Level level, String rule, String format, Object... params) {
        long now = nanoClock.getAsLong();
        RuleState st = rules.get(rule);
        if (st == null) {
            st = new RuleState();
            st.burstLeft = linesPerRule;
            rules.put(rule, st);
        } else if (now - st.lastNs >= intervalNs) {
            // Quiet for a whole interval: report what is pending and start afresh.
            summarize(rule, st, now);
            st.burstLeft = linesPerRule;
        }
        st.lastNs = now;
        if (st.burstLeft > 0) {
            st.burstLeft--;
            if (st.burstLeft == 0) {
                st.periodStartNs = now;
            }
            logger.log(level, format, params);
            return true;
        }
        st.suppressed++;
        st.level = level;
        if (now - st.periodStartNs >= intervalNs) {
            summarize(rule, st, now);
        }
        return false;
    }

    /** Logs the summary of every rule with lines still counted but not reported (at close). */
    public void flush() {
        long now = nanoClock.getAsLong();
        for (Map.Entry<String, RuleState> e : rules.entrySet()) {
            summarize(e.getKey(), e.getValue(), now);
        }
    }

    private void summarize(String rule, RuleState st, long now) {
        if (st.suppressed == 0) {
            return;
        }
        long seconds = Math.max(1, Math.round((now - st.periodStartNs) / 1e9));
        logger.log(
                st.level,
                "weft: {0} more {1} lines on {2} not logged in the last {3} s",
                Long.toString(st.suppressed),
                rule,
                scope,
                Long.toString(seconds));
        st.suppressed = 0;
        st.periodStartNs = now;
    }
}
