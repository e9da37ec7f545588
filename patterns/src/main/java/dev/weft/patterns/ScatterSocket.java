package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pipeline.PushRole;

/**
 * A SCATTER socket (RFC 49, a draft type): sends messages round-robin to its GATHER peers, skipping
 * peers at their high-water mark, like PUSH. Never drops: when no peer can take a message, a send
 * waits (or {@link #trySend} returns false).
 *
 * <p>Messages are single-part: sending one of several frames throws {@link
 * IllegalArgumentException}. Thread-safe, like every Weft socket.
 */
public final class ScatterSocket extends SendOnlySocket {
    /**
     * Creates a SCATTER with default options.
     *
     * @param context the owning context
     */
    public ScatterSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a SCATTER.
     *
     * @param context the owning context
     * @param options socket options
     */
    public ScatterSocket(Context context, SocketOptions options) {
        super(context, new RoleContext(SocketType.SCATTER, options), new PushRole());
    }
}
