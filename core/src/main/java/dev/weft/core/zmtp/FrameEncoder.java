package dev.weft.core.zmtp;

import dev.weft.core.Frame;
import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;

/**
 * Writes ZMTP frame headers and whole messages (RFC 37 §Framing): MORE on every frame but the last,
 * the one-octet size for bodies of 0..255 octets and the eight-octet LONG size above.
 *
 * <p>Stateless; safe from any thread.
 */
public final class FrameEncoder {
    private FrameEncoder() {}

    /**
     * Writes a frame header.
     *
     * @param flags MORE and/or COMMAND; LONG is added when the size needs it
     * @param size the body size
     * @param out where to write
     */
    public static void writeHeader(int flags, long size, ByteBuf out) {
        if (size <= FrameFlags.MAX_SHORT_SIZE) {
            out.writeByte(flags);
            out.writeByte((int) size);
        } else {
            out.writeByte(flags | FrameFlags.LONG);
            out.writeLong(size);
        }
    }

    /**
     * Returns the size of the header for a body of {@code size} octets.
     *
     * @param size the body size
     * @return 2 or 9
     */
    public static int headerSize(long size) {
        return size <= FrameFlags.MAX_SHORT_SIZE ? 2 : 9;
    }

    /**
     * Writes every frame of a message, headers and bodies, copying the bodies. The message is not
     * consumed or released.
     *
     * @param message the message
     * @param out where to write
     */
    public static void writeMessage(Message message, ByteBuf out) {
        int last = message.size() - 1;
        for (int i = 0; i <= last; i++) {
            ByteBuf body = message.frame(i).content();
            writeHeader(i < last ? FrameFlags.MORE : 0, body.readableBytes(), out);
            out.writeBytes(body, body.readerIndex(), body.readableBytes());
        }
    }

    /**
     * Returns the wire size of a message: headers plus bodies.
     *
     * @param message the message
     * @return octets on the wire
     */
    public static long wireSize(Message message) {
        long n = 0;
        for (int i = 0; i < message.size(); i++) {
            Frame f = message.frame(i);
            n += headerSize(f.size()) + f.size();
        }
        return n;
    }
}
