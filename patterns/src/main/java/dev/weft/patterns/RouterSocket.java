package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.reqrep.RouterRole;
import io.netty.buffer.Unpooled;

/**
 * A ROUTER socket (RFC 28): every received message starts with a frame holding the routing id of
 * the peer it came from; every sent message must start with the routing id of the peer to send to,
 * which the socket strips. Talks to DEALER, REQ and ROUTER peers.
 *
 * <p>Routing ids are the peer's announced identity (a {@code routingId} option on the peer) or, for
 * anonymous peers, a generated 5-byte id. A message for an unknown peer is dropped silently and
 * counted in {@link dev.weft.core.SocketStats#droppedUnroutable()}, unless {@link
 * #mandatory(boolean)} is on; a message for a peer at its high-water mark is dropped and counted
 * likewise.
 *
 * <p>The routing-id frame of a received message is shared by every message from the same peer: its
 * buffer is read-only and unreleasable (closing the message releases nothing of it, and it stays
 * valid after the peer is gone). Read it with {@link dev.weft.core.Frame}'s methods or {@code
 * ByteBuf}'s absolute getters; do not move its reader index while other messages from that peer are
 * held. Sending it back as the first frame of a reply is the normal use.
 */
public final class RouterSocket extends DuplexSocket {
    private final RouterRole role;

    /**
     * Creates a ROUTER with default options.
     *
     * @param context the owning context
     */
    public RouterSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a ROUTER.
     *
     * @param context the owning context
     * @param options socket options
     */
    public RouterSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.ROUTER, options));
    }

    private RouterSocket(Context context, RoleContext roleContext) {
        this(context, roleContext, new RouterRole(roleContext));
    }

    private RouterSocket(Context context, RoleContext roleContext, RouterRole role) {
        super(context, roleContext, role);
        this.role = role;
    }

    /**
     * Sets mandatory routing (libzmq {@code ZMQ_ROUTER_MANDATORY}): a send to an unknown routing id
     * throws {@link HostUnreachableException} instead of dropping the message, and a send to a peer
     * at its high-water mark waits instead of dropping.
     *
     * @param mandatory true for mandatory routing
     * @return this socket
     */
    public RouterSocket mandatory(boolean mandatory) {
        role.mandatory(mandatory);
        return this;
    }

    /**
     * Tells whether mandatory routing is on.
     *
     * @return the setting
     */
    public boolean isMandatory() {
        return role.isMandatory();
    }

    /**
     * Sets handover (libzmq {@code ZMQ_ROUTER_HANDOVER}): a new peer announcing a routing id in use
     * takes it over and the old connection is closed; otherwise the new peer is refused.
     *
     * @param handover true to hand ids over
     * @return this socket
     */
    public RouterSocket handover(boolean handover) {
        role.handover(handover);
        return this;
    }

    /**
     * Tells whether handover is on.
     *
     * @return the setting
     */
    public boolean isHandover() {
        return role.isHandover();
    }

    /**
     * Sends an empty message to each new peer as soon as it connects (libzmq {@code
     * ZMQ_PROBE_ROUTER}), so that a ROUTER peer learns this socket's routing id at once. Set it
     * before connecting.
     *
     * @param probe true to probe
     * @return this socket
     */
    public RouterSocket probeRouter(boolean probe) {
        role.probeRouter(probe);
        return this;
    }

    /**
     * Sends UTF-8 text frames to the peer with the given routing id.
     *
     * @param routingId the peer's routing id
     * @param frames the message's frames
     * @return true when taken (sent, queued, or dropped as unroutable); false when the send timeout
     *     passed
     * @throws HostUnreachableException in mandatory mode, when no peer has the id
     */
    public boolean sendTo(byte[] routingId, String... frames) {
        Message m = Message.of(frames).addFirst(Unpooled.wrappedBuffer(routingId.clone()));
        boolean sent = false;
        try {
            sent = send(m);
            return sent;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }
}
