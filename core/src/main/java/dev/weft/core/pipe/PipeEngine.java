package dev.weft.core.pipe;

import dev.weft.core.Message;

/**
 * The connection side of a pipe: the engine that moves its messages to and from the wire.
 * Implemented by the ZMTP engine, whose methods may be called from any thread and only schedule
 * work on its I/O thread, and by inproc's link, which moves messages on the calling thread under
 * the lock rule (see each method).
 */
public interface PipeEngine {
    /** The outbound queue went from empty to non-empty: start writing. */
    void outboundReady();

    /** The inbound queue drained to its low-water mark after being full: read again. */
    void inboundDrained();

    /**
     * Close the connection because the socket refused the peer (duplicate routing id, second peer
     * of a PAIR, ...).
     *
     * @param reason a one-line reason for the log and monitor event
     */
    void reject(String reason);

    /**
     * Offers a message straight to the peer, past the pipe's outbound queue: for an engine that can
     * hand it to the peer on the writer's thread (inproc), so a message that would be taken out
     * again at once skips that queue. Called by {@link Pipe#write} on the role's thread, under the
     * socket lock; must not wait for another socket's lock.
     *
     * @param message taken over when accepted
     * @return true when the engine took the message; false (the default) to queue it as usual, e.g.
     *     because messages queued earlier must go first or the peer is full
     */
    default boolean writeThrough(Message message) {
        return false;
    }

    /**
     * The outbound queue drained to its low-water mark after the role found it full, on the thread
     * that took from it. An engine whose taker may hold another socket's lock (inproc, where the
     * peer's reader moves the messages) reports the pipe's writable edge itself, never waiting for
     * this socket's lock; others leave it to the pipe, which tells its owner.
     *
     * @return true when the engine reported the edge; false (the default) to let the pipe do it
     */
    default boolean outboundDrained() {
        return false;
    }
}
