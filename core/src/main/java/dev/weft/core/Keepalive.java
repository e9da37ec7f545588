package dev.weft.core;

/**
 * Whether TCP connections send keepalive probes ({@code SO_KEEPALIVE}), libzmq's {@code
 * ZMQ_TCP_KEEPALIVE} values -1, 0 and 1; chosen per socket with {@link
 * SocketOptions#tcpKeepalive()}.
 */
public enum Keepalive {
    /** Leave {@code SO_KEEPALIVE} as the operating system sets it (libzmq -1, the default). */
    SYSTEM_DEFAULT,
    /** Turn keepalive probes off (libzmq 0). */
    OFF,
    /**
     * Turn keepalive probes on (libzmq 1); only then do the idle time, probe interval and probe
     * count options apply.
     */
    ON
}
