package dev.weft.core;

/**
 * A condition on which a connected endpoint stops reconnecting, libzmq's {@code ZMQ_RECONNECT_STOP}
 * flags; chosen per socket with {@link SocketOptions#reconnectStop()}.
 *
 * <p>When one occurs, the endpoint gives up: a {@link MonitorEvent.Type#RECONNECT_STOPPED} event
 * names the condition, what was queued for the endpoint is released as after {@code disconnect()}
 * (and counted the same way), and the endpoint counts as disconnected, so a later {@code connect}
 * to it starts afresh.
 */
public enum ReconnectStop {
    /**
     * A connection attempt was refused ({@code ECONNREFUSED}: nothing listens there), libzmq's
     * {@code ZMQ_RECONNECT_STOP_CONN_REFUSED}. Other failures (timeouts, unreachable hosts, failed
     * look-ups) still retry. Over {@code ipc://}, a path with no socket file is a refusal too, as
     * is a socket file nobody listens on; libzmq 4.3 ignores this condition on ipc and retries.
     */
    CONNECTION_REFUSED,
    /**
     * A connection ended before its ZMTP handshake completed: the peer broke the protocol, the
     * handshake timed out, or the peer closed the connection during it, libzmq's {@code
     * ZMQ_RECONNECT_STOP_HANDSHAKE_FAILED}. A connection that ends after a completed handshake
     * still reconnects.
     */
    HANDSHAKE_FAILED,
    /**
     * After {@code disconnect()}, the endpoint does not reconnect while it lingers: queued messages
     * still go out on a connection that is up, but none is made for them, libzmq's {@code
     * ZMQ_RECONNECT_STOP_AFTER_DISCONNECT}. libzmq marks the whole socket after any {@code
     * disconnect()}; Weft applies it to the disconnected endpoint only.
     */
    AFTER_DISCONNECT
}
