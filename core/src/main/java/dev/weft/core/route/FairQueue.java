package dev.weft.core.route;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import java.util.ArrayList;

/**
 * Fair-queued receiving: takes one message from each pipe that has one, in turn (RFC 28/30:
 * "receive incoming messages from its peers using a fair-queuing strategy").
 *
 * <p>The first {@code active} pipes may hold messages; a pipe read empty moves past them until its
 * {@code pipeReadable} edge. Used under the socket lock; not thread-safe by itself.
 */
public final class FairQueue {
    private final ArrayList<Pipe> pipes = new ArrayList<>();
    private int active;
    private int current;
    private Pipe lastPipe;

    /**
     * Adds a pipe as possibly readable.
     *
     * @param pipe a newly attached pipe
     */
    public void attach(Pipe pipe) {
        pipes.add(pipe);
        swap(pipes.size() - 1, active);
        active++;
    }

    /**
     * Removes a pipe. Idempotent.
     *
     * @param pipe the pipe going away
     */
    public void detach(Pipe pipe) {
        int i = pipes.indexOf(pipe);
        if (i < 0) {
            return;
        }
        if (i < active) {
            active--;
            swap(i, active);
            i = active;
        }
        swap(i, pipes.size() - 1);
        pipes.remove(pipes.size() - 1);
        if (current >= active) {
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
        int i = pipes.indexOf(pipe);
        if (i >= active) {
            swap(i, active);
            active++;
        }
    }

    /**
     * Takes the next message in fair order.
     *
     * @return the message (the caller owns it), or null when no pipe has one
     */
    public Message receive() {
        while (active > 0) {
            Pipe p = pipes.get(current);
            Message m = p.read();
            if (m != null) {
                lastPipe = p;
                current = (current + 1) % active;
                return m;
            }
            active--;
            swap(current, active);
            if (current >= active) {
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
     * Tells whether some pipe holds a message.
     *
     * @return true when {@link #receive()} would return one
     */
    public boolean canReceive() {
        for (int i = 0; i < active; i++) {
            if (pipes.get(i).hasInbound()) {
                return true;
            }
        }
        return false;
    }

    private void swap(int i, int j) {
        if (i != j) {
            Pipe a = pipes.get(i);
            pipes.set(i, pipes.get(j));
            pipes.set(j, a);
        }
    }
}
