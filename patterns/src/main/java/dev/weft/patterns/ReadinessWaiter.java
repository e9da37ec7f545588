package dev.weft.patterns;

import dev.weft.core.InterruptedOperationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Parks one thread until a condition over some sockets holds: each watched socket wakes it through
 * a readiness hook, and the condition is checked again. The engine of {@link Poller} and {@link
 * Proxy}. One waiting thread at a time; {@link #wakeup()} from any thread.
 */
final class ReadinessWaiter implements AutoCloseable {
    private final Runnable hook = this::readinessChanged;
    private final List<WeftSocket> watched = new ArrayList<>();
    private volatile boolean changed;
    private volatile boolean wakeupRequested;
    private volatile Thread waiter;

    void watch(WeftSocket socket) {
        if (!watched.contains(socket)) {
            watched.add(socket);
            socket.addReadinessListener(hook);
        }
    }

    void unwatch(WeftSocket socket) {
        if (watched.remove(socket)) {
            socket.removeReadinessListener(hook);
        }
    }

    /**
     * Waits until {@code ready} returns a positive number, the deadline passes, or {@link
     * #wakeup()} is called.
     *
     * @param deadlineNs {@link System#nanoTime()} deadline
     * @param ready the condition; called on this thread, after every wake-up
     * @return the condition's last value (0 or less on timeout or wake-up)
     * @throws InterruptedOperationException when the waiting thread is interrupted
     */
    int await(long deadlineNs, IntSupplier ready) {
        waiter = Thread.currentThread();
        try {
            while (true) {
                changed = false;
                int n = ready.getAsInt();
                if (n > 0) {
                    return n;
                }
                if (wakeupRequested) {
                    wakeupRequested = false;
                    return n;
                }
                long remaining = deadlineNs - System.nanoTime();
                if (remaining <= 0) {
                    return n;
                }
                if (!changed) {
                    LockSupport.parkNanos(this, remaining);
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedOperationException(
                            "interrupted while waiting for sockets", new InterruptedException());
                }
            }
        } finally {
            waiter = null;
        }
    }

    /** Makes a waiting (or the next) {@link #await} return at once. */
    void wakeup() {
        wakeupRequested = true;
        readinessChanged();
    }

    @Override
    public void close() {
        for (WeftSocket s : watched) {
            s.removeReadinessListener(hook);
        }
        watched.clear();
    }

    private void readinessChanged() {
        changed = true;
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
