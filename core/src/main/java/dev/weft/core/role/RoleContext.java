package dev.weft.core.role;

import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;

/**
 * What a role may use of its socket: the socket's type and options, and the counters a role reports
 * its drops to. Made before the role and the socket core, so that both get the same one at
 * construction. The counting methods are called with the socket lock held (roles run under it); the
 * socket's stats read them under the same lock.
 */
public final class RoleContext {
    private final SocketType socketType;
    private final SocketOptions options;
    private long droppedUnroutable;
    private long droppedAtHwm;

    /**
     * Creates the context of one socket's role.
     *
     * @param socketType the socket's type
     * @param options the socket's validated options
     */
    public RoleContext(SocketType socketType, SocketOptions options) {
        this.socketType = socketType;
        this.options = options;
    }

    /**
     * Returns the socket's type.
     *
     * @return the type
     */
    public SocketType socketType() {
        return socketType;
    }

    /**
     * Returns the socket's options.
     *
     * @return the options
     */
    public SocketOptions options() {
        return options;
    }

    /**
     * Counts a message dropped because no peer has its routing id (RADIO: no peer joined its
     * group); call under the socket lock.
     */
    public void countUnroutable() {
        droppedUnroutable++;
    }

    /** Counts a message dropped at a peer's high-water mark; call under the socket lock. */
    public void countDroppedAtHwm() {
        droppedAtHwm++;
    }

    /**
     * Returns how many messages were dropped for want of a peer with their routing id.
     *
     * @return the count; read under the socket lock
     */
    public long droppedUnroutable() {
        return droppedUnroutable;
    }

    /**
     * Returns how many messages were dropped at a peer's high-water mark.
     *
     * @return the count; read under the socket lock
     */
    public long droppedAtHwm() {
        return droppedAtHwm;
    }
}
