package dev.weft.patterns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until any of many sockets can be read or written, with a timeout, and reports which. Any
 * socket type may be registered, from any context.
 *
 * <p>No file descriptor or thread per socket: each registered socket wakes the polling thread
 * through a hook when its readiness may have changed; the poller then asks every socket. Works from
 * virtual threads (it parks, never holds a monitor while waiting).
 *
 * <p>Not thread-safe: one thread polls at a time. Registration changes from other threads while
 * polling are not allowed. {@link #wakeup()} may be called from any thread.
 *
 * <pre>{@code
 * try (Poller poller = new Poller()) {
 *     int front = poller.register(frontend, Poller.READABLE);
 *     int back = poller.register(backend, Poller.READABLE);
 *     if (poller.poll(Duration.ofSeconds(1)) > 0 && poller.isReadable(front)) { ... }
 * }
 * }</pre>
 */
public final class Poller implements AutoCloseable {
    /** Interest in the socket having a message to receive. */
    public static final int READABLE = 1;

    /** Interest in the socket being able to send without waiting. */
    public static final int WRITABLE = 2;

    private final List<Item> items = new ArrayList<>();
    private final ReadinessWaiter waiter = new ReadinessWaiter();

    private static final class Item {
        final WeftSocket socket;
        final int interest;
        int ready;

        Item(WeftSocket socket, int interest) {
            this.socket = socket;
            this.interest = interest;
        }
    }

    /**
     * Registers a socket.
     *
     * @param socket the socket
     * @param interest {@link #READABLE}, {@link #WRITABLE} or both
     * @return the item's index, for {@link #isReadable(int)} and {@link #isWritable(int)}
     * @throws IllegalArgumentException when the interest is empty, or asks to read from a send-only
     *     socket or write to a receive-only one
     */
    public int register(WeftSocket socket, int interest) {
        if ((interest & (READABLE | WRITABLE)) == 0 || (interest & ~(READABLE | WRITABLE)) != 0) {
            throw new IllegalArgumentException(
                    "interest: " + interest + " (expected: READABLE, WRITABLE or both)");
        }
        if ((interest & READABLE) != 0 && !(socket instanceof MessageReceiver)) {
            throw new IllegalArgumentException(
                    socket.type() + " sockets cannot receive; register them as WRITABLE only");
        }
        if ((interest & WRITABLE) != 0 && !(socket instanceof MessageSender)) {
            throw new IllegalArgumentException(
                    socket.type() + " sockets cannot send; register them as READABLE only");
        }
        items.add(new Item(socket, interest));
        waiter.watch(socket);
        return items.size() - 1;
    }

    /**
     * Removes every registration of a socket. Indexes of later items shift down.
     *
     * @param socket the socket
     */
    public void unregister(WeftSocket socket) {
        items.removeIf(i -> i.socket == socket);
        waiter.unwatch(socket);
    }

    /**
     * Waits until at least one registered socket is ready for what it was registered for.
     *
     * @param timeout how long to wait; zero checks once without waiting
     * @return how many items are ready; 0 when the timeout passed or {@link #wakeup()} was called
     * @throws IllegalArgumentException when the timeout is null or negative
     * @throws dev.weft.core.InterruptedOperationException when the polling thread is interrupted
     */
    public int poll(Duration timeout) {
        // A deadline more than a century away is as good as none, and keeps nanoTime arithmetic
        // exact.
        long timeoutNs = Math.min(Timeouts.toNanos("poll", timeout), Long.MAX_VALUE / 4);
        return waiter.await(System.nanoTime() + timeoutNs, this::check);
    }

    /** Makes a waiting (or the next) {@link #poll} return at once. Safe from any thread. */
    public void wakeup() {
        waiter.wakeup();
    }

    /**
     * Tells whether item {@code index} was readable at the last poll.
     *
     * @param index as returned by {@link #register}
     * @return true when it had a message
     */
    public boolean isReadable(int index) {
        return (items.get(index).ready & READABLE) != 0;
    }

    /**
     * Tells whether item {@code index} was writable at the last poll.
     *
     * @param index as returned by {@link #register}
     * @return true when a send would not have waited
     */
    public boolean isWritable(int index) {
        return (items.get(index).ready & WRITABLE) != 0;
    }

    /**
     * Returns how many items are registered.
     *
     * @return the item count
     */
    public int size() {
        return items.size();
    }

    /** Unregisters every socket. */
    @Override
    public void close() {
        waiter.close();
        items.clear();
    }

    private int check() {
        int ready = 0;
        for (Item item : items) {
            int r = 0;
            if (!item.socket.isClosed()) {
                if ((item.interest & READABLE) != 0 && item.socket.roleCanReceive()) {
                    r |= READABLE;
                }
                if ((item.interest & WRITABLE) != 0 && item.socket.roleCanSend()) {
                    r |= WRITABLE;
                }
            }
            item.ready = r;
            if (r != 0) {
                ready++;
            }
        }
        return ready;
    }
}
