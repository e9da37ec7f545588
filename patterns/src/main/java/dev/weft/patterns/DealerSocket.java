package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.patterns.reqrep.DealerRole;

/**
 * A DEALER socket (RFC 28): sends round-robin to its peers and receives from them fairly, without
 * touching envelopes. Talks to ROUTER, REP and DEALER peers.
 *
 * <p>With no connected peer (or every peer at its high-water mark), a send waits. By default
 * ({@code immediate} true, like libzmq with {@code ZMQ_IMMEDIATE} set) a peer's queue exists only
 * once its handshake completes; with {@code immediate(false)} a connected endpoint's queue exists
 * from {@code connect()} and messages wait there for the connection.
 */
public final class DealerSocket extends DuplexSocket {
    private final DealerRole role;

    /**
     * Creates a DEALER with default options.
     *
     * @param context the owning context
     */
    public DealerSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a DEALER.
     *
     * @param context the owning context
     * @param options socket options (e.g. a {@code routingId} announced to ROUTER peers)
     */
    public DealerSocket(Context context, SocketOptions options) {
        this(context, options, new DealerRole());
    }

    private DealerSocket(Context context, SocketOptions options, DealerRole role) {
        super(context, SocketType.DEALER, options, counters -> role);
        this.role = role;
    }

    /**
     * Sends an empty message to each new peer as soon as it connects (libzmq {@code
     * ZMQ_PROBE_ROUTER}), so that a ROUTER peer learns this socket's routing id at once. Set it
     * before connecting.
     *
     * @param probe true to probe
     * @return this socket
     */
    public DealerSocket probeRouter(boolean probe) {
        withRole(() -> role.probeRouter(probe));
        return this;
    }
}
