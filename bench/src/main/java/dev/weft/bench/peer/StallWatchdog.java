package dev.weft.bench.peer;

import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking calls that have no timeout of their own: the caller brackets each call with
 * {@link #begin()} and {@link #end()}, and a daemon thread runs {@code onStall} once when one call
 * has been running longer than the limit (typically closing the channel, which wakes the call).
 *
 * <p>{@code begin}/{@code end} are called by one thread; the watchdog thread only reads.
 */
final class StallWatchdog implements AutoCloseable {
    private final long limitNs;
    private final Runnable onStall;
    private final Thread thread;
    private volatile long startedNs;
    private volatile boolean busy;
    private volatile boolean fired;
    private volatile boolean closed;

    /**
     * Starts the watchdog.
     *
     * @param limitMs longest allowed call
     * @param onStall run once, on the watchdog thread, when a call overstays
     */
    StallWatchdog(long limitMs, Runnable onStall) {
        this.limitNs = TimeUnit.MILLISECONDS.toNanos(limitMs);
        this.onStall = onStall;
        this.thread = new Thread(this::watch, "raw-tcp-watchdog");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Marks the start of a blocking call. */
    void begin() {
        startedNs = System.nanoTime();
        busy = true;
    }

    /** Marks its end. */
    void end() {
        busy = false;
    }

    /**
     * Tells whether the watchdog fired.
     *
     * @return true once a call overstayed and {@code onStall} ran
     */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private void watch() {
        long pollMs = Math.max(10, TimeUnit.NANOSECONDS.toMillis(limitNs) / 10);
        while (!closed && !fired) {
            try {
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                return;
            }
            if (busy && System.nanoTime() - startedNs > limitNs) {
                fired = true;
                onStall.run();
            }
        }
    }
}
