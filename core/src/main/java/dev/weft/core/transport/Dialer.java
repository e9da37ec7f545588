package dev.weft.core.transport;

import dev.weft.core.pipe.Pipe;

/**
 * A connected endpoint of one socket: keeps reaching the peer there until closed. Owned by the
 * socket's I/O thread.
 */
public interface Dialer {
    /**
     * Starts connecting.
     *
     * @param queue the pipe messages wait in until a connection exists ({@code immediate} off),
     *     made by {@link ConnectionOwner#dialerStarted} on the caller's thread; null for none
     */
    void start(Pipe queue);

    /**
     * Stops reconnecting; the current connection and the queue are flushed until the deadline, as
     * the socket's linger asks.
     *
     * @param deadlineNs {@link System#nanoTime()} linger deadline
     */
    void close(long deadlineNs);

    /**
     * Stops reconnecting for {@code disconnect()}: as {@link #close}, the current connection is
     * flushed until the deadline.
     *
     * @param deadlineNs {@link System#nanoTime()} linger deadline
     */
    void disconnect(long deadlineNs);
}
