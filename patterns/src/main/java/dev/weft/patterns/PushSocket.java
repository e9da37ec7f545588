package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pipeline.PushRole;

/**
 * A PUSH socket (RFC 30): sends messages round-robin to its PULL peers, skipping peers at their
 * high-water mark. Never drops: when no peer can take a message, a send waits (or {@link #trySend}
 * returns false).
 */
public final class PushSocket extends SendOnlySocket {
    /**
     * Creates a PUSH with default options.
     *
     * @param context the owning context
     */
    public PushSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a PUSH.
     *
     * @param context the owning context
     * @param options socket options
     */
    public PushSocket(Context context, SocketOptions options) {
        super(context, new RoleContext(SocketType.PUSH, options), new PushRole());
    }
}
