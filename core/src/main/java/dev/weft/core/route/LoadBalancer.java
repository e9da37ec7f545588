package dev.weft.core.route;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import java.util.ArrayList;

/**
 * Round-robin sending over pipes that can take a message, skipping full ones (RFC 28/30: "route
 * outgoing messages to available peers using a round-robin strategy").
 *
 * <p>Pipes are kept in one list whose first {@code active} entries can be written; a pipe that
 * refuses a write moves past them until its {@code pipeWritable} edge. Used under the socket lock;
 * not thread-safe by itself.
 */
public final class LoadBalancer {
    private final ArrayList<Pipe> pipes = new ArrayList<>();
    private int active;
    private int current;
    private Pipe lastPipe;

    /**
     * Adds a pipe as writable.
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
     * Makes a pipe writable again after its {@code pipeWritable} edge.
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
     * Sends on the next pipe that accepts the message.
     *
     * @param message taken over on success
     * @return true when a pipe took it; false when every pipe is full or there are none
     */
    public boolean send(Message message) {
        while (active > 0) {
            Pipe p = pipes.get(current);
            if (p.write(message)) {
                lastPipe = p;
                current = (current + 1) % active;
                return true;
            }
            deactivate(current);
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
     * Tells whether some pipe would take a message now.
     *
     * @return true when a send would succeed
     */
    public boolean canSend() {
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

    private void deactivate(int i) {
        active--;
        swap(i, active);
        if (current >= active) {
            current = 0;
        }
    }

    private void swap(int i, int j) {
        if (i != j) {
            Pipe a = pipes.get(i);
            pipes.set(i, pipes.get(j));
            pipes.set(j, a);
        }
    }
}
