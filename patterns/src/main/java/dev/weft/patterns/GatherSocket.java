package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pipeline.PullRole;

/**
 * A GATHER socket (RFC 49, a draft type): receives messages fairly from its SCATTER peers, like
 * PULL.
 *
 * <p>Messages are single-part: a peer that sends one of several frames is disconnected.
 * Thread-safe, like every Weft socket.
 */
public final class GatherSocket extends ReceiveOnlySocket {
    /**
     * Creates a GATHER with default options.
     *
     * @param context the owning context
     */
    public GatherSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a GATHER.
     *
     * @param context the owning context
     * @param options socket options
     */
    public GatherSocket(Context context, SocketOptions options) {
        super(context, new RoleContext(SocketType.GATHER, options), new PullRole());
    }
}
