package dev.weft.core.zmtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The fixed 64-octet ZMTP greeting (RFC 37 §Formal Grammar, RFC 23 for 3.0).
 *
 * <pre>
 *  offset 0    1..8        9    10     11     12..31          32         33..63
 *       +----+-----------+----+------+------+---------------+-----------+----------+
 *       | FF | padding   | 7F | major| minor| mechanism     | as-server | filler   |
 *       |    | (8 octets)|    | (03) | (01) | NUL-padded 20 | 00 / 01   | 31 x 00  |
 *       +----+-----------+----+------+------+---------------+-----------+----------+
 * </pre>
 *
 * <p>libzmq writes the routing-id length + 1 into the padding as a 64-bit value; it is not
 * significant and Weft writes 1 there too, as libzmq does with no routing id.
 *
 * @param major the peer's major version (3)
 * @param minor the peer's minor version (0 for ZMTP 3.0, 1 for 3.1; higher means 3.1 rules)
 * @param mechanism the security mechanism name, e.g. {@code NULL}
 * @param asServer the as-server flag
 */
public record Greeting(int major, int minor, String mechanism, boolean asServer) {
    /** Length of a whole greeting. */
    public static final int SIZE = 64;

    /** Octets up to and including the major version, enough to detect the peer's version. */
    public static final int SIGNATURE_AND_MAJOR = 11;

    /** The major version Weft speaks. */
    public static final int MAJOR = 3;

    /** The minor version Weft offers. */
    public static final int MINOR = 1;

    private static final int MECHANISM_OFFSET = 12;
    private static final int MECHANISM_LENGTH = 20;

    /**
     * Writes Weft's 64-octet greeting.
     *
     * @param mechanism the mechanism name, 1..20 upper-case characters
     * @param asServer the as-server flag
     * @param out where to write
     */
    public static void write(String mechanism, boolean asServer, ByteBuf out) {
        out.writeByte(0xFF);
        out.writeLong(1L);
        out.writeByte(0x7F);
        out.writeByte(MAJOR);
        out.writeByte(MINOR);
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.writeZero(MECHANISM_LENGTH - name.length);
        out.writeByte(asServer ? 1 : 0);
        out.writeZero(31);
    }

    /**
     * Checks the octets of a greeting received so far, so that a bad peer is refused as early as
     * possible (a libzmq peer sends its greeting in steps).
     *
     * @param in the buffer holding the greeting from its reader index
     * @param available how many greeting octets have arrived (up to {@link #SIZE})
     * @throws ZmtpException when the signature is wrong or the version is below 3
     */
    public static void checkPartial(ByteBuf in, int available) throws ZmtpException {
        int base = in.readerIndex();
        if (available >= 1 && (in.getByte(base) & 0xFF) != 0xFF) {
            throw new ZmtpException(
                    ZmtpException.Condition.BAD_SIGNATURE,
                    String.format("first octet 0x%02x (expected: 0xff)", in.getByte(base) & 0xFF));
        }
        if (available >= 10 && (in.getByte(base + 9) & 0xFF) != 0x7F) {
            throw new ZmtpException(
                    ZmtpException.Condition.BAD_SIGNATURE,
                    String.format(
                            "tenth octet 0x%02x (expected: 0x7f)", in.getByte(base + 9) & 0xFF));
        }
        if (available >= SIGNATURE_AND_MAJOR && in.getUnsignedByte(base + 10) < MAJOR) {
            throw new ZmtpException(
                    ZmtpException.Condition.UNSUPPORTED_VERSION,
                    "peer speaks ZMTP major version "
                            + in.getUnsignedByte(base + 10)
                            + " (expected: 3 or higher)");
        }
    }

    /**
     * Reads a whole greeting, consuming 64 octets.
     *
     * @param in a buffer with at least 64 readable octets
     * @return the parsed greeting
     * @throws ZmtpException when the greeting breaks the grammar
     */
    public static Greeting read(ByteBuf in) throws ZmtpException {
        checkPartial(in, SIZE);
        int base = in.readerIndex();
        int major = in.getByte(base + 10) & 0xFF;
        int minor = in.getByte(base + 11) & 0xFF;
        StringBuilder mech = new StringBuilder(MECHANISM_LENGTH);
        for (int i = 0; i < MECHANISM_LENGTH; i++) {
            int c = in.getByte(base + MECHANISM_OFFSET + i) & 0xFF;
            if (c == 0) {
                break;
            }
            if (!isMechanismChar(c)) {
                throw new ZmtpException(
                        ZmtpException.Condition.MECHANISM_MISMATCH,
                        String.format("mechanism octet 0x%02x is not A-Z, 0-9, -_.+", c));
            }
            mech.append((char) c);
        }
        boolean asServer = in.getByte(base + 32) == 1;
        in.skipBytes(SIZE);
        return new Greeting(major, minor, mech.toString(), asServer);
    }

    /**
     * Tells whether the peer follows ZMTP 3.1 rules (SUBSCRIBE/CANCEL commands, PING/PONG).
     *
     * @return true for minor version 1 or higher, or a higher major version
     */
    public boolean speaks31() {
        return major > MAJOR || minor >= 1;
    }

    private static boolean isMechanismChar(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '+';
    }
}
