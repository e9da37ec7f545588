package dev.weft.core.transport;

/** A bound endpoint of one socket, accepting peers. Owned by the socket's I/O thread. */
public interface Listener {
    /**
     * Returns the concrete bound endpoint, as {@code bind} reports it.
     *
     * @return e.g. {@code tcp://127.0.0.1:40111}
     */
    String endpoint();

    /**
     * Tells whether an {@code unbind} naming this endpoint as it was requested (not as it was
     * bound) means this listener, e.g. {@code tcp://127.0.0.1:*} for {@code tcp://127.0.0.1:40111}.
     *
     * @param requested the endpoint text given to unbind
     * @return true when it names this listener
     */
    boolean answersTo(String requested);

    /**
     * Stops accepting and closes the connections accepted here, after their queued messages are
     * written or the deadline passes.
     *
     * @param deadlineNs {@link System#nanoTime()} linger deadline
     */
    void close(long deadlineNs);
}
