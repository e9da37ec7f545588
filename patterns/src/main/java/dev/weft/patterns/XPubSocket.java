package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pubsub.XPubRole;
import java.nio.charset.StandardCharsets;

/**
 * An XPUB socket (RFC 29): a PUB whose receive returns subscriptions as messages, one frame of
 * {@code 0x01} (subscribe) or {@code 0x00} (unsubscribe) followed by the topic. By default a
 * topic's first subscription and last unsubscription are passed up, which is what a forwarder
 * needs; when a subscriber disconnects, its last subscriptions are passed up as unsubscriptions.
 */
public final class XPubSocket extends DuplexSocket {
    private final XPubRole role;

    /**
     * Creates an XPUB with default options.
     *
     * @param context the owning context
     */
    public XPubSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates an XPUB.
     *
     * @param context the owning context
     * @param options socket options
     */
    public XPubSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.XPUB, options));
    }

    private XPubSocket(Context context, RoleContext roleContext) {
        this(context, roleContext, new XPubRole(roleContext));
    }

    private XPubSocket(Context context, RoleContext roleContext, XPubRole role) {
        super(context, roleContext, role);
        this.role = role;
    }

    /**
     * Passes every subscription up, duplicates included (libzmq {@code ZMQ_XPUB_VERBOSE}).
     *
     * @param verbose true to pass duplicates
     * @return this socket
     */
    public XPubSocket verbose(boolean verbose) {
        withRole(() -> role.verbose(verbose));
        return this;
    }

    /**
     * Lets the application decide which subscriptions take effect (libzmq {@code ZMQ_XPUB_MANUAL}):
     * every subscription is passed up, and none applies until {@link #subscribe(byte[])} is called
     * for the peer that sent the last one.
     *
     * @param manual true for manual mode
     * @return this socket
     */
    public XPubSocket manual(boolean manual) {
        withRole(() -> role.manual(manual));
        return this;
    }

    /**
     * Makes a send wait when a matching subscriber is at its high-water mark, instead of dropping
     * for that subscriber (libzmq {@code ZMQ_XPUB_NODROP}).
     *
     * @param noDrop true to wait
     * @return this socket
     */
    public XPubSocket noDrop(boolean noDrop) {
        withRole(() -> role.noDrop(noDrop));
        return this;
    }

    /**
     * Sends each message to the subscribers it does not match instead (libzmq {@code
     * ZMQ_INVERT_MATCHING}).
     *
     * @param invert true to invert
     * @return this socket
     */
    public XPubSocket invertMatching(boolean invert) {
        withRole(() -> role.invertMatching(invert));
        return this;
    }

    /**
     * Sets a message sent to every new subscriber (libzmq {@code ZMQ_XPUB_WELCOME_MSG}).
     *
     * @param frames the welcome message's frames, or none to clear it
     * @return this socket
     */
    public XPubSocket welcomeMessage(String... frames) {
        Message m = frames.length == 0 ? null : Message.of(frames);
        withRole(() -> role.welcome(m));
        return this;
    }

    /**
     * In manual mode, subscribes the peer that sent the last subscription to the prefix.
     *
     * @param prefix the topic prefix
     * @return false when no subscription has arrived yet
     */
    public boolean subscribe(byte[] prefix) {
        byte[] copy = prefix.clone();
        boolean[] done = new boolean[1];
        withRole(() -> done[0] = role.subscribeLast(copy));
        return done[0];
    }

    /**
     * In manual mode, subscribes the peer that sent the last subscription to a text prefix.
     *
     * @param prefix the topic prefix
     * @return false when no subscription has arrived yet
     */
    public boolean subscribe(String prefix) {
        return subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * In manual mode, unsubscribes the peer that sent the last subscription from the prefix.
     *
     * @param prefix the topic prefix
     * @return false when no subscription has arrived yet
     */
    public boolean unsubscribe(byte[] prefix) {
        byte[] copy = prefix.clone();
        boolean[] done = new boolean[1];
        withRole(() -> done[0] = role.unsubscribeLast(copy));
        return done[0];
    }
}
