package dev.weft.core.session;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import io.netty.buffer.ByteBuf;

/**
 * The publish-subscribe wire (RFC 29 over ZMTP 3.0 and 3.1): a ZMTP 3.0 peer sends and expects
 * subscriptions as messages whose first octet is {@code 0x01} (subscribe) or {@code 0x00} (cancel),
 * followed by the topic; a ZMTP 3.1 peer uses the SUBSCRIBE and CANCEL commands. A publisher reads
 * both forms; a subscriber writes the form its peer speaks.
 */
final class SubscriptionWire implements WireAdapter {
    /** PUB and XPUB: subscription messages from the peer become commands. */
    static final SubscriptionWire PUBLISHER = new SubscriptionWire(true);

    /** SUB and XSUB: received messages pass as they are. */
    static final SubscriptionWire SUBSCRIBER = new SubscriptionWire(false);

    private final boolean readsSubscriptionMessages;

    private SubscriptionWire(boolean readsSubscriptionMessages) {
        this.readsSubscriptionMessages = readsSubscriptionMessages;
    }

    @Override
    public void received(Message message, Receiver to) {
        if (readsSubscriptionMessages && isSubscriptionMessage(message)) {
            to.command(toCommand(message));
        } else {
            to.message(message);
        }
    }

    @Override
    public void send(PeerCommand command, ZmtpSession session) {
        boolean subscription =
                command.kind() == PeerCommand.Kind.SUBSCRIBE
                        || command.kind() == PeerCommand.Kind.CANCEL;
        if (!subscription || session.peerSpeaks31()) {
            session.sendCommand(command);
            return;
        }
        byte[] topic = command.body();
        byte[] body = new byte[1 + topic.length];
        body[0] = (byte) (command.kind() == PeerCommand.Kind.SUBSCRIBE ? 1 : 0);
        System.arraycopy(topic, 0, body, 1, topic.length);
        Message m = Message.of(body);
        try {
            session.send(m);
        } finally {
            m.close();
        }
    }

    /** A message whose first frame starts with 0x01 or 0x00 is a subscription. */
    private static boolean isSubscriptionMessage(Message m) {
        ByteBuf first = m.frame(0).content();
        if (!first.isReadable()) {
            return false;
        }
        byte b = first.getByte(first.readerIndex());
        return b == 0 || b == 1;
    }

    private static PeerCommand toCommand(Message m) {
        try {
            ByteBuf first = m.frame(0).content();
            boolean subscribe = first.getByte(first.readerIndex()) == 1;
            byte[] topic = new byte[first.readableBytes() - 1];
            first.getBytes(first.readerIndex() + 1, topic);
            return new PeerCommand(
                    subscribe ? PeerCommand.Kind.SUBSCRIBE : PeerCommand.Kind.CANCEL, topic);
        } finally {
            m.close();
        }
    }
}
