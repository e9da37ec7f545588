package dev.weft.core.zmtp;

import dev.weft.core.Metadata;
import io.netty.buffer.ByteBuf;

/**
 * A ZMTP security mechanism's handshake (RFC 37 §Authentication and Confidentiality): a pure state
 * machine that reads handshake commands and writes its own, with no I/O of its own. It writes
 * commands through a {@link CommandWriter}, never whole frames, so that every frame a connection
 * sends passes through its one frame writer.
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

    /**
     * Returns the name sent in the greeting.
     *
     * @return e.g. {@code NULL}
     */
    String name();

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
     * @return true when the handshake is complete
     * @throws ZmtpException when the command breaks the mechanism's grammar or order, or the peer
     *     sent ERROR
     */
    boolean onCommand(CommandName name, ByteBuf data, CommandWriter out) throws ZmtpException;

    /**
     * Returns the metadata the peer announced; valid once the handshake is complete.
     *
     * @return the peer's properties
     */
    Metadata peerMetadata();
}
