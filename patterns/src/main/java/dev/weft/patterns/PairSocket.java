package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pair.PairRole;

/**
 * A PAIR socket (RFC 31): an exclusive, bidirectional connection to one PAIR peer. A second peer is
 * refused while the first is connected; with no peer, a send waits.
 */
public final class PairSocket extends DuplexSocket {
    /**
     * Creates a PAIR with default options.
     *
     * @param context the owning context
     */
    public PairSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a PAIR.
     *
     * @param context the owning context
     * @param options socket options
     */
    public PairSocket(Context context, SocketOptions options) {
        super(context, new RoleContext(SocketType.PAIR, options), new PairRole(SocketType.PAIR));
    }
}
