package dev.weft.core.session;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;

/** The wire of socket types with no special forms: messages and commands pass as they are. */
final class PlainWire implements WireAdapter {
    static final PlainWire INSTANCE = new PlainWire();

    private PlainWire() {}

    @Override
    public void received(Message message, Receiver to) {
        to.message(message);
    }

    @Override
    public void send(PeerCommand command, ZmtpSession session) {
        session.sendCommand(command);
    }
}
