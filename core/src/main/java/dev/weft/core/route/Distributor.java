package dev.weft.core.route;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.SharedMessage;

/**
 * Sends one message to a chosen subset of pipes (RFC 29: a publisher sends each message to all
 * subscribers whose subscriptions match). For each message the role marks the pipes that should get
 * it with {@link #match}, then calls {@link #sendToMatching}; the message is shared between pipes
 * (one {@link SharedMessage} object), not copied or duplicated.
 *
 * <p>The marked pipes are the active prefix of a {@link PipeSet}: marking a pipe takes constant
 * time and allocates nothing, whatever the number of pipes. Used under the socket lock; not
 * thread-safe by itself.
 */
public final class Distributor {
    // The active prefix is the pipes marked for the message being sent.
    private final PipeSet pipes = new PipeSet(Pipe.SetSlot.SEND);
    // The marked pipes that can take the message being sent; reused, so sending allocates no list.
    private Pipe[] targets = new Pipe[4];

    /**
     * Adds a pipe.
     *
     * @param pipe a newly attached pipe
     * @throws IllegalStateException when another sending set holds the pipe
     */
    public void attach(Pipe pipe) {
        if (pipes.attach(pipe)) {
            // PipeSet adds pipes active, i.e. marked; a new pipe is not matched for any message.
            pipes.deactivate(pipe);
        }
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
        pipes.detach(pipe);
    }

    /**
     * Marks a pipe to receive the next message. Idempotent within one message.
     *
     * @param pipe an attached pipe
     */
    public void match(Pipe pipe) {
        pipes.activate(pipe);
    }

    /** Marks every pipe to receive the next message. */
    public void matchAll() {
        pipes.activateAll();
    }

    /** Flips the marks: matched pipes become unmatched and the others matched. */
    public void invertMatches() {
        pipes.invertActive();
    }

    /** Clears the marks without sending. */
    public void unmatch() {
        pipes.deactivateAll();
    }

    /**
     * Returns the pipe at a position, to visit every attached pipe (e.g. to send each a command).
     * Positions change when pipes are attached, detached or matched.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the pipe
     * @throws IndexOutOfBoundsException when the index is outside the set
     */
    public Pipe pipe(int index) {
        return pipes.get(index);
    }

    /**
     * Tells whether every marked pipe can take a message now.
     *
     * @return false when some marked pipe is at its high-water mark
     */
    public boolean matchingCanWrite() {
        int matching = pipes.activeCount();
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
        int n = pipes.activeCount();
        pipes.deactivateAll();
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
}
