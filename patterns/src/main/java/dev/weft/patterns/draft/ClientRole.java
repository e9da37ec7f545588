package dev.weft.patterns.draft;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.LoadBalancer;

/**
 * CLIENT (RFC 41): round-robin out to SERVER peers that can take a message, fair-queued in. With no
 * peer that can take a message, a send waits (mute state blocks); nothing is dropped.
 */
public final class ClientRole implements SocketRole {
    private final LoadBalancer out = new LoadBalancer();
    private final FairQueue in = new FairQueue();

    @Override
    public void pipeAttached(Pipe pipe) {
        out.attach(pipe);
        in.attach(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        out.detach(pipe);
        in.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        out.activate(pipe);
    }

    @Override
    public boolean send(Message message) {
        return out.send(message);
    }

    @Override
    public Message receive() {
        return in.receive();
    }

    @Override
    public boolean canSend() {
        return out.canSend();
    }

    @Override
    public boolean canReceive() {
        return in.canReceive();
    }
}
