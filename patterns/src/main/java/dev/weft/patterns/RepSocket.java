package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.reqrep.RepRole;

/**
 * A REP socket (RFC 28): receives a request from one of its REQ or DEALER peers (fair-queued), then
 * sends the reply back to that peer. The request's envelope is kept and restored on the reply
 * automatically. Receive and send must alternate; breaking the order throws {@link
 * dev.weft.core.IllegalSocketStateException}.
 */
public final class RepSocket extends DuplexSocket {
    /**
     * Creates a REP with default options.
     *
     * @param context the owning context
     */
    public RepSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a REP.
     *
     * @param context the owning context
     * @param options socket options
     */
    public RepSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.REP, options));
    }

    private RepSocket(Context context, RoleContext roleContext) {
        super(context, roleContext, new RepRole(roleContext));
    }
}
