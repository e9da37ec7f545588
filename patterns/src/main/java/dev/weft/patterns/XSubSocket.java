package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.pubsub.XSubRole;
import java.nio.charset.StandardCharsets;

/**
 * An XSUB socket (RFC 29): a SUB that subscribes by sending messages ({@code 0x01} + topic to
 * subscribe, {@code 0x00} + topic to unsubscribe) and receives everything its publishers send.
 * Other messages it sends go to every publisher.
 */
public final class XSubSocket extends DuplexSocket {
    /**
     * Creates an XSUB with default options.
     *
     * @param context the owning context
     */
    public XSubSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates an XSUB.
     *
     * @param context the owning context
     * @param options socket options
     */
    public XSubSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.XSUB, options));
    }

    private XSubSocket(Context context, RoleContext roleContext) {
        super(context, roleContext, new XSubRole(roleContext));
    }

    /**
     * Subscribes to a prefix by sending the subscription message.
     *
     * @param prefix the topic prefix
     * @return this socket
     */
    public XSubSocket subscribe(String prefix) {
        sendSubscription(1, prefix);
        return this;
    }

    /**
     * Unsubscribes from a prefix by sending the unsubscription message.
     *
     * @param prefix the topic prefix
     * @return this socket
     */
    public XSubSocket unsubscribe(String prefix) {
        sendSubscription(0, prefix);
        return this;
    }

    private void sendSubscription(int kind, String prefix) {
        byte[] topic = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[topic.length + 1];
        body[0] = (byte) kind;
        System.arraycopy(topic, 0, body, 1, topic.length);
        send(Message.of(body));
    }
}
