package dev.weft.core;

import java.util.List;

/**
 * A snapshot of a socket's counters (DESIGN §6): every drop is counted.
 *
 * @param messagesSent messages the role accepted for sending
 * @param messagesReceived messages handed to the application
 * @param droppedUnroutable messages dropped because no peer had their routing id
 * @param droppedAtHwm messages dropped because a peer's queue was at its high-water mark
 * @param droppedOnDisconnect queued messages released when their connection ended
 * @param reconnects reconnect attempts scheduled
 * @param handshakeFailures connections that failed their handshake
 * @param peers one entry per connected peer, and per peer that has left while messages from it are
 *     still unread
 * @param droppedFromDepartedPeers unread messages of peers that had left, dropped because the
 *     socket's {@link SocketOptions#departedPeerBudget() departed-peer budget} was exceeded
 */
public record SocketStats(
        long messagesSent,
        long messagesReceived,
        long droppedUnroutable,
        long droppedAtHwm,
        long droppedOnDisconnect,
        long reconnects,
        long handshakeFailures,
        List<PeerStats> peers,
        long droppedFromDepartedPeers) {

    /**
     * Queue depths of one connected peer.
     *
     * @param peerAddress the remote address
     * @param endpoint the endpoint the connection belongs to
     * @param peerType the peer's socket type
     * @param routingId the peer's routing id, or null
     * @param outboundDepth messages waiting to be written
     * @param inboundDepth messages waiting to be read
     */
    public record PeerStats(
            String peerAddress,
            String endpoint,
            SocketType peerType,
            byte[] routingId,
            int outboundDepth,
            int inboundDepth) {}
}
