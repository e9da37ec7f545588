package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.reqrep.DealerRole;

/**
 * A DEALER socket (RFC 28): sends round-robin to its peers and receives from them fairly, without
 * touching envelopes. Talks to ROUTER, REP and DEALER peers.
 *
 * <p>By default ({@code immediate} false, as in libzmq) a connected endpoint's queue exists from
 * {@code connect()} on, across reconnects, and messages wait there for the connection; a send waits
 * only when every queue is at its high-water mark, or when the socket has no endpoint at all. With
 * {@code immediate(true)} (libzmq's {@code ZMQ_IMMEDIATE}) a peer's queue exists only once its
 * handshake completes, so with no connected peer a send waits.
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
        super(context, new RoleContext(SocketType.DEALER, options), role);
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
