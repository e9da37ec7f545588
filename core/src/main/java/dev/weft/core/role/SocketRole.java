package dev.weft.core.role;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;

/**
 * Pattern logic for one socket type: the engine/role boundary (DESIGN §2). A role only chooses
 * which pipe to send on, which to read from, and how to shape the envelope; everything that is the
 * same for all socket types lives in the socket core.
 *
 * <p>Threading: every method is called by the socket core with the socket lock held, on an
 * application thread or an I/O thread. A role must not block, do I/O, or call user code. Whole
 * messages cross this boundary, never single frames.
 *
 * <p>Ownership: {@link #send} takes the message only when it returns true; {@link #receive} hands
 * the returned message to the caller. A role releases every message it drops.
 */
public interface SocketRole {
    /**
     * A peer completed its handshake; its type was already validated by the core. The role may
     * refuse it with {@link Pipe#reject(String)} (and must then not keep it).
     *
     * @param pipe the new pipe
     */
    void pipeAttached(Pipe pipe);

    /**
     * Forget the pipe. Idempotent.
     *
     * @param pipe the pipe going away
     */
    void pipeDetached(Pipe pipe);

    /**
     * The pipe's inbound queue went from empty to non-empty. May be spurious.
     *
     * @param pipe the pipe
     */
    void pipeReadable(Pipe pipe);

    /**
     * The pipe's outbound queue went back under its high-water mark. May be spurious.
     *
     * @param pipe the pipe
     */
    void pipeWritable(Pipe pipe);

    /**
     * Sends a whole message.
     *
     * @param message the message
     * @return true when ownership was taken (sent, queued or deliberately dropped); false when the
     *     send would block, and the caller keeps the message
     */
    boolean send(Message message);

    /**
     * Receives a whole message.
     *
     * @return the message, owned by the caller, or null when none is ready
     */
    Message receive();

    /**
     * Tells whether {@link #send} could take a message now.
     *
     * @return true when a send would not block
     */
    boolean canSend();

    /**
     * Tells whether {@link #receive} would return a message now.
     *
     * @return true when a message is ready
     */
    boolean canReceive();

    /**
     * A peer sent a pattern command (SUBSCRIBE, CANCEL, JOIN, LEAVE), already normalized from
     * either wire form. Ignored by default.
     *
     * @param pipe the pipe it came on
     * @param command the command
     */
    default void onCommand(Pipe pipe, PeerCommand command) {}

    /**
     * A pipe that outlives its connections (made at connect with {@code immediate} off) got a new
     * connection after losing one; the peer may have forgotten per-connection state such as
     * subscriptions. Ignored by default.
     *
     * @param pipe the pipe
     */
    default void pipeReconnected(Pipe pipe) {}

    /**
     * The socket is closing and every pipe was detached: release any message the role still holds.
     * Nothing is called on the role afterwards.
     */
    default void close() {}
}
