package dev.weft.core.route;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.SharedMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;

/**
 * Sends one message to a chosen subset of pipes (RFC 29: a publisher sends each message to all
 * subscribers whose subscriptions match). For each message the role marks the pipes that should get
 * it with {@link #match}, then calls {@link #sendToMatching}; the message is shared between pipes
 * (one {@link SharedMessage} object), not copied or duplicated.
 *
 * <p>Used under the socket lock; not thread-safe by itself.
 */
public final class Distributor {
    private final ArrayList<Pipe> pipes = new ArrayList<>();
    private final IdentityHashMap<Pipe, Integer> positions = new IdentityHashMap<>();
    // The marked pipes that can take the message being sent; reused, so sending allocates no list.
    private Pipe[] targets = new Pipe[4];
    private int matching;

    /**
     * Adds a pipe.
     *
     * @param pipe a newly attached pipe
     */
    public void attach(Pipe pipe) {
        positions.put(pipe, pipes.size());
        pipes.add(pipe);
        if (targets.length < pipes.size()) {
            targets = new Pipe[Math.max(pipes.size(), targets.length * 2)];
        }
    }

    /**
     * Removes a pipe. Idempotent.
     *
     * @param pipe the pipe going away
     */
    public void detach(Pipe pipe) {
        Integer i = positions.get(pipe);
        if (i == null) {
            return;
        }
        if (i < matching) {
            matching--;
            swap(i, matching);
            i = matching;
        }
        swap(i, pipes.size() - 1);
        pipes.remove(pipes.size() - 1);
        positions.remove(pipe);
    }

    /**
     * Marks a pipe to receive the next message. Idempotent within one message.
     *
     * @param pipe an attached pipe
     */
    public void match(Pipe pipe) {
        Integer i = positions.get(pipe);
        if (i != null && i >= matching) {
            swap(i, matching);
            matching++;
        }
    }

    /** Marks every pipe to receive the next message. */
    public void matchAll() {
        matching = pipes.size();
    }

    /** Flips the marks: matched pipes become unmatched and the others matched. */
    public void invertMatches() {
        int n = pipes.size();
        for (int i = 0; i < n - matching; i++) {
            swap(i, n - 1 - i);
        }
        matching = n - matching;
    }

    /** Clears the marks without sending. */
    public void unmatch() {
        matching = 0;
    }

    /**
     * Tells whether every marked pipe can take a message now.
     *
     * @return false when some marked pipe is at its high-water mark
     */
    public boolean matchingCanWrite() {
        for (int i = 0; i < matching; i++) {
            if (!pipes.get(i).canWriteOrWake()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends the message to every marked pipe, then clears the marks. A marked pipe at its
     * high-water mark does not get the message, nor does it get any until it has drained to its
     * low-water mark ({@link Pipe#canWriteOrWake()}, as libzmq's distributor does). When several
     * pipes take it, they share the one message as a {@link SharedMessage}: nothing is copied or
     * duplicated per pipe.
     *
     * @param message taken over: shared between the pipes, released when nobody took it
     * @return how many marked pipes were skipped because they were full
     */
    public int sendToMatching(Message message) {
        int n = matching;
        matching = 0;
        int writable = 0;
        for (int i = 0; i < n; i++) {
            Pipe p = pipes.get(i);
            if (p.canWriteOrWake()) {
                targets[writable++] = p;
            }
        }
        int skipped = n - writable;
        if (writable == 0) {
            message.close();
        } else if (writable == 1) {
            Pipe p = targets[0];
            targets[0] = null;
            if (!p.write(message)) {
                message.close();
                skipped++;
            }
        } else {
            SharedMessage shared = new SharedMessage(message, writable);
            for (int i = 0; i < writable; i++) {
                Pipe p = targets[i];
                targets[i] = null;
                // Under the socket lock a writable pipe stays writable (only its consumer moves,
                // and that frees room); it can only have lost its connection meanwhile.
                if (!p.writeShared(shared)) {
                    shared.release();
                    skipped++;
                }
            }
        }
        return skipped;
    }

    /**
     * Returns how many pipes are attached.
     *
     * @return the pipe count
     */
    public int size() {
        return pipes.size();
    }

    private void swap(int i, int j) {
        if (i != j) {
            Pipe a = pipes.get(i);
            Pipe b = pipes.get(j);
            pipes.set(i, b);
            pipes.set(j, a);
            positions.put(b, i);
            positions.put(a, j);
        }
    }
}
