package dev.weft.patterns.pipeline;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;

/**
 * PULL (RFC 30) and GATHER (RFC 49): receives fairly from its PUSH or SCATTER peers. With conflate
 * on (PULL only), only the newest waiting message is returned and older ones are dropped.
 */
public final class PullRole implements SocketRole {
    private final FairQueue in = new FairQueue();
    private final Conflation conflation = new Conflation();

    /**
     * Sets conflation (libzmq {@code ZMQ_CONFLATE}).
     *
     * @param conflate true to keep only the newest message
     */
    public void conflate(boolean conflate) {
        conflation.enabled(conflate);
    }

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
        // PULL never sends.
    }

    @Override
    public boolean send(Message message) {
        throw new IllegalStateException("a receive-only socket cannot send (PULL, GATHER)");
    }

    @Override
    public Message receive() {
        return conflation.newest(in);
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
