package dev.weft.core.session;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The radio-dish wire (RFC 48 over ZMTP, RFC 37 §The Radio-Dish Pattern): each message is two
 * frames, the group and then the body, and a DISH joins and leaves groups with JOIN and LEAVE
 * commands.
 *
 * <pre>
 * radio-dish-message = group-part body-part
 * group-part = %x01 short-size group        ; MORE set
 * body-part  = message-last
 * join  = command-size %d4 "JOIN" group
 * leave = command-size %d5 "LEAVE" group
 * group = 0*255group-char                   ; Weft requires 1..255 octets, as its API does
 * </pre>
 *
 * <p>A RADIO writes a message's {@link Message#group()} as the group frame before its body and
 * checks the JOIN and LEAVE it receives; a DISH turns the two frames back into one message with its
 * group set. JOIN and LEAVE travel as commands to ZMTP 3.0 peers too: JeroMQ 0.6.0 (which greets as
 * 3.0) and libzmq both send and expect them so, whatever version was negotiated.
 *
 * <p>Over inproc, messages are not in wire form: a message that already carries its group passes as
 * it is.
 *
 * <p>Groups are UTF-8 text; a group frame that is not valid UTF-8 is refused. A peer that breaks
 * these rules loses its connection ({@link ZmtpException.Condition#MALFORMED_MESSAGE}, {@link
 * ZmtpException.Condition#MALFORMED_COMMAND}).
 */
final class GroupWire implements WireAdapter {
    /** RADIO: writes group frames, checks JOIN and LEAVE. */
    static final GroupWire RADIO = new GroupWire(true);

    /** DISH: reads group frames into the message's group. */
    static final GroupWire DISH = new GroupWire(false);

    private final boolean radio;

    private GroupWire(boolean radio) {
        this.radio = radio;
    }

    @Override
    public void received(Message message, Receiver to) throws ZmtpException {
        if (radio) {
            // RFC 48: a RADIO silently discards what dishes send it; the role does.
            to.message(message);
            return;
        }
        if (message.group() != null) {
            // Over inproc the group travels as the message's property: there is no group frame.
            to.message(message);
            return;
        }
        String group;
        try {
            group = readGroup(message);
        } catch (ZmtpException e) {
            message.close();
            throw e;
        }
        to.message(message.group(group));
    }

    /** Removes and releases the group frame, returning the group; checks the two-frame form. */
    private static String readGroup(Message message) throws ZmtpException {
        if (message.size() != 2) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_MESSAGE,
                    message.size() == 1
                            ? "a body without a group frame (expected: group frame with MORE, then"
                                    + " the body)"
                            : message.size()
                                    + " frames (expected: 2, a group frame and one body frame;"
                                    + " RADIO/DISH messages are single-part)");
        }
        ByteBuf frame = message.frame(0).content();
        int octets = frame.readableBytes();
        if (octets == 0 || octets > Message.MAX_GROUP_OCTETS) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_MESSAGE,
                    "group frame of "
                            + octets
                            + " octets (expected: 1.."
                            + Message.MAX_GROUP_OCTETS
                            + ")");
        }
        if (!ByteBufUtil.isText(frame, StandardCharsets.UTF_8)) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_MESSAGE, "group frame is not UTF-8 text");
        }
        String group = frame.toString(StandardCharsets.UTF_8);
        message.removeFirst().release();
        return group;
    }

    @Override
    public void received(PeerCommand command, Receiver to) throws ZmtpException {
        boolean membership =
                command.kind() == PeerCommand.Kind.JOIN || command.kind() == PeerCommand.Kind.LEAVE;
        if (radio && membership) {
            int octets = command.body().length;
            if (octets == 0 || octets > Message.MAX_GROUP_OCTETS) {
                throw new ZmtpException(
                        ZmtpException.Condition.MALFORMED_COMMAND,
                        command.kind()
                                + " with a group of "
                                + octets
                                + " octets (expected: 1.."
                                + Message.MAX_GROUP_OCTETS
                                + ")");
            }
        }
        to.command(command);
    }

    @Override
    public void send(Message message, ZmtpSession session) {
        if (radio) {
            session.sendTextFrame(message.group(), true);
        }
        session.send(message);
    }

    @Override
    public void send(PeerCommand command, ZmtpSession session) {
        session.sendCommand(command);
    }
}
