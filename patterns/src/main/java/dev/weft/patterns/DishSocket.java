package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.radiodish.DishRole;
import io.netty.buffer.ByteBufUtil;

/**
 * A DISH socket (RFC 48): receives the messages its RADIO peers send to the groups it joined;
 * {@link Message#group()} of a received message names its group. Groups are 1 to {@value
 * Message#MAX_GROUP_OCTETS} octets of UTF-8 and match exactly, not by prefix. A new DISH has joined
 * no group and receives nothing.
 *
 * <p>Join and leave before or after connecting: each JOIN and LEAVE goes to every radio, and every
 * group is joined again on a radio that reconnects. A DISH also filters what arrives by its own
 * groups, so a message of a group it left while the message was in flight is not delivered.
 *
 * <p>Thread-safe: any number of threads may receive at once; each message goes to one of them,
 * whole.
 */
public final class DishSocket extends ReceiveOnlySocket {
    private final DishRole role;

    /**
     * Creates a DISH with default options.
     *
     * @param context the owning context
     */
    public DishSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a DISH.
     *
     * @param context the owning context
     * @param options socket options
     */
    public DishSocket(Context context, SocketOptions options) {
        this(context, options, new DishRole());
    }

    private DishSocket(Context context, SocketOptions options, DishRole role) {
        super(context, new RoleContext(SocketType.DISH, options), role);
        this.role = role;
    }

    /**
     * Joins a group: messages sent to it from now on are delivered.
     *
     * @param group 1 to {@value Message#MAX_GROUP_OCTETS} octets of UTF-8
     * @return this socket
     * @throws IllegalArgumentException when the group is null, empty, too long, or already joined
     *     (libzmq's {@code zmq_join} fails with {@code EINVAL} then too)
     */
    public DishSocket join(String group) {
        checkGroup("join", group);
        withRole(() -> role.join(group));
        return this;
    }

    /**
     * Leaves a group: its messages are no longer delivered, including those already in flight.
     *
     * @param group a group this socket joined
     * @return this socket
     * @throws IllegalArgumentException when the group is null, empty, too long, or not joined
     *     (libzmq's {@code zmq_leave} fails with {@code EINVAL} then too)
     */
    public DishSocket leave(String group) {
        checkGroup("leave", group);
        withRole(() -> role.leave(group));
        return this;
    }

    private static void checkGroup(String operation, String group) {
        int octets = group == null ? 0 : ByteBufUtil.utf8Bytes(group);
        if (octets == 0 || octets > Message.MAX_GROUP_OCTETS) {
            throw new IllegalArgumentException(
                    operation
                            + ": group "
                            + (group == null ? "null" : "'" + group + "' (" + octets + " octets)")
                            + " (expected: 1.."
                            + Message.MAX_GROUP_OCTETS
                            + " octets of UTF-8)");
        }
    }
}
