package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.SocketRole;
import dev.weft.core.socket.SocketCounters;
import java.time.Duration;
import java.util.function.Function;

/** Base of socket types that only send (PUSH, PUB, ...). */
public abstract class SendOnlySocket extends WeftSocket implements MessageSender {
    SendOnlySocket(
            Context context,
            SocketType type,
            SocketOptions options,
            Function<SocketCounters, SocketRole> roleFactory) {
        super(context, type, options, roleFactory);
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
