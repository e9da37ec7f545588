package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import java.time.Duration;

/** Base of socket types that both send and receive (DEALER, ROUTER, PAIR, REQ, REP, ...). */
public abstract class DuplexSocket extends WeftSocket implements MessageSender, MessageReceiver {
    DuplexSocket(Context context, RoleContext roleContext, SocketRole role) {
        super(context, roleContext, role);
    }

    @Override
    public boolean send(Message message) {
        return sendMessage(message, sendTimeoutNs());
    }

    @Override
    public boolean send(Message message, Duration timeout) {
        return sendMessage(message, Timeouts.toNanos("send", timeout));
    }

    @Override
    public boolean trySend(Message message) {
        return sendMessage(message, 0);
    }

    @Override
    public boolean canSend() {
        return roleCanSend();
    }

    @Override
    public Message receive() {
        return receiveMessage(receiveTimeoutNs());
    }

    @Override
    public Message receive(Duration timeout) {
        return receiveMessage(Timeouts.toNanos("receive", timeout));
    }

    @Override
    public Message tryReceive() {
        return receiveMessage(0);
    }

    @Override
    public boolean canReceive() {
        return roleCanReceive();
    }
}
