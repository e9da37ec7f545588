package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.reqrep.DealerRole;

/**
 * A CLIENT socket (RFC 41, a draft type): talks to SERVER peers, sending round-robin to those that
 * can take a message and receiving fairly from all. Never drops: when no peer can take a message, a
 * send waits (or {@link #trySend} returns false).
 *
 * <p>Messages are single-part: sending one of several frames throws {@link
 * IllegalArgumentException}, and a peer that sends one is disconnected.
 *
 * <p>Thread-safe, like every Weft socket. A reply goes to whichever thread receives first; give
 * each thread its own CLIENT when replies must reach the thread that asked.
 */
public final class ClientSocket extends DuplexSocket {
    /**
     * Creates a CLIENT with default options.
     *
     * @param context the owning context
     */
    public ClientSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a CLIENT.
     *
     * @param context the owning context
     * @param options socket options
     */
    public ClientSocket(Context context, SocketOptions options) {
        super(context, new RoleContext(SocketType.CLIENT, options), new DealerRole());
    }
}
