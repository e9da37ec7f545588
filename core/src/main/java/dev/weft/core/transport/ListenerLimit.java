package dev.weft.core.transport;

import dev.weft.core.SocketStats;

/**
 * The live-connection count of one bound endpoint against its {@code maxConnections} limit, and
 * whether its listener has stopped accepting because of it.
 *
 * <p>Written only by the listener's I/O thread; read by any thread (for {@link
 * dev.weft.core.SocketStats}), which sees recent, not necessarily simultaneous, values.
 */
public final class ListenerLimit {
    private final String endpoint;
    private final int maxConnections;
    private volatile int live;
    private volatile boolean paused;
    private volatile long pauses;
    private volatile long rejected;

    /**
     * Creates the count of a freshly bound endpoint.
     *
     * @param endpoint the concrete bound endpoint
     * @param maxConnections most live connections, 0 for no limit
     */
    ListenerLimit(String endpoint, int maxConnections) {
        this.endpoint = endpoint;
        this.maxConnections = maxConnections;
    }

    /**
     * Tells whether another connection may be accepted now.
     *
     * @return true below the limit, or when there is none
     */
    boolean admitsMore() {
        return maxConnections == 0 || live < maxConnections;
    }

    /** Counts an accepted connection. */
    void connectionOpened() {
        live++;
    }

    /**
     * Counts a connection that ended.
     *
     * @return true when the listener was paused and may accept again
     */
    boolean connectionEnded() {
        live--;
        return paused && admitsMore();
    }

    /** Records that the listener stopped accepting at the limit. */
    void paused() {
        paused = true;
        pauses++;
    }

    /** Counts a peer closed at once because its transport refused it. */
    void peerRejected() {
        rejected++;
    }

    /** Records that the listener accepts again. */
    void resumed() {
        paused = false;
    }

    /**
     * Returns how many times this listener has stopped accepting at its limit.
     *
     * @return the count since bind
     */
    public long pauses() {
        return pauses;
    }

    /**
     * Takes a snapshot for {@link SocketStats}.
     *
     * @return this endpoint's figures
     */
    public SocketStats.ListenerStats snapshot() {
        return new SocketStats.ListenerStats(
                endpoint, live, maxConnections, !paused, pauses, rejected);
    }
}
