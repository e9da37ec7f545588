package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pipeline.PullRole;

/** A PULL socket (RFC 30): receives messages fairly from its PUSH peers. */
public final class PullSocket extends ReceiveOnlySocket {
    private final PullRole role;

    /**
     * Creates a PULL with default options.
     *
     * @param context the owning context
     */
    public PullSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a PULL.
     *
     * @param context the owning context
     * @param options socket options
     */
    public PullSocket(Context context, SocketOptions options) {
        this(context, options, new PullRole());
    }

    private PullSocket(Context context, SocketOptions options, PullRole role) {
        super(context, new RoleContext(SocketType.PULL, options), role);
        this.role = role;
    }

    /**
     * Keeps only the newest waiting message, dropping older ones (libzmq {@code ZMQ_CONFLATE}).
     *
     * @param conflate true to conflate
     * @return this socket
     */
    public PullSocket conflate(boolean conflate) {
        withRole(() -> role.conflate(conflate));
        return this;
    }
}
