package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import java.time.Duration;

/** Base of socket types that only send (PUSH, PUB, ...). */
public abstract class SendOnlySocket extends WeftSocket implements MessageSender {
    SendOnlySocket(Context context, RoleContext roleContext, SocketRole role) {
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
}
