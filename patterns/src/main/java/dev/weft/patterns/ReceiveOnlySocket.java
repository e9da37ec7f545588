package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import java.time.Duration;

/** Base of socket types that only receive (PULL, SUB, ...). */
public abstract class ReceiveOnlySocket extends WeftSocket implements MessageReceiver {
    ReceiveOnlySocket(Context context, RoleContext roleContext, SocketRole role) {
        super(context, roleContext, role);
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
