package dev.weft.core;

import java.util.List;

/**
 * A snapshot of a socket's counters (DESIGN §6): every drop is counted.
 *
 * @param messagesSent messages the role accepted for sending
 * @param messagesReceived messages handed to the application
 * @param droppedUnroutable messages dropped because no peer had their routing id (RADIO: because no
 *     peer had joined their group)
 * @param droppedAtHwm messages dropped because a peer's queue was at its high-water mark
 * @param droppedOnDisconnect queued messages released when their connection ended
 * @param reconnects reconnect attempts scheduled
 * @param handshakeFailures connections that failed their handshake
 * @param peers one entry per peer queue: each connected peer's, each connected endpoint's while it
 *     waits for a connection ({@code immediate} off), and each departed peer's while messages from
 *     it are still unread
 * @param droppedOnClose outgoing messages still queued when the socket's linger ended after {@code
 *     close()}, never written to a peer; final once the socket's background linger has ended (at
 *     the latest when its context's {@code close()} returned)
 * @param droppedFromDepartedPeers unread messages of peers that had left, dropped because the
 *     socket's {@link SocketOptions#departedPeerBudget() departed-peer budget} was exceeded
 * @param acceptPauses how many times a listener of this socket stopped accepting because it had
 *     {@link SocketOptions#maxConnections()} live connections, over the socket's life (unbound
 *     endpoints included); while paused, new peers wait in the kernel's accept backlog, they are
 *     not refused
 * @param listeners one entry per bound endpoint: its live connections and whether it is accepting
 * @param droppedDatagrams {@code udp://} datagrams dropped by this socket: received ones that were
 *     empty, truncated (a group length beyond the datagram), had an empty group or one that is not
 *     UTF-8 without NUL, were larger than the datagram limit, or had a body over {@link
 *     SocketOptions#maxMessageSize()}; and messages a RADIO could not send as one datagram (too
 *     large, no group, more than one frame, or the send failed). Each kind is also logged, rate
 *     limited. Datagrams the kernel drops (a full receive buffer) are not seen here
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
        long droppedOnClose,
        long droppedFromDepartedPeers,
        long acceptPauses,
        List<ListenerStats> listeners,
        long droppedDatagrams) {

    /**
     * The connections of one bound endpoint.
     *
     * @param endpoint the concrete bound endpoint
     * @param liveConnections connections accepted there and not yet ended, handshaking or not
     * @param maxConnections the limit, {@link SocketOptions#maxConnections()}; 0 for none
     * @param accepting false while the listener has stopped accepting because {@code
     *     liveConnections} reached {@code maxConnections}; it accepts again when one ends
     * @param acceptPauses how many times this listener stopped accepting at the limit since bind
     * @param peersRejected peers this listener closed as soon as it accepted them, because its
     *     transport refused them (an {@code ipc://} peer outside {@link
     *     SocketOptions#ipcFilterUids()} and {@link SocketOptions#ipcFilterGids()}), since bind
     */
    public record ListenerStats(
            String endpoint,
            int liveConnections,
            int maxConnections,
            boolean accepting,
            long acceptPauses,
            long peersRejected) {}

    /**
     * Queue depths of one peer, or of a connected endpoint waiting for its connection.
     *
     * @param peerAddress the remote address, empty before a first connection
     * @param endpoint the endpoint the connection belongs to
     * @param peerType the peer's socket type, null before a first connection
     * @param routingId the peer's routing id, or null
     * @param outboundDepth messages waiting to be written
     * @param inboundDepth messages waiting to be read
     * @param connected true while a connection with a completed handshake serves this queue; false
     *     for a connected endpoint's queue waiting for its (next) connection, or a departed peer's
     *     unread messages
     */
    public record PeerStats(
            String peerAddress,
            String endpoint,
            SocketType peerType,
            byte[] routingId,
            int outboundDepth,
            int inboundDepth,
            boolean connected) {}
}
