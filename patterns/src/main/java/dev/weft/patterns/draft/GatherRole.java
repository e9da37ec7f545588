package dev.weft.patterns.draft;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;

/** GATHER (RFC 49): receives fairly from its SCATTER peers; never sends. */
public final class GatherRole implements SocketRole {
    private final FairQueue in = new FairQueue();

    @Override
    public void pipeAttached(Pipe pipe) {
        in.attach(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        in.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // GATHER never sends.
    }

    @Override
    public boolean send(Message message) {
        throw new IllegalStateException("GATHER cannot send");
    }

    @Override
    public Message receive() {
        return in.receive();
    }

    @Override
    public boolean canSend() {
        return false;
    }

    @Override
    public boolean canReceive() {
        return in.canReceive();
    }
}
