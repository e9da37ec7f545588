package dev.weft.patterns.pipeline;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.LoadBalancer;

/**
 * PUSH (RFC 30) and SCATTER (RFC 49): sends round-robin to peers that can take a message, skipping
 * full ones; with no such peer a send waits. Never drops.
 */
public final class PushRole implements SocketRole {
    private final LoadBalancer out = new LoadBalancer();

    @Override
    public void pipeAttached(Pipe pipe) {
        out.attach(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        out.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        // RFC 30 and 49: PULL and GATHER peers send nothing; anything that arrives is discarded.
        Message m;
        while ((m = pipe.read()) != null) {
            m.close();
        }
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
        return null;
    }

    @Override
    public boolean canSend() {
        return out.canSend();
    }

    @Override
    public boolean canReceive() {
        return false;
    }
}
