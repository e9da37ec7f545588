package dev.weft.bench.peer;

/**
 * One library's sockets for the idle-connection run: a ROUTER, or DEALERs that all share one
 * context, as an application holding many connections would create them. Every call waits at most
 * the time it is given. Used by one thread; {@link #close()} closes every socket it opened.
 */
interface IdleSockets extends AutoCloseable {
    /**
     * A message a ROUTER received.
     *
     * @param routingId the sending peer's routing id
     * @param payload the single payload frame
     */
    record Envelope(byte[] routingId, byte[] payload) {}

    /** A bound ROUTER. */
    interface Router {
        /**
         * Returns the endpoint it listens on.
         *
         * @return e.g. {@code tcp://127.0.0.1:40111}
         */
        String endpoint();

        /**
         * Receives one two-frame message (routing id, payload).
         *
         * @param timeoutMs longest wait
         * @return the message, or null when none came in time
         * @throws BenchFailure when the message does not have two frames
         */
        Envelope receive(long timeoutMs);

        /**
         * Sends one payload to a peer.
         *
         * @param routingId the peer's routing id
         * @param payload the payload
         * @param timeoutMs longest wait
         * @return false when it was not taken in time
         */
        boolean send(byte[] routingId, byte[] payload, long timeoutMs);
    }

    /** A DEALER. */
    interface Dealer {
        /**
         * Connects to an endpoint (returns at once; the connection completes in the background).
         *
         * @param endpoint the ROUTER's endpoint
         */
        void connect(String endpoint);

        /**
         * Sends a single-frame message.
         *
         * @param payload the payload
         * @param timeoutMs longest wait
         * @return false when it was not taken in time
         */
        boolean send(byte[] payload, long timeoutMs);

        /**
         * Receives a single-frame message.
         *
         * @param timeoutMs longest wait
         * @return the payload, or null when nothing came in time
         * @throws BenchFailure when the message has more than one frame
         */
        byte[] receive(long timeoutMs);
    }

    /**
     * Binds a ROUTER.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:*}
     * @return the bound ROUTER
     */
    Router bindRouter(String endpoint);

    /**
     * Creates a DEALER in the shared context.
     *
     * @return the new DEALER, not connected yet
     */
    Dealer openDealer();

    /**
     * Works around a library's known connect stall, if it has one, while the caller waits for its
     * connections: JeroMQ 0.6.0 nudges its I/O thread (see {@link JeromqBenchSocket}).
     *
     * @return true when something was done, false for libraries without a known stall
     */
    default boolean unstick() {
        return false;
    }

    /** Closes every socket and the context, discarding whatever is still queued. */
    @Override
    void close();
}
