package dev.weft.core.zmtp;

import dev.weft.core.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Encoders and decoders for the bodies of the commands RFC 37 defines. Each writer emits a whole
 * command frame (flags, size, name, data); each reader takes the data that follows the name.
 *
 * <pre>
 *  READY     = name metadata            metadata = *( name-len(1) name value-len(4) value )
 *  ERROR     = name reason-len(1) reason
 *  SUBSCRIBE = name topic               CANCEL = name topic
 *  PING      = name ttl(2) context(0..16)   PONG = name context(0..16)
 *  JOIN      = name group               LEAVE  = name group
 * </pre>
 */
public final class Commands {
    /** Longest PING/PONG context (RFC 37 §Connection Heartbeating). */
    public static final int MAX_PING_CONTEXT = 16;

    private Commands() {}

    /**
     * Writes a command frame whose data is {@code data}'s readable bytes (not consumed).
     *
     * @param name the command
     * @param data the command data
     * @param out where to write
     */
    public static void write(CommandName name, ByteBuf data, ByteBuf out) {
        int size = name.encodedSize() + data.readableBytes();
        FrameEncoder.writeHeader(FrameFlags.COMMAND, size, out);
        name.write(out);
        out.writeBytes(data, data.readerIndex(), data.readableBytes());
    }

    /**
     * Writes a command frame whose data is {@code data}.
     *
     * @param name the command
     * @param data the command data
     * @param out where to write
     */
    public static void write(CommandName name, byte[] data, ByteBuf out) {
        FrameEncoder.writeHeader(FrameFlags.COMMAND, name.encodedSize() + data.length, out);
        name.write(out);
        out.writeBytes(data);
    }

    /**
     * Writes a READY command carrying the metadata.
     *
     * @param metadata the properties, in order
     * @param out where to write
     */
    public static void writeReady(Metadata metadata, ByteBuf out) {
        int size = CommandName.READY.encodedSize() + metadataSize(metadata);
        FrameEncoder.writeHeader(FrameFlags.COMMAND, size, out);
        CommandName.READY.write(out);
        writeMetadata(metadata, out);
    }

    /**
     * Returns the encoded size of the metadata properties.
     *
     * @param metadata the properties
     * @return octets needed
     */
    public static int metadataSize(Metadata metadata) {
        int n = 0;
        for (Metadata.Property p : metadata.properties()) {
            n += 1 + p.name().length() + 4 + p.value().length;
        }
        return n;
    }

    /**
     * Writes metadata properties (no frame header, no name).
     *
     * @param metadata the properties
     * @param out where to write
     */
    public static void writeMetadata(Metadata metadata, ByteBuf out) {
        for (Metadata.Property p : metadata.properties()) {
            out.writeByte(p.name().length());
            out.writeCharSequence(p.name(), StandardCharsets.US_ASCII);
            out.writeInt(p.value().length);
            out.writeBytes(p.value());
        }
    }

    /**
     * Reads metadata properties until the data ends.
     *
     * @param data the command data after the name; consumed
     * @return the properties
     * @throws ZmtpException when a property is cut short or its name is empty or invalid
     */
    public static Metadata readMetadata(ByteBuf data) throws ZmtpException {
        Metadata.Builder b = Metadata.builder();
        while (data.isReadable()) {
            int nameLen = data.readUnsignedByte();
            if (nameLen == 0 || nameLen > data.readableBytes()) {
                throw new ZmtpException(
                        ZmtpException.Condition.MALFORMED_COMMAND,
                        "metadata name length "
                                + nameLen
                                + " with "
                                + data.readableBytes()
                                + " octets left");
            }
            String name = data.readCharSequence(nameLen, StandardCharsets.US_ASCII).toString();
            if (data.readableBytes() < 4) {
                throw new ZmtpException(
                        ZmtpException.Condition.MALFORMED_COMMAND,
                        "metadata property '" + name + "' has no 4-octet value length");
            }
            long valueLen = data.readUnsignedInt();
            if (valueLen > data.readableBytes()) {
                throw new ZmtpException(
                        ZmtpException.Condition.MALFORMED_COMMAND,
                        "metadata property '"
                                + name
                                + "' value length "
                                + valueLen
                                + " with "
                                + data.readableBytes()
                                + " octets left");
            }
            byte[] value = new byte[(int) valueLen];
            data.readBytes(value);
            try {
                b.put(name, value);
            } catch (IllegalArgumentException e) {
                throw new ZmtpException(ZmtpException.Condition.MALFORMED_COMMAND, e.getMessage());
            }
        }
        return b.build();
    }

