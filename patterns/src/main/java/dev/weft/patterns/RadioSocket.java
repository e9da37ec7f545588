package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.radiodish.RadioRole;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A RADIO socket (RFC 48): sends each message to the DISH peers that joined its group. Groups are 1
 * to {@value Message#MAX_GROUP_OCTETS} octets of UTF-8 and match exactly, not by prefix. Messages
 * are single-part.
 *
 * <p>A RADIO never waits: a message of a group no dish joined is dropped and counted in {@link
 * dev.weft.core.SocketStats#droppedUnroutable()}, and a dish at its high-water mark misses it,
 * counted in {@link dev.weft.core.SocketStats#droppedAtHwm()}. Over tcp and ipc each message goes
 * to the wire as a group frame and a body frame; over inproc the group travels with the message.
 *
 * <p>Thread-safe: any number of threads may send at once; each message is sent whole.
 */
public final class RadioSocket extends WeftSocket {
    /**
     * Creates a RADIO with default options.
     *
     * @param context the owning context
     */
    public RadioSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a RADIO.
     *
     * @param context the owning context
     * @param options socket options
     */
    public RadioSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.RADIO, options));
    }

    private RadioSocket(Context context, RoleContext roleContext) {
        super(context, roleContext, new RadioRole(roleContext));
    }

    /**
     * Sends a message to the dishes that joined its {@link Message#group()}. Never waits.
     *
     * @param message a single-part message with its group set; taken over when this returns (sent,
     *     or dropped and counted), left with the caller when it throws
     * @throws IllegalArgumentException when the message has no group
     * @throws dev.weft.core.SocketClosedException when the socket is closed
     */
    public void send(Message message) {
        sendMessage(message, 0);
    }

    /**
     * Sends a body to the dishes that joined a group. Never waits.
     *
     * @param group 1 to {@value Message#MAX_GROUP_OCTETS} octets of UTF-8
     * @param body the message body; copied, so the array may be reused once this returns
     * @throws IllegalArgumentException when the group is null, empty or too long
     * @throws dev.weft.core.SocketClosedException when the socket is closed
     */
    public void send(String group, byte[] body) {
        Message m = new Message(1).add(Unpooled.copiedBuffer(body));
        boolean sent = false;
        try {
            m.group(group);
            send(m);
            sent = true;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }

    /**
     * Sends a UTF-8 text body to the dishes that joined a group. Never waits.
     *
     * @param group 1 to {@value Message#MAX_GROUP_OCTETS} octets of UTF-8
     * @param body the message body
     * @throws IllegalArgumentException when the group is null, empty or too long
     * @throws dev.weft.core.SocketClosedException when the socket is closed
     */
    public void send(String group, String body) {
        send(group, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Tells whether a send would not wait: always true while the socket is open, since a RADIO
     * drops instead of waiting.
     *
     * @return true unless the socket is closed
     */
    public boolean canSend() {
        return roleCanSend();
    }
}
