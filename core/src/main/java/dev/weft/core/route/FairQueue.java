package dev.weft.core.route;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;

/**
 * Fair-queued receiving: takes one message from each pipe that has one, in turn (RFC 28/30:
 * "receive incoming messages from its peers using a fair-queuing strategy").
 *
 * <p>Pipes are kept in a {@link PipeSet} whose active prefix may hold messages; a pipe read empty
 * leaves it until its {@code pipeReadable} edge. Every operation takes constant time, except {@link
 * #canReceive()}. Used under the socket lock; not thread-safe by itself.
 */
public final class FairQueue {
    private final PipeSet pipes = new PipeSet(Pipe.SetSlot.RECEIVE);
    private int current;
    private Pipe lastPipe;

    /**
     * Adds a pipe as possibly readable.
     *
     * @param pipe a newly attached pipe
     * @throws IllegalStateException when another receiving set holds the pipe
     */
    public void attach(Pipe pipe) {
        pipes.attach(pipe);
    }

    /**
     * Removes a pipe. Idempotent.
     *
     * @param pipe the pipe going away
     */
    public void detach(Pipe pipe) {
        if (!pipes.detach(pipe)) {
            return;
        }
        if (current >= pipes.activeCount()) {
            current = 0;
        }
        if (lastPipe == pipe) {
            lastPipe = null;
        }
    }

    /**
     * Marks a pipe readable after its {@code pipeReadable} edge.
     *
     * @param pipe the pipe
     */
    public void activate(Pipe pipe) {
        pipes.activate(pipe);
    }

    /**
     * Takes the next message in fair order.
     *
     * @return the message (the caller owns it), or null when no pipe has one
     */
    public Message receive() {
        int active;
        while ((active = pipes.activeCount()) > 0) {
            Pipe p = pipes.get(current);
            Message m = p.read();
            if (m != null) {
                lastPipe = p;
                current = current + 1 == active ? 0 : current + 1;
                return m;
            }
            pipes.deactivate(p);
            if (current >= pipes.activeCount()) {
                current = 0;
            }
        }
        return null;
    }

    /**
     * Returns the pipe the last received message came from.
     *
     * @return the pipe, or null when it has gone
     */
    public Pipe lastPipe() {
        return lastPipe;
    }

    /**
     * Tells whether some pipe holds a message: a walk over the possibly readable pipes.
     *
     * @return true when {@link #receive()} would return one
     */
    public boolean canReceive() {
        int active = pipes.activeCount();
        for (int i = 0; i < active; i++) {
            if (pipes.get(i).hasInbound()) {
                return true;
            }
        }
        return false;
    }
}
