package dev.weft.patterns.reqrep;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.LoadBalancer;

/**
 * DEALER (RFC 28) and CLIENT (RFC 41): round-robin out to peers that can take a message,
 * fair-queued in, no envelope changes. With no peer that can take a message, a send waits (mute
 * state blocks). CLIENT's single-part rule is the engine's, and it never probes.
 */
public final class DealerRole implements SocketRole {
    private final LoadBalancer out = new LoadBalancer();
    private final FairQueue in = new FairQueue();
    private boolean probeRouter;

    /**
     * Sends an empty message to each new peer as soon as it connects (libzmq {@code
     * ZMQ_PROBE_ROUTER}), so that a ROUTER learns this socket's routing id at once.
     *
     * @param probe true to probe
     */
    public void probeRouter(boolean probe) {
        this.probeRouter = probe;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        out.attach(pipe);
        in.attach(pipe);
        Probe.send(probeRouter, pipe);
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
