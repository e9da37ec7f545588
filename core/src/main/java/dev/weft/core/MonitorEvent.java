package dev.weft.core;

import java.util.HexFormat;

/**
 * Something that happened to a socket's connections, reported to its {@link MonitorListener}s.
 *
 * @param type what happened
 * @param endpoint the endpoint involved (bound or connected)
 * @param peerAddress the remote address, or null when there is no connection
 * @param routingId the peer's routing id when known, else null (do not modify)
 * @param detail a reason or extra fact (for example the broken rule of a failed handshake), or an
 *     empty string
 */
public record MonitorEvent(
        Type type, String endpoint, String peerAddress, byte[] routingId, String detail) {

    /** Kinds of monitor events. */
    public enum Type {
        /** A bind succeeded; the endpoint is the concrete bound address. */
        LISTENING,
        /** A bind failed. */
        BIND_FAILED,
        /** A listener accepted a TCP connection. */
        ACCEPTED,
        /** A dialer's TCP connection was established. */
        CONNECTED,
        /** A connection attempt failed or a connection dropped; a retry is scheduled. */
        CONNECT_RETRIED,
        /** The ZMTP handshake completed; the peer is usable. */
        HANDSHAKE_SUCCEEDED,
        /** The ZMTP handshake failed; the detail names the broken rule. */
        HANDSHAKE_FAILED,
        /** An established connection ended; the detail says why. */
        DISCONNECTED,
        /** A listener stopped (unbind or close). */
        CLOSED,
        /**
         * A peer was refused: after its handshake (e.g. duplicate routing id), or as soon as it was
         * accepted, before any byte was exchanged (an {@code ipc://} peer outside the ipc filter;
         * the detail names its user and group ids).
         */
        PEER_REJECTED,
        /**
         * A connected endpoint stopped reconnecting because a {@link ReconnectStop} condition
         * occurred; the detail names it. The endpoint is disconnected.
         */
        RECONNECT_STOPPED
    }

    @Override
    public String toString() {
        return type
                + " "
                + endpoint
                + (peerAddress == null ? "" : " peer=" + peerAddress)
                + (routingId == null ? "" : " id=" + HexFormat.of().formatHex(routingId))
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
