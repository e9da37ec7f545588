package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.SocketRole;
import dev.weft.core.socket.SocketCounters;
import java.time.Duration;
import java.util.function.Function;

/** Base of socket types that only receive (PULL, SUB, ...). */
public abstract class ReceiveOnlySocket extends WeftSocket implements MessageReceiver {
    ReceiveOnlySocket(
            Context context,
            SocketType type,
            SocketOptions options,
            Function<SocketCounters, SocketRole> roleFactory) {
        super(context, type, options, roleFactory);
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
