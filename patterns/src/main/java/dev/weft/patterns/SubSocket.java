package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pubsub.SubRole;
import java.nio.charset.StandardCharsets;

/**
 * A SUB socket (RFC 29): receives the messages of its publishers whose first frame starts with one
 * of its subscriptions. Subscribe before or after connecting; subscriptions are sent to every
 * publisher, and again after a reconnect. A new SUB is subscribed to nothing.
 */
public final class SubSocket extends ReceiveOnlySocket {
    private final SubRole role;

    /**
     * Creates a SUB with default options.
     *
     * @param context the owning context
     */
    public SubSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a SUB.
     *
     * @param context the owning context
     * @param options socket options
     */
    public SubSocket(Context context, SocketOptions options) {
        this(context, options, new SubRole());
    }

    private SubSocket(Context context, SocketOptions options, SubRole role) {
        super(context, new RoleContext(SocketType.SUB, options), role);
        this.role = role;
    }

    /**
     * Subscribes to messages whose first frame starts with the prefix (empty: all messages).
     * Subscriptions are counted: subscribing twice needs two unsubscribes.
     *
     * @param prefix the topic prefix
     * @return this socket
     */
    public SubSocket subscribe(byte[] prefix) {
        byte[] copy = prefix.clone();
        withRole(() -> role.subscribe(copy));
        return this;
    }

    /**
     * Subscribes to a UTF-8 text prefix.
     *
     * @param prefix the topic prefix
     * @return this socket
     */
    public SubSocket subscribe(String prefix) {
        return subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes one subscription to the prefix.
     *
     * @param prefix the topic prefix
     * @return this socket
     */
    public SubSocket unsubscribe(byte[] prefix) {
        byte[] copy = prefix.clone();
        withRole(() -> role.unsubscribe(copy));
        return this;
    }

    /**
     * Removes one subscription to a UTF-8 text prefix.
     *
     * @param prefix the topic prefix
     * @return this socket
     */
    public SubSocket unsubscribe(String prefix) {
        return unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keeps only the newest matching message (libzmq {@code ZMQ_CONFLATE}).
     *
     * @param conflate true to conflate
     * @return this socket
     */
    public SubSocket conflate(boolean conflate) {
        withRole(() -> role.conflate(conflate));
        return this;
    }

    /**
     * Delivers the messages that do not match instead (libzmq {@code ZMQ_INVERT_MATCHING}).
     *
     * @param invert true to invert
     * @return this socket
     */
    public SubSocket invertMatching(boolean invert) {
        withRole(() -> role.invertMatching(invert));
        return this;
    }
}
