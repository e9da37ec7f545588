package dev.weft.core.zmtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The command names Weft understands. On the wire a command body starts with the name as one length
 * octet and 1..255 letters, with no NUL separator (RFC 37 grammar, {@code command-name}).
 *
 * <pre>
 *  +-------------+----------------+---------------+
 *  | name length | name (letters) | command data  |
 *  |  1 octet    | 1..255 octets  | the rest      |
 *  +-------------+----------------+---------------+
 * </pre>
 */
public enum CommandName {
    /** NULL/PLAIN/CURVE handshake: metadata. */
    READY,
    /** Fatal handshake error with a reason. */
    ERROR,
    /** ZMTP 3.1 subscription. */
    SUBSCRIBE,
    /** ZMTP 3.1 unsubscription. */
    CANCEL,
    /** Heartbeat request. */
    PING,
    /** Heartbeat reply. */
    PONG,
    /** DISH joins a group. */
    JOIN,
    /** DISH leaves a group. */
    LEAVE,
    /** PLAIN/CURVE client hello. */
    HELLO,
    /** PLAIN/CURVE server welcome. */
    WELCOME,
    /** PLAIN/CURVE client initiate. */
    INITIATE,
    /** CURVE message box. */
    MESSAGE;

    private static final CommandName[] VALUES = values();

    private final byte[] wire = name().getBytes(StandardCharsets.US_ASCII);

    /**
     * Returns the name's octets as sent.
     *
     * @return the ASCII name (do not modify)
     */
    byte[] wireBytes() {
        return wire;
    }

    /**
     * Writes the length-prefixed name.
     *
     * @param out where to write
     */
    public void write(ByteBuf out) {
        out.writeByte(wire.length);
        out.writeBytes(wire);
    }

    /**
     * Returns the size of the length-prefixed name.
     *
     * @return 1 + the name's length
     */
    public int encodedSize() {
        return 1 + wire.length;
    }

    /**
     * Reads the name at the start of a command body and moves the reader index past it, without
     * allocating.
     *
     * @param body a command frame body
     * @return the command, or null for a well-formed name Weft does not know (RFC 37: ignore it)
     * @throws ZmtpException when the name length is zero or runs past the body
     */
    public static CommandName read(ByteBuf body) throws ZmtpException {
        if (!body.isReadable()) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_COMMAND, "empty command frame (no name)");
        }
        int len = body.readUnsignedByte();
        if (len == 0 || len > body.readableBytes()) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_COMMAND,
                    "command name length "
                            + len
                            + " with "
                            + body.readableBytes()
                            + " octets left in the frame");
        }
        int base = body.readerIndex();
        CommandName found = null;
        for (CommandName c : VALUES) {
            if (c.wire.length == len && matches(body, base, c.wire)) {
                found = c;
                break;
            }
        }
        body.skipBytes(len);
        return found;
    }

    private static boolean matches(ByteBuf body, int base, byte[] wire) {
        for (int i = 0; i < wire.length; i++) {
            if (body.getByte(base + i) != wire[i]) {
                return false;
            }
        }
        return true;
    }
}
