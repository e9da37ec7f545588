package dev.weft.core.route;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;

/**
 * Round-robin sending over pipes that can take a message, skipping full ones (RFC 28/30: "route
 * outgoing messages to available peers using a round-robin strategy").
 *
 * <p>Pipes are kept in a {@link PipeSet} whose active prefix can be written; a pipe that refuses a
 * write leaves it until its {@code pipeWritable} edge. Every operation takes constant time, except
 * {@link #canSend()}. Used under the socket lock; not thread-safe by itself.
 */
public final class LoadBalancer {
    private final PipeSet pipes = new PipeSet(Pipe.SetSlot.SEND);
    private int current;
    private Pipe lastPipe;

    /**
     * Adds a pipe as writable.
     *
     * @param pipe a newly attached pipe
     * @throws IllegalStateException when another sending set holds the pipe
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
     * Makes a pipe writable again after its {@code pipeWritable} edge.
     *
     * @param pipe the pipe
     */
    public void activate(Pipe pipe) {
        pipes.activate(pipe);
    }

    /**
     * Sends on the next pipe that accepts the message.
     *
     * @param message taken over on success
     * @return true when a pipe took it; false when every pipe is full or there are none
     */
    public boolean send(Message message) {
        int active;
        while ((active = pipes.activeCount()) > 0) {
            Pipe p = pipes.get(current);
            if (p.write(message)) {
                lastPipe = p;
                current = current + 1 == active ? 0 : current + 1;
                return true;
            }
            pipes.deactivate(p);
            if (current >= pipes.activeCount()) {
                current = 0;
            }
        }
        return false;
    }

    /**
     * Returns the pipe that took the last message sent.
     *
     * @return the pipe, or null when it has gone
     */
    public Pipe lastPipe() {
        return lastPipe;
    }

    /**
     * Tells whether some pipe would take a message now: a walk over the writable pipes.
     *
     * @return true when a send would succeed
     */
    public boolean canSend() {
        int active = pipes.activeCount();
        for (int i = 0; i < active; i++) {
            if (pipes.get(i).canWrite()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns how many pipes are attached.
     *
     * @return the pipe count
     */
    public int size() {
        return pipes.size();
    }
}
