package dev.weft.core.transport.udp;

import dev.weft.core.Frame;
import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * libzmq's RADIO/DISH datagram: one message per datagram, one datagram per message.
 *
 * <pre>
 * +--------+--------------------+--------------------------------+
 * | octet0 | octets 1 .. N      | octets N+1 .. end of datagram  |
 * |   N    | group (N octets)   | body (may be empty)            |
 * +--------+--------------------+--------------------------------+
 * </pre>
 *
 * <p>No length field, flags or more frames: the body is what follows the group. The whole datagram
 * is at most {@value #MAX_DATAGRAM} octets, libzmq's {@code MAX_UDP_MSG}: libzmq's receiver reads
 * no more than that (and delivers a longer datagram truncated), so Weft sends nothing longer and
 * drops, rather than truncates, a longer datagram it receives.
 *
 * <p>Weft is stricter than libzmq on receive, since a Weft group is 1..255 octets of UTF-8 (RFC 48:
 * no NUL): a datagram with an empty group, or a group that is not UTF-8 or holds a NUL, is dropped
 * (no DISH could have joined it). Stateless and thread-safe.
 */
final class DatagramFormat {
    /** The largest datagram sent or accepted: libzmq's {@code MAX_UDP_MSG}. */
    static final int MAX_DATAGRAM = 8192;

    /** Why a datagram (received) or a message (to send) was dropped; names the log rule. */
    enum Drop {
        /** A datagram of no octets: not even a group length. */
        EMPTY_DATAGRAM("an empty datagram"),
        /** The group length names more octets than the datagram holds. */
        TRUNCATED("the group length is beyond the end of the datagram"),
        /** A group of no octets. */
        EMPTY_GROUP("an empty group (expected: 1..255 octets)"),
        /** A group that is not UTF-8 or holds a NUL octet. */
        BAD_GROUP("the group is not UTF-8 without NUL octets"),
        /** Longer than {@link #MAX_DATAGRAM}. */
        TOO_LARGE("longer than " + MAX_DATAGRAM + " octets, the datagram limit"),
        /** A body longer than the socket's {@code maxMessageSize}. */
        BODY_TOO_LARGE("the body is larger than maxMessageSize"),
        /** A message to send without a group. */
        NO_GROUP("the message has no group"),
        /** A message to send with more than one frame. */
        MULTIPART("the message has more than one frame (udp carries single-part messages)"),
        /** The operating system refused the datagram. */
        SEND_FAILED("the send failed");

        private final String reason;

        Drop(String reason) {
            this.reason = reason;
        }

        /**
         * Returns the reason, for the log.
         *
         * @return a short phrase
         */
        String reason() {
            return reason;
        }
    }

    private DatagramFormat() {}

    /**
     * Writes a message as one datagram.
     *
     * @param message a single-part message with a group; not released here
     * @param out where the datagram goes, from its writer index; untouched when the message is
     *     dropped
     * @return null when written, else why the message cannot be sent
     */
    static Drop encode(Message message, ByteBuf out) {
        if (message.size() != 1) {
            return Drop.MULTIPART;
        }
        String group = message.group();
        if (group == null || group.isEmpty()) {
            return Drop.NO_GROUP;
        }
        int groupOctets = ByteBufUtil.utf8Bytes(group);
        ByteBuf body = message.frame(0).content();
        if (1L + groupOctets + body.readableBytes() > MAX_DATAGRAM) {
            return Drop.TOO_LARGE;
        }
        out.writeByte(groupOctets);
        ByteBufUtil.writeUtf8(out, group);
        out.writeBytes(body, body.readerIndex(), body.readableBytes());
        return null;
    }

    /**
     * Checks a received datagram.
     *
     * @param datagram the datagram's octets, from reader to writer index; if it filled a buffer of
     *     {@code MAX_DATAGRAM + 1} octets it was longer than the limit
     * @param maxBodySize the socket's {@code maxMessageSize}
     * @return null when it is well formed, else why it must be dropped
     */
    static Drop check(ByteBuf datagram, long maxBodySize) {
        int length = datagram.readableBytes();
        if (length == 0) {
            return Drop.EMPTY_DATAGRAM;
        }
        if (length > MAX_DATAGRAM) {
            return Drop.TOO_LARGE;
        }
        int start = datagram.readerIndex();
        int groupOctets = datagram.getUnsignedByte(start);
        if (groupOctets == 0) {
            return Drop.EMPTY_GROUP;
        }
        if (groupOctets > length - 1) {
            return Drop.TRUNCATED;
        }
        if (!isUtf8WithoutNul(datagram, start + 1, groupOctets)) {
            return Drop.BAD_GROUP;
        }
        if (length - 1 - groupOctets > maxBodySize) {
            return Drop.BODY_TOO_LARGE;
        }
        return null;
    }

    /**
     * Returns where the group of a checked datagram starts.
     *
     * @param datagram a datagram {@link #check} accepted
     * @return the group's index
     */
    static int groupIndex(ByteBuf datagram) {
        return datagram.readerIndex() + 1;
    }

    /**
     * Returns the group length of a checked datagram.
     *
     * @param datagram a datagram {@link #check} accepted
     * @return 1..255
     */
    static int groupLength(ByteBuf datagram) {
        return datagram.getUnsignedByte(datagram.readerIndex());
    }

    /**
     * Makes the message of a checked datagram: its body copied into a buffer of its own from the
     * allocator (so the receive buffer is reused at once), its group set.
     *
     * @param datagram a datagram {@link #check} accepted; not consumed
     * @param group the group's text (see {@link GroupNames})
     * @param allocator where the body's buffer comes from
     * @return the message, owned by the caller
     */
    static Message toMessage(ByteBuf datagram, String group, ByteBufAllocator allocator) {
        int bodyIndex = groupIndex(datagram) + groupLength(datagram);
        int bodyLength = datagram.writerIndex() - bodyIndex;
        ByteBuf body = allocator.buffer(bodyLength, bodyLength);
        try {
            body.writeBytes(datagram, bodyIndex, bodyLength);
            Message m = new Message(1);
            m.add(new Frame(body));
            body = null;
            return m.group(group);
        } finally {
            if (body != null) {
                body.release();
            }
        }
    }

    /** RFC 3629 well-formed UTF-8, with no NUL (RFC 48's group-char is %d1-255). */
    static boolean isUtf8WithoutNul(ByteBuf buf, int index, int length) {
        int i = index;
        int end = index + length;
        while (i < end) {
            int b = buf.getUnsignedByte(i++);
            if (b == 0) {
                return false;
            }
            if (b < 0x80) {
                continue;
            }
            int more;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                more = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                more = 2;
                if (b == 0xE0) {
                    min2 = 0xA0; // no overlong forms
                } else if (b == 0xED) {
                    max2 = 0x9F; // no surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                more = 3;
                if (b == 0xF0) {
                    min2 = 0x90;
                } else if (b == 0xF4) {
                    max2 = 0x8F; // nothing above U+10FFFF
                }
            } else {
                return false;
            }
            if (end - i < more) {
                return false;
            }
            int second = buf.getUnsignedByte(i++);
            if (second < min2 || second > max2) {
                return false;
            }
            for (int k = 1; k < more; k++) {
                int c = buf.getUnsignedByte(i++);
                if (c < 0x80 || c > 0xBF) {
                    return false;
                }
            }
        }
        return true;
    }
}
