package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pubsub.PubRole;

/**
 * A PUB socket (RFC 29): sends each message to the subscribers whose subscriptions prefix the
 * message's first frame. Never waits: a subscriber at its high-water mark misses the message,
 * counted in {@link dev.weft.core.SocketStats#droppedAtHwm()}; with no subscriber the message is
 * dropped.
 */
public final class PubSocket extends SendOnlySocket {
    private final PubRole role;

    /**
     * Creates a PUB with default options.
     *
     * @param context the owning context
     */
    public PubSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a PUB.
     *
     * @param context the owning context
     * @param options socket options
     */
    public PubSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.PUB, options));
    }

    private PubSocket(Context context, RoleContext roleContext) {
        this(context, roleContext, new PubRole(roleContext));
    }

    private PubSocket(Context context, RoleContext roleContext, PubRole role) {
        super(context, roleContext, role);
        this.role = role;
    }

    /**
     * Sends each message to the subscribers it does not match instead (libzmq {@code
     * ZMQ_INVERT_MATCHING}); the subscribers must invert too.
     *
     * @param invert true to invert
     * @return this socket
     */
    public PubSocket invertMatching(boolean invert) {
        withRole(() -> role.invertMatching(invert));
        return this;
    }
}
