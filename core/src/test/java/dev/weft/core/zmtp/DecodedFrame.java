package dev.weft.core.zmtp;

import java.util.Arrays;

/**
 * A frame as a {@link FrameDecoder.Sink} received it, copied out so that the body buffer could be
 * released at once.
 *
 * @param flags the flags octet
 * @param body a copy of the body
 */
record DecodedFrame(int flags, byte[] body) {

    /**
     * Splits a captured unit (header and body, as in a vector file) into flags and body, reading
     * the header independently of the code under test.
     *
     * @param unit the unit's octets
     * @return its flags and body
     */
    static DecodedFrame ofUnit(byte[] unit) {
        int flags = unit[0] & 0xFF;
        int header = (flags & FrameFlags.LONG) != 0 ? 9 : 2;
        return new DecodedFrame(flags, Arrays.copyOfRange(unit, header, unit.length));
    }

    boolean isCommand() {
        return (flags & FrameFlags.COMMAND) != 0;
    }

    boolean sameAs(DecodedFrame other) {
        return flags == other.flags && Arrays.equals(body, other.body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedFrame other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return 31 * flags + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        String hex = Hex.of(Arrays.copyOf(body, Math.min(body.length, 24)));
        return String.format(
                "frame[flags=0x%02x, %d octets: %s%s]",
                flags, body.length, hex, body.length > 24 ? "..." : "");
    }
}
