package dev.weft.core.test;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;

/**
 * A role for tests of what lies below the roles (transports, sessions): it takes every pipe and
 * moves no messages. Subclasses override the callbacks they want to observe.
 */
public class QuietRole implements SocketRole {
    @Override
    public void pipeAttached(Pipe pipe) {}

    @Override
    public void pipeDetached(Pipe pipe) {}

    @Override
    public void pipeReadable(Pipe pipe) {}

    @Override
    public void pipeWritable(Pipe pipe) {}

    @Override
    public boolean send(Message message) {
        message.close();
        return true;
    }

    @Override
    public Message receive() {
        return null;
    }

    @Override
    public boolean canSend() {
        return false;
    }

    @Override
    public boolean canReceive() {
        return false;
    }
}
