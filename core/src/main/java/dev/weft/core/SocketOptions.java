package dev.weft.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Options common to every socket type, fixed when the socket is created. Role-specific options are
 * typed methods on each socket class.
 *
 * <p>Defaults follow libzmq except where Weft is deliberately safer, as noted per option: a finite
 * {@code linger}, {@code maxMessageSize}, {@code handshakeTimeout} and {@code departedPeerBudget}.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; every value is validated once there.
 *
 * @param sendHwm most messages queued per peer for sending; 0 means no limit (default 1000)
 * @param receiveHwm most messages queued per peer after receiving; 0 means no limit (default 1000)
 * @param linger how long queued messages are still delivered after {@code close()} (which returns
 *     at once) or {@code disconnect()}; what is still queued when it ends is dropped and counted
 *     (default 1 s; libzmq waits forever)
 * @param reconnectInterval delay before reconnecting a dropped or refused connection, libzmq's
 *     {@code ZMQ_RECONNECT_IVL} (default 100 ms)
 * @param reconnectIntervalMax the largest reconnect delay, libzmq's {@code ZMQ_RECONNECT_IVL_MAX}:
 *     {@link Duration#ZERO} (the default) retries every {@code reconnectInterval}; otherwise at
 *     least {@code reconnectInterval}, and the delay doubles with each failed attempt up to it,
 *     each delay drawn within ±20% of the doubled value (jitter, so that many clients of one
 *     restarted server do not reconnect in step), never below {@code reconnectInterval} nor above
 *     this maximum. A completed handshake starts the doubling again.
 * @param handshakeTimeout most time from TCP connect to a completed ZMTP handshake (default 10 s)
 * @param maxMessageSize largest message accepted from a peer, in bytes; a larger frame header
 *     closes that connection before the body is read (default 64 MiB; libzmq has no limit)
 * @param routingId the identity announced to peers in READY, or null for none (0..255 bytes, not
 *     starting with a zero byte)
 * @param sendTimeout how long a blocking send waits, or null to wait without limit
 * @param receiveTimeout how long a blocking receive waits, or null to wait without limit
 * @param heartbeatInterval how often to PING a ZMTP 3.1 peer, or {@link Duration#ZERO} for never
 * @param heartbeatTimeout how long to wait for traffic after a PING before closing the connection
 *     (default: {@code heartbeatInterval})
 * @param heartbeatTtl the time-to-live announced in PINGs, rounded to tenths of a second
 * @param immediate queue messages only to peers whose connection is complete (libzmq {@code
 *     ZMQ_IMMEDIATE}); default false, as in libzmq: each connected endpoint gets its queue at
 *     {@code connect()}, so messages sent before the connection exists, or while it is
 *     re-established after a drop, wait there (up to {@code sendHwm}) and are delivered once it is
 *     up. When true, a connected endpoint has a queue only while its connection is complete, so a
 *     send with no connected peer waits (or times out) instead of queueing. ROUTER always routes to
 *     completed connections only
 * @param departedPeerBudget most memory, in bytes, that the unread messages of peers who have left
 *     may hold in one socket together (default 32 MiB). A message a peer sent stays readable after
 *     the peer disconnects, as in libzmq; but libzmq bounds only each peer's queue (by {@code
 *     receiveHwm}), not their sum, so a socket nobody reads from that sees many short-lived peers
 *     (a ROUTER whose backend is down, under a flood of connections that each send one message and
 *     leave) grows without bound. Weft differs for safety: past this budget, the oldest departed
 *     peers' unread messages are dropped, whole peer by whole peer, and counted in {@link
 *     SocketStats#droppedFromDepartedPeers()}; peers still connected are never touched. What a
 *     departed peer holds is estimated as its unread frames' bytes plus the bookkeeping around them
 *     (about 4 KiB per peer and under 200 bytes per message), plus the capacity of each larger
 *     buffer its frames are slices of (bodies over 1 KiB stay slices of a 64 KiB read buffer), so
 *     32 MiB keeps several thousand short-lived peers' small messages. The peer that left last is
 *     kept whole even past the budget (it holds no more than a live peer may, up to {@code
 *     receiveHwm} messages), so a peer that sends a burst and closes loses nothing; its messages go
 *     only when another peer leaves while the budget is still exceeded. Raise the budget when
 *     several peers send large bursts and disconnect before they are read
 * @param reusePort set {@code SO_REUSEPORT} on bound TCP endpoints (Linux, BSD, macOS), so that
 *     several sockets, in this process or others, bind the same address and port and the kernel
 *     spreads incoming connections among them; every one of them must set it. Default false, as
 *     libzmq, which has no such option (a second bind of a port in use fails). Applies to {@code
 *     bind()}; an inherited listening socket ({@code tcp://inherited}) keeps what its creator set
 * @param maxConnections most live connections per bound endpoint (accepted and not yet ended,
 *     handshaking or not); 0, the default, means no limit, as in libzmq. At the limit the endpoint
 *     stops accepting: new peers are not refused but wait in the kernel's accept backlog (their
 *     connect succeeds, their handshake waits), and accepting resumes when a connection ends;
 *     {@link SocketStats#acceptPauses()} and {@link SocketStats#listeners()} show it. The default
 *     is unlimited, unlike Weft's other finite defaults, because the real bound is the process's
 *     file-descriptor limit, which Weft cannot know: any fixed number would either be above it (and
 *     protect nothing) or refuse service a larger deployment needs. Set it below that limit (less
 *     what the process needs for other files) to keep a flood of peers from exhausting descriptors
 * @param reconnectStop the conditions on which a connected endpoint stops reconnecting, libzmq's
 *     {@code ZMQ_RECONNECT_STOP}; empty, the default as in libzmq, keeps reconnecting whatever
 *     happens. See {@link ReconnectStop} for each condition (unmodifiable)
 * @param connectTimeout how long a TCP connect may take before it is abandoned and retried,
 *     libzmq's {@code ZMQ_CONNECT_TIMEOUT}; {@link Duration#ZERO}, the default as in libzmq, leaves
 *     it to the operating system (on Linux about two minutes of SYN retries)
 * @param tcpKeepalive whether every TCP connection, dialed or accepted, sends keepalive probes,
 *     libzmq's {@code ZMQ_TCP_KEEPALIVE} (default {@link Keepalive#SYSTEM_DEFAULT}, libzmq -1)
 * @param tcpKeepaliveIdle how long a connection is idle before the first probe, whole seconds,
 *     libzmq's {@code ZMQ_TCP_KEEPALIVE_IDLE}; {@link Duration#ZERO}, the default (libzmq -1),
 *     keeps the system's. Applies only with {@code tcpKeepalive} {@link Keepalive#ON}, as in libzmq
 * @param tcpKeepaliveCount how many unanswered probes end a connection, libzmq's {@code
 *     ZMQ_TCP_KEEPALIVE_CNT}; 0, the default (libzmq -1), keeps the system's. Applies only with
 *     {@code tcpKeepalive} {@link Keepalive#ON}
 * @param tcpKeepaliveInterval time between probes, whole seconds, libzmq's {@code
 *     ZMQ_TCP_KEEPALIVE_INTVL}; {@link Duration#ZERO}, the default (libzmq -1), keeps the system's.
 *     Applies only with {@code tcpKeepalive} {@link Keepalive#ON}. Where the platform lacks the
 *     idle, count or interval socket option, that one keeps the system's value
 * @param ipcFilterUids the user ids whose processes bound {@code ipc://} endpoints accept, libzmq's
 *     {@code ZMQ_IPC_FILTER_UID}, read from the peer's {@code SO_PEERCRED} (unmodifiable). With
 *     neither this nor {@code ipcFilterGids} set (the default, as in libzmq) every local process is
 *     served; with either set, a peer is served when its user id is here or its group id is in
 *     {@code ipcFilterGids}, and any other is closed as soon as it is accepted, before its
 *     handshake, with a {@link MonitorEvent.Type#PEER_REJECTED} event naming its ids and a count in
 *     its {@link SocketStats.ListenerStats#peersRejected()}. Applies to endpoints bound after the
 *     socket is created; tcp ignores it
 * @param ipcFilterGids the group ids whose processes bound {@code ipc://} endpoints accept,
 *     libzmq's {@code ZMQ_IPC_FILTER_GID} (unmodifiable). Weft compares the peer process's group id
 *     from {@code SO_PEERCRED} only; libzmq also accepts a user listed as a member of the group in
 *     the group database, which Java cannot read without native code, so grant such users by user
 *     id
 * @param multicastHops the time-to-live (IP hops) of every multicast datagram a RADIO sends over
 *     {@code udp://} to a multicast group, libzmq's {@code ZMQ_MULTICAST_HOPS}: 1..255, default 1
 *     as in libzmq, so datagrams stay on the local network; raise it to cross multicast routers.
 *     Unicast udp and the other transports ignore it
 * @param multicastLoop whether multicast datagrams a RADIO sends over {@code udp://} are looped
 *     back to receivers on the same host (DISHes of this or other processes bound to the group),
 *     libzmq's {@code ZMQ_MULTICAST_LOOP}; default true as in libzmq. Unicast udp and the other
 *     transports ignore it
 */
public record SocketOptions(
        int sendHwm,
        int receiveHwm,
        Duration linger,
        Duration reconnectInterval,
        Duration reconnectIntervalMax,
        Duration handshakeTimeout,
        long maxMessageSize,
        byte[] routingId,
        Duration sendTimeout,
        Duration receiveTimeout,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration heartbeatTtl,
        boolean immediate,
        long departedPeerBudget,
        boolean reusePort,
        int maxConnections,
        Set<ReconnectStop> reconnectStop,
        Duration connectTimeout,
        Keepalive tcpKeepalive,
        Duration tcpKeepaliveIdle,
        int tcpKeepaliveCount,
        Duration tcpKeepaliveInterval,
        Set<Integer> ipcFilterUids,
        Set<Integer> ipcFilterGids,
        int multicastHops,
        boolean multicastLoop) {

    /** The options every socket gets unless told otherwise. */
    public static final SocketOptions DEFAULTS = builder().build();

    /**
     * Creates options; prefer {@link #builder()}, which validates every value.
     *
     * @param sendHwm see the record description
     * @param receiveHwm see the record description
     * @param linger see the record description
     * @param reconnectInterval see the record description
     * @param reconnectIntervalMax see the record description
     * @param handshakeTimeout see the record description
     * @param maxMessageSize see the record description
     * @param routingId see the record description (copied)
     * @param sendTimeout see the record description
     * @param receiveTimeout see the record description
     * @param heartbeatInterval see the record description
     * @param heartbeatTimeout see the record description
     * @param heartbeatTtl see the record description
     * @param immediate see the record description
     * @param departedPeerBudget see the record description
     * @param reusePort see the record description
     * @param maxConnections see the record description
     * @param reconnectStop see the record description (copied)
     * @param connectTimeout see the record description
     * @param tcpKeepalive see the record description
     * @param tcpKeepaliveIdle see the record description
     * @param tcpKeepaliveCount see the record description
     * @param tcpKeepaliveInterval see the record description
     * @param ipcFilterUids see the record description (copied)
     * @param ipcFilterGids see the record description (copied)
     * @param multicastHops see the record description
     * @param multicastLoop see the record description
     */
    public SocketOptions {
        if (routingId != null) {
            routingId = routingId.clone();
        }
        reconnectStop = unmodifiableCopy(reconnectStop);
        ipcFilterUids = Collections.unmodifiableSet(new TreeSet<>(ipcFilterUids));
        ipcFilterGids = Collections.unmodifiableSet(new TreeSet<>(ipcFilterGids));
    }

    private static Set<ReconnectStop> unmodifiableCopy(Set<ReconnectStop> conditions) {
        return Collections.unmodifiableSet(
                conditions.isEmpty()
                        ? EnumSet.noneOf(ReconnectStop.class)
                        : EnumSet.copyOf(conditions));
    }

    /**
     * Returns a copy of the routing id, or null when none is set.
     *
     * @return the routing id bytes
     */
    @Override
    public byte[] routingId() {
        return routingId == null ? null : routingId.clone();
    }

    /**
     * Starts a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder holding this record's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sendHwm = sendHwm;
        b.receiveHwm = receiveHwm;
        b.linger = linger;
        b.reconnectInterval = reconnectInterval;
        b.reconnectIntervalMax = reconnectIntervalMax;
        b.handshakeTimeout = handshakeTimeout;
        b.maxMessageSize = maxMessageSize;
        b.routingId = routingId;
        b.sendTimeout = sendTimeout;
        b.receiveTimeout = receiveTimeout;
        b.heartbeatInterval = heartbeatInterval;
        b.heartbeatTimeout = heartbeatTimeout;
        b.heartbeatTtl = heartbeatTtl;
        b.immediate = immediate;
        b.departedPeerBudget = departedPeerBudget;
        b.reusePort = reusePort;
        b.maxConnections = maxConnections;
        b.reconnectStop = reconnectStop;
        b.connectTimeout = connectTimeout;
        b.tcpKeepalive = tcpKeepalive;
        b.tcpKeepaliveIdle = tcpKeepaliveIdle;
        b.tcpKeepaliveCount = tcpKeepaliveCount;
        b.tcpKeepaliveInterval = tcpKeepaliveInterval;
        b.ipcFilterUids = new TreeSet<>(ipcFilterUids);
        b.ipcFilterGids = new TreeSet<>(ipcFilterGids);
        b.multicastHops = multicastHops;
        b.multicastLoop = multicastLoop;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocketOptions other
                && sendHwm == other.sendHwm
                && receiveHwm == other.receiveHwm
                && linger.equals(other.linger)
                && reconnectInterval.equals(other.reconnectInterval)
                && reconnectIntervalMax.equals(other.reconnectIntervalMax)
                && handshakeTimeout.equals(other.handshakeTimeout)
                && maxMessageSize == other.maxMessageSize
                && Arrays.equals(routingId, other.routingId)
                && java.util.Objects.equals(sendTimeout, other.sendTimeout)
                && java.util.Objects.equals(receiveTimeout, other.receiveTimeout)
                && heartbeatInterval.equals(other.heartbeatInterval)
                && heartbeatTimeout.equals(other.heartbeatTimeout)
                && heartbeatTtl.equals(other.heartbeatTtl)
                && immediate == other.immediate
                && departedPeerBudget == other.departedPeerBudget
                && reusePort == other.reusePort
                && maxConnections == other.maxConnections
                && reconnectStop.equals(other.reconnectStop)
                && connectTimeout.equals(other.connectTimeout)
                && tcpKeepalive == other.tcpKeepalive
                && tcpKeepaliveIdle.equals(other.tcpKeepaliveIdle)
                && tcpKeepaliveCount == other.tcpKeepaliveCount
                && tcpKeepaliveInterval.equals(other.tcpKeepaliveInterval)
                && ipcFilterUids.equals(other.ipcFilterUids)
                && ipcFilterGids.equals(other.ipcFilterGids)
                && multicastHops == other.multicastHops
                && multicastLoop == other.multicastLoop;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sendHwm, receiveHwm, linger, maxMessageSize)
                + 31 * Arrays.hashCode(routingId);
    }

    @Override
    public String toString() {
        return "SocketOptions[sendHwm="
                + sendHwm
                + ", receiveHwm="
                + receiveHwm
                + ", linger="
                + linger
                + ", reconnectInterval="
                + reconnectInterval
                + ", reconnectIntervalMax="
                + reconnectIntervalMax
                + ", handshakeTimeout="
                + handshakeTimeout
                + ", maxMessageSize="
                + maxMessageSize
                + ", routingId="
                + (routingId == null ? "none" : routingId.length + " bytes")
                + ", sendTimeout="
                + sendTimeout
                + ", receiveTimeout="
                + receiveTimeout
                + ", heartbeatInterval="
                + heartbeatInterval
                + ", immediate="
                + immediate
                + ", departedPeerBudget="
                + departedPeerBudget
                + ", reusePort="
                + reusePort
                + ", maxConnections="
                + maxConnections
                + ", reconnectStop="
                + reconnectStop
                + ", connectTimeout="
                + connectTimeout
                + ", tcpKeepalive="
                + tcpKeepalive
                + ", tcpKeepaliveIdle="
                + tcpKeepaliveIdle
                + ", tcpKeepaliveCount="
                + tcpKeepaliveCount
                + ", tcpKeepaliveInterval="
                + tcpKeepaliveInterval
                + ", ipcFilterUids="
                + ipcFilterUids
                + ", ipcFilterGids="
                + ipcFilterGids
                + ", multicastHops="
                + multicastHops
                + ", multicastLoop="
                + multicastLoop
                + "]";
    }

    /** Fluent builder for {@link SocketOptions}; not thread-safe. */
    public static final class Builder {
        /** Largest message a buffer can hold, less room for a frame header. */
        private static final long MAX_MESSAGE_SIZE = Integer.MAX_VALUE - 16;

        /** Longest TTL whose tenths of a second fit PING's 16-bit field (6553.5 s, + 99 ms). */
        private static final Duration MAX_HEARTBEAT_TTL = Duration.ofMillis(0xFFFF * 100L + 99);

        /** Linux's largest TCP_KEEPIDLE and TCP_KEEPINTVL, in seconds. */
        private static final long MAX_KEEPALIVE_SECONDS = 32767;

        /** Linux's largest TCP_KEEPCNT. */
        private static final int MAX_KEEPALIVE_COUNT = 127;

        /** The largest IP time-to-live. */
        private static final int MAX_MULTICAST_HOPS = 255;

        private int sendHwm = 1000;
        private int receiveHwm = 1000;
        private Duration linger = Duration.ofSeconds(1);
        private Duration reconnectInterval = Duration.ofMillis(100);
        private Duration reconnectIntervalMax = Duration.ZERO;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private long maxMessageSize = 64L * 1024 * 1024;
        private byte[] routingId;
        private Duration sendTimeout;
        private Duration receiveTimeout;
        private Duration heartbeatInterval = Duration.ZERO;
        private Duration heartbeatTimeout;
        private Duration heartbeatTtl = Duration.ZERO;
        private boolean immediate = false;
        private long departedPeerBudget = 32L * 1024 * 1024;
        private boolean reusePort = false;
        private int maxConnections = 0;
        private Set<ReconnectStop> reconnectStop = EnumSet.noneOf(ReconnectStop.class);
        private Duration connectTimeout = Duration.ZERO;
        private Set<Integer> ipcFilterUids = new TreeSet<>();
        private Set<Integer> ipcFilterGids = new TreeSet<>();
        private Keepalive tcpKeepalive = Keepalive.SYSTEM_DEFAULT;
        private Duration tcpKeepaliveIdle = Duration.ZERO;
        private int tcpKeepaliveCount = 0;
        private Duration tcpKeepaliveInterval = Duration.ZERO;
        private int multicastHops = 1;
        private boolean multicastLoop = true;

        private Builder() {}

        /**
         * Sets the send high-water mark.
         *
         * @param messages most queued outbound messages per peer, 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder sendHwm(int messages) {
            this.sendHwm = atLeastZero("sendHwm", messages);
            return this;
        }

        /**
         * Sets the receive high-water mark.
         *
         * @param messages most queued inbound messages per peer, 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder receiveHwm(int messages) {
            this.receiveHwm = atLeastZero("receiveHwm", messages);
            return this;
        }

        /**
         * Sets how long close keeps delivering queued messages.
         *
         * @param linger zero to drop them at once
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder linger(Duration linger) {
            this.linger = notNegative("linger", linger);
            return this;
        }

        /**
         * Sets the reconnect delay (libzmq {@code ZMQ_RECONNECT_IVL}), the first one when backoff
         * is on.
         *
         * @param interval greater than zero
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder reconnectInterval(Duration interval) {
            this.reconnectInterval = positive("reconnectInterval", interval);
            return this;
        }

        /**
         * Sets the largest reconnect delay of the exponential backoff (libzmq {@code
         * ZMQ_RECONNECT_IVL_MAX}); see the record description for the doubling and its jitter.
         *
         * @param max {@link Duration#ZERO} for a fixed {@code reconnectInterval} (no backoff), or a
         *     duration of at least {@code reconnectInterval} (checked by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder reconnectIntervalMax(Duration max) {
            if (max == null || max.isNegative()) {
                throw new IllegalArgumentException(
                        "reconnectIntervalMax: "
                                + max
                                + " (expected: 0 for no backoff, or a duration >="
                                + " reconnectInterval)");
            }
            this.reconnectIntervalMax = max;
            return this;
        }

        /**
         * Sets the handshake timeout.
         *
         * @param timeout greater than zero
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive("handshakeTimeout", timeout);
            return this;
        }

        /**
         * Sets the largest accepted inbound message.
         *
         * @param bytes greater than zero
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxMessageSize(long bytes) {
            if (bytes <= 0 || bytes > MAX_MESSAGE_SIZE) {
                throw new IllegalArgumentException(
                        "maxMessageSize: " + bytes + " (expected: 1.." + MAX_MESSAGE_SIZE + ")");
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Sets the routing id announced to peers (ZMQ_ROUTING_ID).
         *
         * @param id 1..255 bytes not starting with 0x00, or null for none
         * @return this builder
         * @throws IllegalArgumentException when empty, too long or starting with a zero byte
         */
        public Builder routingId(byte[] id) {
            if (id != null) {
                if (id.length == 0 || id.length > 255) {
                    throw new IllegalArgumentException(
                            "routingId: " + id.length + " bytes (expected: 1..255 bytes)");
                }
                if (id[0] == 0) {
                    throw new IllegalArgumentException(
                            "routingId: starts with 0x00 (expected: a first byte other than zero;"
                                    + " RFC 37 reserves those ids for generated ones)");
                }
                id = id.clone();
            }
            this.routingId = id;
            return this;
        }

        /**
         * Sets the routing id from UTF-8 text.
         *
         * @param id 1..255 bytes of text, or null for none
         * @return this builder
         * @throws IllegalArgumentException as {@link #routingId(byte[])}
         */
        public Builder routingId(String id) {
            return routingId(
                    id == null ? null : id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * Sets how long a blocking send waits.
         *
         * @param timeout null to wait without limit
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = timeout == null ? null : notNegative("sendTimeout", timeout);
            return this;
        }

        /**
         * Sets how long a blocking receive waits.
         *
         * @param timeout null to wait without limit
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder receiveTimeout(Duration timeout) {
            this.receiveTimeout = timeout == null ? null : notNegative("receiveTimeout", timeout);
            return this;
        }

        /**
         * Sets the PING interval for ZMTP 3.1 peers.
         *
         * @param interval zero for no heartbeats
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = notNegative("heartbeatInterval", interval);
            return this;
        }

        /**
         * Sets how long to wait for traffic after a PING.
         *
         * @param timeout greater than zero
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive("heartbeatTimeout", timeout);
            return this;
        }

        /**
         * Sets the time-to-live announced in PINGs.
         *
         * @param ttl 0 to 6553.5 s
         * @return this builder
         * @throws IllegalArgumentException when outside that range
         */
        public Builder heartbeatTtl(Duration ttl) {
            notNegative("heartbeatTtl", ttl);
            // Compare durations, not ttl.toMillis(): that overflows for very long durations.
            if (ttl.compareTo(MAX_HEARTBEAT_TTL) > 0) {
                throw new IllegalArgumentException(
                        "heartbeatTtl: " + ttl + " (expected: at most 6553.5 s)");
            }
            this.heartbeatTtl = ttl;
            return this;
        }

        /**
         * Sets whether messages queue only to completed connections (libzmq {@code ZMQ_IMMEDIATE}).
         *
         * @param immediate true to give a connected endpoint a queue only while its connection is
         *     complete; false (the default) to queue from {@code connect()} on, across reconnects
         * @return this builder
         */
        public Builder immediate(boolean immediate) {
            this.immediate = immediate;
            return this;
        }

        /**
         * Sets the departed-peer budget: most memory the unread messages of peers that have left
         * may hold in the socket together, before the oldest of them are dropped.
         *
         * @param bytes greater than zero; {@link Long#MAX_VALUE} keeps everything, as libzmq does
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder departedPeerBudget(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException(
                        "departedPeerBudget: " + bytes + " (expected: > 0 bytes)");
            }
            this.departedPeerBudget = bytes;
            return this;
        }

        /**
         * Sets whether bound TCP endpoints set {@code SO_REUSEPORT}, so that several sockets bind
         * one port and the kernel spreads connections among them.
         *
         * @param reusePort true to share the port with other sockets that set it too; false (the
         *     default, as libzmq) for an exclusive bind
         * @return this builder
         */
        public Builder reusePort(boolean reusePort) {
            this.reusePort = reusePort;
            return this;
        }

        /**
         * Sets the most live connections per bound endpoint; above it new peers wait in the
         * kernel's accept backlog until a connection ends.
         *
         * @param connections 0 for no limit (the default), or a positive count
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxConnections(int connections) {
            this.maxConnections = atLeastZero("maxConnections", connections);
            return this;
        }

        /**
         * Sets the conditions on which a connected endpoint stops reconnecting (libzmq {@code
         * ZMQ_RECONNECT_STOP}).
         *
         * @param conditions none (the default) to keep reconnecting, or any of {@link
         *     ReconnectStop}; copied
         * @return this builder
         * @throws IllegalArgumentException when null or holding null
         */
        public Builder reconnectStop(Set<ReconnectStop> conditions) {
            if (conditions == null || conditions.contains(null)) {
                throw new IllegalArgumentException(
                        "reconnectStop: "
                                + conditions
                                + " (expected: a set of "
                                + Arrays.toString(ReconnectStop.values())
                                + ", possibly empty)");
            }
            this.reconnectStop = unmodifiableCopy(conditions);
            return this;
        }

        /**
         * Sets the conditions on which a connected endpoint stops reconnecting.
         *
         * @param conditions none to keep reconnecting, or any of {@link ReconnectStop}
         * @return this builder
         * @throws IllegalArgumentException when holding null
         */
        public Builder reconnectStop(ReconnectStop... conditions) {
            return reconnectStop(
                    conditions == null ? null : new java.util.HashSet<>(Arrays.asList(conditions)));
        }

        /**
         * Sets how long a TCP connect may take before it is abandoned and retried (libzmq {@code
         * ZMQ_CONNECT_TIMEOUT}).
         *
         * @param timeout {@link Duration#ZERO} (the default) for the operating system's limit
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = notNegative("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets whether TCP connections send keepalive probes (libzmq {@code ZMQ_TCP_KEEPALIVE}).
         *
         * @param keepalive {@link Keepalive#SYSTEM_DEFAULT} (the default), off or on
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder tcpKeepalive(Keepalive keepalive) {
            if (keepalive == null) {
                throw new IllegalArgumentException(
                        "tcpKeepalive: null (expected: one of "
                                + Arrays.toString(Keepalive.values())
                                + ")");
            }
            this.tcpKeepalive = keepalive;
            return this;
        }

        /**
         * Sets the idle time before the first keepalive probe (libzmq {@code
         * ZMQ_TCP_KEEPALIVE_IDLE}); applies with {@code tcpKeepalive} on.
         *
         * @param idle {@link Duration#ZERO} (the default) for the system's, or whole seconds
         * @return this builder
         * @throws IllegalArgumentException when negative, not whole seconds or over 32767 s
         */
        public Builder tcpKeepaliveIdle(Duration idle) {
            this.tcpKeepaliveIdle = keepaliveSeconds("tcpKeepaliveIdle", idle);
            return this;
        }

        /**
         * Sets how many unanswered keepalive probes end a connection (libzmq {@code
         * ZMQ_TCP_KEEPALIVE_CNT}); applies with {@code tcpKeepalive} on.
         *
         * @param probes 0 (the default) for the system's, or 1..127
         * @return this builder
         * @throws IllegalArgumentException when outside 0..127
         */
        public Builder tcpKeepaliveCount(int probes) {
            if (probes < 0 || probes > MAX_KEEPALIVE_COUNT) {
                throw new IllegalArgumentException(
                        "tcpKeepaliveCount: "
                                + probes
                                + " (expected: 0 for the system's, or 1.."
                                + MAX_KEEPALIVE_COUNT
                                + ")");
            }
            this.tcpKeepaliveCount = probes;
            return this;
        }

        /**
         * Sets the time between keepalive probes (libzmq {@code ZMQ_TCP_KEEPALIVE_INTVL}); applies
         * with {@code tcpKeepalive} on.
         *
         * @param interval {@link Duration#ZERO} (the default) for the system's, or whole seconds
         * @return this builder
         * @throws IllegalArgumentException when negative, not whole seconds or over 32767 s
         */
        public Builder tcpKeepaliveInterval(Duration interval) {
            this.tcpKeepaliveInterval = keepaliveSeconds("tcpKeepaliveInterval", interval);
            return this;
        }

        /**
         * Adds a user id to the ipc filter (libzmq {@code ZMQ_IPC_FILTER_UID}, which also adds one
         * per call): bound {@code ipc://} endpoints then serve only peers of the filtered users or
         * groups.
         *
         * @param uid a user id, such as 0 for root
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder ipcFilterUid(int uid) {
            ipcFilterUids.add(atLeastZero("ipcFilterUid", uid));
            return this;
        }

        /**
         * Replaces the ipc filter's user ids; an empty set clears them (libzmq's {@code
         * ZMQ_IPC_FILTER_UID} with no value).
         *
         * @param uids user ids, each >= 0; copied
         * @return this builder
         * @throws IllegalArgumentException when null, holding null or a negative id
         */
        public Builder ipcFilterUids(Set<Integer> uids) {
            ipcFilterUids = ids("ipcFilterUids", uids);
            return this;
        }

        /**
         * Adds a group id to the ipc filter (libzmq {@code ZMQ_IPC_FILTER_GID}): a peer whose
         * process runs with this group id is served. Supplementary groups are not consulted (see
         * {@link SocketOptions#ipcFilterGids()}).
         *
         * @param gid a group id
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder ipcFilterGid(int gid) {
            ipcFilterGids.add(atLeastZero("ipcFilterGid", gid));
            return this;
        }

        /**
         * Replaces the ipc filter's group ids; an empty set clears them.
         *
         * @param gids group ids, each >= 0; copied
         * @return this builder
         * @throws IllegalArgumentException when null, holding null or a negative id
         */
        public Builder ipcFilterGids(Set<Integer> gids) {
            ipcFilterGids = ids("ipcFilterGids", gids);
            return this;
        }

        private static Set<Integer> ids(String name, Set<Integer> ids) {
            if (ids == null) {
                throw new IllegalArgumentException(name + ": null (expected: a set of ids >= 0)");
            }
            Set<Integer> copy = new TreeSet<>();
            for (Integer id : ids) {
                if (id == null || id < 0) {
                    throw new IllegalArgumentException(
                            name + ": holds " + id + " (expected: ids >= 0)");
                }
                copy.add(id);
            }
            return copy;
        }

        /**
         * Sets the time-to-live of multicast datagrams a RADIO sends over {@code udp://} (libzmq
         * {@code ZMQ_MULTICAST_HOPS}).
         *
         * @param hops 1 (the default: the local network only) to 255
         * @return this builder
         * @throws IllegalArgumentException when outside 1..255
         */
        public Builder multicastHops(int hops) {
            if (hops < 1 || hops > MAX_MULTICAST_HOPS) {
                throw new IllegalArgumentException(
                        "multicastHops: " + hops + " (expected: 1.." + MAX_MULTICAST_HOPS + ")");
            }
            this.multicastHops = hops;
            return this;
        }

        /**
         * Sets whether multicast datagrams a RADIO sends over {@code udp://} loop back to receivers
         * on the same host (libzmq {@code ZMQ_MULTICAST_LOOP}).
         *
         * @param loop true (the default) to deliver to local DISHes too; false to send only to
         *     other hosts
         * @return this builder
         */
        public Builder multicastLoop(boolean loop) {
            this.multicastLoop = loop;
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the immutable options
         * @throws IllegalArgumentException when {@code reconnectIntervalMax} is neither zero nor at
         *     least {@code reconnectInterval}
         */
        public SocketOptions build() {
            if (!reconnectIntervalMax.isZero()
                    && reconnectIntervalMax.compareTo(reconnectInterval) < 0) {
                throw new IllegalArgumentException(
                        "reconnectIntervalMax: "
                                + reconnectIntervalMax
                                + " (expected: 0 for no backoff, or >= reconnectInterval "
                                + reconnectInterval
                                + ")");
            }
            Duration hbTimeout = heartbeatTimeout != null ? heartbeatTimeout : heartbeatInterval;
            return new SocketOptions(
                    sendHwm,
                    receiveHwm,
                    linger,
                    reconnectInterval,
                    reconnectIntervalMax,
                    handshakeTimeout,
                    maxMessageSize,
                    routingId,
                    sendTimeout,
                    receiveTimeout,
                    heartbeatInterval,
                    hbTimeout,
                    heartbeatTtl,
                    immediate,
                    departedPeerBudget,
                    reusePort,
                    maxConnections,
                    reconnectStop,
                    connectTimeout,
                    tcpKeepalive,
                    tcpKeepaliveIdle,
                    tcpKeepaliveCount,
                    tcpKeepaliveInterval,
                    ipcFilterUids,
                    ipcFilterGids,
                    multicastHops,
                    multicastLoop);
        }

        private static Duration keepaliveSeconds(String name, Duration value) {
            if (value == null
                    || value.isNegative()
                    || value.getNano() != 0
                    || value.getSeconds() > MAX_KEEPALIVE_SECONDS) {
                throw new IllegalArgumentException(
                        name
                                + ": "
                                + value
                                + " (expected: 0 for the system's, or whole seconds 1.."
                                + MAX_KEEPALIVE_SECONDS
                                + ")");
            }
            return value;
        }

        private static int atLeastZero(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
            }
            return value;
        }

        private static Duration notNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(
                        name + ": " + value + " (expected: a duration >= 0)");
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(
                        name + ": " + value + " (expected: a duration > 0)");
            }
            return value;
        }
    }
}