    /**
     * Writes an ERROR command.
     *
     * @param reason up to 255 printable ASCII characters (longer text is cut)
     * @param out where to write
     */
    public static void writeError(String reason, ByteBuf out) {
        byte[] r = reason.getBytes(StandardCharsets.US_ASCII);
        int len = Math.min(r.length, 255);
        FrameEncoder.writeHeader(
                FrameFlags.COMMAND, CommandName.ERROR.encodedSize() + 1 + len, out);
        CommandName.ERROR.write(out);
        writeErrorReason(reason, out);
    }

    /**
     * Writes an ERROR command's data (no frame header, no name): the reason's length and text.
     *
     * @param reason up to 255 printable ASCII characters (longer text is cut)
     * @param out where to write
     */
    public static void writeErrorReason(String reason, ByteBuf out) {
        byte[] r = reason.getBytes(StandardCharsets.US_ASCII);
        int len = Math.min(r.length, 255);
        out.writeByte(len);
        out.writeBytes(r, 0, len);
    }

    /**
     * Reads the reason of an ERROR command.
     *
     * @param data the command data after the name; consumed
     * @return the reason text
     * @throws ZmtpException when the reason length runs past the data
     */
    public static String readErrorReason(ByteBuf data) throws ZmtpException {
        if (!data.isReadable()) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_COMMAND, "ERROR without a reason length");
        }
        int len = data.readUnsignedByte();
        if (len > data.readableBytes()) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_COMMAND,
                    "ERROR reason length "
                            + len
                            + " with "
                            + data.readableBytes()
                            + " octets left");
        }
        return data.readCharSequence(len, StandardCharsets.US_ASCII).toString();
    }

    /**
     * Writes a PING command.
     *
     * @param ttlDeciseconds time-to-live in tenths of a second, 0..65535
     * @param context 0..16 octets the peer echoes
     * @param out where to write
     */
    public static void writePing(int ttlDeciseconds, byte[] context, ByteBuf out) {
        FrameEncoder.writeHeader(
                FrameFlags.COMMAND, CommandName.PING.encodedSize() + 2 + context.length, out);
        CommandName.PING.write(out);
        out.writeShort(ttlDeciseconds);
        out.writeBytes(context);
    }

    /**
     * Reads a PING's time-to-live; the context stays readable in {@code data}.
     *
     * @param data the command data after the name; the TTL is consumed
     * @return the TTL in tenths of a second
     * @throws ZmtpException when the TTL is missing or the context exceeds 16 octets
     */
    public static int readPingTtl(ByteBuf data) throws ZmtpException {
        if (data.readableBytes() < 2) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_COMMAND,
                    "PING with " + data.readableBytes() + " data octets (expected: >= 2 for TTL)");
        }
        int ttl = data.readUnsignedShort();
        if (data.readableBytes() > MAX_PING_CONTEXT) {
            throw new ZmtpException(
                    ZmtpException.Condition.MALFORMED_COMMAND,
                    "PING context of " + data.readableBytes() + " octets (expected: <= 16)");
        }
        return ttl;
    }

    /**
     * Writes a PONG command echoing a PING context.
     *
     * @param context the PING's context, readable bytes not consumed
     * @param out where to write
     */
    public static void writePong(ByteBuf context, ByteBuf out) {
        write(CommandName.PONG, context, out);
    }

    /**
     * Renders command data for a log line: text when printable, hex otherwise, cut at 64 octets.
     *
     * @param data the bytes, not consumed
     * @return a short printable form
     */
    public static String describe(ByteBuf data) {
        int n = Math.min(data.readableBytes(), 64);
        String hex = ByteBufUtil.hexDump(data, data.readerIndex(), n);
        return n < data.readableBytes() ? hex + "…(" + data.readableBytes() + " octets)" : hex;
    }
}
