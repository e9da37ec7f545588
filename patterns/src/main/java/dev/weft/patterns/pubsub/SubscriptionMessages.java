package dev.weft.patterns.pubsub;

import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The message form of subscriptions that XPUB delivers and XSUB accepts (RFC 29): one frame, a
 * {@code 0x01} (subscribe) or {@code 0x00} (unsubscribe) octet, then the topic.
 */
final class SubscriptionMessages {
    private SubscriptionMessages() {}

    static Message of(boolean subscribe, byte[] topic) {
        ByteBuf b = Unpooled.buffer(1 + topic.length);
        b.writeByte(subscribe ? 1 : 0);
        b.writeBytes(topic);
        return new Message(1).add(b);
    }

    /** Returns 1 for a subscribe message, 0 for an unsubscribe message, -1 for anything else. */
    static int kind(Message m) {
        ByteBuf first = m.frame(0).content();
        if (m.size() != 1 || !first.isReadable()) {
            return -1;
        }
        byte b = first.getByte(first.readerIndex());
        return b == 1 ? 1 : b == 0 ? 0 : -1;
    }

    static byte[] topic(Message m) {
        ByteBuf first = m.frame(0).content();
        byte[] topic = new byte[first.readableBytes() - 1];
        first.getBytes(first.readerIndex() + 1, topic);
        return topic;
    }
}
