package dev.weft.core.pipe;

import dev.weft.core.Message;

/**
 * The socket side of a pipe: told about edges so it can wake its role and blocked callers.
 * Implemented by the socket core.
 */
public interface PipeOwner {
    /**
     * The pipe's inbound queue went from empty to non-empty. Called on the I/O thread with no lock
     * held; the owner takes its own lock.
     *
     * @param pipe the pipe
     */
    void pipeReadable(Pipe pipe);

    /**
     * The pipe's outbound queue drained to its low-water mark after being full. Called on the I/O
     * thread with no lock held.
     *
     * @param pipe the pipe
     */
    void pipeWritable(Pipe pipe);

    /**
     * A pipe whose connection has ended was read empty. Called on an application thread inside a
     * role call, with the socket lock held: the owner must only note it and detach the pipe once
     * the role call has returned.
     *
     * @param pipe the pipe
     */
    void pipeDrained(Pipe pipe);

    /**
     * A message was taken from a pipe whose connection has ended, for owners that account for what
     * departed peers hold. Called on an application thread inside a role call, with the socket lock
     * held; the message now belongs to the reader, so the owner must only note its size. Does
     * nothing by default.
     *
     * @param pipe the pipe
     * @param message the message taken; do not keep or release it
     */
    default void departedMessageRead(Pipe pipe, Message message) {}
}
