package dev.weft.bench.peer;

import java.util.Map;
import java.util.Optional;

/**
 * Counts the system calls and context switches of a peer's timed block, read from {@code
 * /proc/self} at its two boundaries so that JVM start, warm-up and the end marker's drain stay
 * outside. When {@code /proc} cannot be read at either boundary the result gets no counter fields
 * at all (the harness then shows "n/a", never a zero).
 *
 * <p>Used by the one thread that runs the timed loop.
 */
final class TimedBlockCounters {
    private final ProcSelf proc;
    private Optional<ProcSelf.Counters> start = Optional.empty();
    private Optional<ProcSelf.TimedCounts> counts = Optional.empty();

    private TimedBlockCounters(ProcSelf proc) {
        this.proc = proc;
    }

    /**
     * Counts through this process's {@code /proc/self}.
     *
     * @return a new counter
     */
    static TimedBlockCounters forThisProcess() {
        return new TimedBlockCounters(ProcSelf.current());
    }

    /**
     * Counts nothing: for a loop that shares its process with other timed loops (fan-out
     * subscribers), where per-process counters would mix them.
     *
     * @return a counter that adds no fields
     */
    static TimedBlockCounters none() {
        return new TimedBlockCounters(null);
    }

    /** Takes the opening snapshot. */
    void start() {
        if (proc != null) {
            start = proc.countersAtStart();
        }
    }

    /** Takes the closing snapshot; call once, after {@link #start()}. */
    void stop() {
        if (proc != null && start.isPresent()) {
            counts = proc.countersAtEnd().map(end -> end.since(start.get()));
        }
    }

    /**
     * Adds {@code timed_syscr}, {@code timed_syscw}, {@code timed_vcsw} and {@code timed_ivcsw}
     * when both snapshots were read.
     *
     * @param fields the result's fields
     */
    void addTo(Map<String, String> fields) {
        counts.ifPresent(c -> c.addTo(fields));
    }
}
