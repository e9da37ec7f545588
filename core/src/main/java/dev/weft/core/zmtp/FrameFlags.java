package dev.weft.core.zmtp;

/**
 * The flags octet that starts every ZMTP frame (RFC 37 §Framing).
 *
 * <pre>
 *   bit  7 6 5 4 3   2        1      0
 *      +-----------+--------+------+------+
 *      | reserved  |COMMAND | LONG | MORE |
 *      +-----------+--------+------+------+
 *   short frame: flags(1) size(1)          body(size)
 *   long frame:  flags(1) size(8, big-end) body(size)
 * </pre>
 */
public final class FrameFlags {
    /** More frames of this message follow; never set on commands. */
    public static final int MORE = 0x01;

    /** The size field is eight octets. */
    public static final int LONG = 0x02;

    /** The frame is a command. */
    public static final int COMMAND = 0x04;

    /** Bits 7-3 must be zero. */
    public static final int RESERVED = 0xF8;

    /** Largest body that fits the one-octet size. */
    public static final int MAX_SHORT_SIZE = 255;

    private FrameFlags() {}
}
