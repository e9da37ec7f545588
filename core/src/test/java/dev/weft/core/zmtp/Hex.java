package dev.weft.core.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/**
 * Hex helpers for codec tests: write wire bytes the way the vectors' annotations do ({@code "04 29
 * 05 READY"} is not hex, but {@code "04 29 05 5245414459"} is), with spaces allowed anywhere.
 */
final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    /**
     * Parses hex, ignoring spaces.
     *
     * @param hex e.g. {@code "04 07 04 50494e47 000a"}
     * @return the octets
     */
    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    /**
     * Wraps parsed hex in an unpooled heap buffer (the caller releases it).
     *
     * @param hex the octets as hex, spaces ignored
     * @return a buffer whose readable bytes are the octets
     */
    static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(bytes(hex));
    }

    /**
     * Renders octets as lowercase hex without separators.
     *
     * @param bytes the octets
     * @return their hex
     */
    static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * Copies a buffer's readable bytes without moving its reader index.
     *
     * @param buf the buffer
     * @return a fresh array
     */
    static byte[] readable(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    /**
     * Concatenates byte arrays.
     *
     * @param parts the arrays in order
     * @return one array
     */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
