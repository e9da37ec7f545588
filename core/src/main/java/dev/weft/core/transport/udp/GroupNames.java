package dev.weft.core.transport.udp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The text of received groups, remembered so that a stream of datagrams in a few groups makes no
 * new {@code String} per message: a small direct-mapped cache from a group's octets to its text. A
 * miss (a group not seen lately, or two groups sharing a slot) decodes it and takes the slot.
 *
 * <p>Not thread-safe: owned by one receiver on its I/O thread.
 */
final class GroupNames {
    private static final int SLOTS = 64;

    private final byte[][] octets = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];

    /**
     * Returns the text of a group.
     *
     * @param buf holds the group
     * @param index where the group starts
     * @param length the group's octets, well-formed UTF-8
     * @return its text; the same instance as last time while the group keeps its slot
     */
    String name(ByteBuf buf, int index, int length) {
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + buf.getByte(index + i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] known = octets[slot];
        if (known != null && known.length == length && sameOctets(known, buf, index)) {
            return names[slot];
        }
        byte[] copy = new byte[length];
        buf.getBytes(index, copy);
        String name = new String(copy, StandardCharsets.UTF_8);
        octets[slot] = copy;
        names[slot] = name;
        return name;
    }

    private static boolean sameOctets(byte[] known, ByteBuf buf, int index) {
        for (int i = 0; i < known.length; i++) {
            if (known[i] != buf.getByte(index + i)) {
                return false;
            }
        }
        return true;
    }
}
