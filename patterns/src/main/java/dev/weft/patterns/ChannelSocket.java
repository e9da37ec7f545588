package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pair.PairRole;

/**
 * A CHANNEL socket (RFC 52, a draft type): an exclusive, bidirectional connection to one CHANNEL
 * peer, like PAIR. A second peer is refused while the first is connected; with no peer, a send
 * waits.
 *
 * <p>Messages are single-part: sending one of several frames throws {@link
 * IllegalArgumentException}, and a peer that sends one is disconnected. Thread-safe, like every
 * Weft socket.
 */
public final class ChannelSocket extends DuplexSocket {
    /**
     * Creates a CHANNEL with default options.
     *
     * @param context the owning context
     */
    public ChannelSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a CHANNEL.
     *
     * @param context the owning context
     * @param options socket options
     */
    public ChannelSocket(Context context, SocketOptions options) {
        super(
                context,
                new RoleContext(SocketType.CHANNEL, options),
                new PairRole(SocketType.CHANNEL));
    }
}
