package dev.weft.core.zmtp;

import dev.weft.core.Metadata;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/**
 * A ZMTP security mechanism (RFC 37 §Authentication and Confidentiality): a pure state machine that
 * runs the handshake and, for mechanisms that encrypt, wraps and unwraps every frame afterwards. It
 * has no I/O of its own: it writes commands through a {@link CommandWriter}, never whole frames, so
 * that every frame a connection sends passes through its one frame writer.
 *
 * <ul>
 *   <li><b>Sides.</b> A mechanism plays the client or the server side of its handshake ({@link
 *       #asServer()} goes into the greeting); one that {@link #needsOppositeSides()} refuses a peer
 *       that claims the same side. NULL is symmetric.
 *   <li><b>Steps.</b> The handshake may take several commands each way; each received command
 *       answers with a {@link Progress}. A step may wait for an asynchronous answer (ZAP): {@link
 *       Progress#WAIT} with {@link #awaited()}; the connection reads nothing more until the stage
 *       completes and then calls {@link #resume}, on its own thread.
 *   <li><b>Wrapping.</b> When {@link #wrapsTraffic()}, every frame after the handshake, messages
 *       and commands alike, is sent through {@link #wrap} and every received frame must be a
 *       command that {@link #unwrap} opens (CURVE's MESSAGE boxes). NULL and PLAIN send frames as
 *       they are.
 * </ul>
 *
 * <p>Owned by one connection on one I/O thread; not thread-safe.
 */
public interface Mechanism {
    /** Where a mechanism sends its commands: the connection's one frame writer. */
    @FunctionalInterface
    interface CommandWriter {
        /**
         * Sends one command.
         *
         * @param name the command
         * @param data the command data after the name: its readable bytes, not consumed; the caller
         *     keeps ownership
         */
        void write(CommandName name, ByteBuf data);
    }

    /** Where {@link #unwrap} delivers the frame a wrapping command carried. */
    @FunctionalInterface
    interface FrameSink {
        /**
         * Receives one unwrapped frame.
         *
         * @param flags the frame's MORE and COMMAND flags ({@link FrameFlags})
         * @param body the frame body (for a command, starting with its name); the sink takes over
         *     this reference
         * @throws ZmtpException when the frame breaks a rule
         */
        void frame(int flags, ByteBuf body) throws ZmtpException;
    }

    /** What a received handshake command led to. */
    enum Progress {
        /** More commands are expected. */
        CONTINUE,
        /** The handshake is complete: {@link #peerMetadata()} is valid. */
        COMPLETE,
        /**
         * An asynchronous answer is awaited ({@link #awaited()}); call {@link #resume} once it is
         * there.
         */
        WAIT
    }

    /**
     * Returns the name sent in the greeting.
     *
     * @return e.g. {@code NULL}
     */
    String name();

    /**
     * Tells whether this side acts as the server of the handshake, sent as the greeting's as-server
     * flag.
     *
     * @return true for the server side; false for a client or a symmetric mechanism
     */
    default boolean asServer() {
        return false;
    }

    /**
     * Tells whether the peer must claim the other side in its greeting (one client, one server).
     *
     * @return true for PLAIN and CURVE; false for NULL, where the flag is not used
     */
    default boolean needsOppositeSides() {
        return false;
    }

    /**
     * Sends the commands this side sends first, right after the greetings are exchanged.
     *
     * @param out where to send commands
     */
    void start(CommandWriter out);

    /**
     * Handles one handshake command.
     *
     * @param name the command, or null when its name is unknown
     * @param data the command data after the name; not retained by the mechanism
     * @param out where to send reply commands
     * @return what the command led to
     * @throws ZmtpException when the command breaks the mechanism's grammar or order, or the peer
     *     sent ERROR
     */
    Progress onCommand(CommandName name, ByteBuf data, CommandWriter out) throws ZmtpException;

    /**
     * Returns what a step that answered {@link Progress#WAIT} waits for.
     *
     * @return a stage that completes, on any thread, when {@link #resume} may be called
     * @throws IllegalStateException when no step is waiting
     */
    default CompletionStage<?> awaited() {
        throw new IllegalStateException(name() + " never waits");
    }

    /**
     * Goes on with the handshake after the stage of {@link #awaited()} completed. Called on the
     * connection's thread.
     *
     * @param out where to send commands
     * @return what the step led to
     * @throws ZmtpException when the answer ends the handshake (e.g. ZAP denied the peer)
     */
    default Progress resume(CommandWriter out) throws ZmtpException {
        throw new IllegalStateException(name() + " never waits");
    }

    /**
     * Tells whether frames after the handshake are wrapped.
     *
     * @return false for NULL and PLAIN
     */
    default boolean wrapsTraffic() {
        return false;
    }

    /**
     * Wraps one outgoing frame into the command that carries it. Called only when {@link
     * #wrapsTraffic()}.
     *
     * @param flags the frame's MORE and COMMAND flags
     * @param body the frame body (for a command, starting with its name): its readable bytes, not
     *     consumed; the caller keeps ownership
     * @param out where to send the wrapping command
     */
    default void wrap(int flags, ByteBuf body, CommandWriter out) {
        throw new IllegalStateException(name() + " does not wrap frames");
    }

    /**
     * Opens one received command that carries a frame. Called only when {@link #wrapsTraffic()},
     * for every frame received after the handshake.
     *
     * @param name the received command, or null when its name is unknown
     * @param data the command data after the name; not retained
     * @param sink where the carried frame goes
     * @throws ZmtpException when the command is not a wrapping one or does not open
     */
    default void unwrap(CommandName name, ByteBuf data, FrameSink sink) throws ZmtpException {
        throw new IllegalStateException(name() + " does not wrap frames");
    }

    /**
     * Returns the metadata the peer announced; valid once the handshake is complete.
     *
     * @return the peer's properties
     */
    Metadata peerMetadata();
}
