package dev.weft.core.io;

/**
 * A task scheduled on an {@link IoThread}. Cancel it on the same I/O thread; a cancelled timer
 * never runs.
 */
public final class Timer implements Comparable<Timer> {
    final long deadlineNs;
    final Runnable task;
    final long sequence;
    boolean cancelled;

    Timer(long deadlineNs, Runnable task, long sequence) {
        this.deadlineNs = deadlineNs;
        this.task = task;
        this.sequence = sequence;
    }

    /** Stops the timer from running; call on the owning I/O thread. Idempotent. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
        int c = Long.compare(deadlineNs - o.deadlineNs, 0);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
