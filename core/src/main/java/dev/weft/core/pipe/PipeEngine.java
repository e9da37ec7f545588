package dev.weft.core.pipe;

/**
 * The connection side of a pipe: the engine that moves its messages to and from the wire.
 * Implemented by the ZMTP engine; every method may be called from any thread and only schedules
 * work on the engine's I/O thread.
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
}
