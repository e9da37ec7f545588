package dev.weft.core.zmtp;

import dev.weft.core.Metadata;
import io.netty.buffer.ByteBuf;

/**
 * A ZMTP security mechanism's handshake (RFC 37 §Authentication and Confidentiality): a pure state
 * machine that reads handshake commands and writes its own, with no I/O of its own.
 *
 * <p>Owned by one connection on one I/O thread; not thread-safe.
 */
public interface Mechanism {
    /**
     * Returns the name sent in the greeting.
     *
     * @return e.g. {@code NULL}
     */
    String name();

    /**
     * Writes the commands this side sends first, right after the greetings are exchanged.
     *
     * @param out where to write whole command frames
     */
    void start(ByteBuf out);

    /**
     * Handles one handshake command.
     *
     * @param name the command, or null when its name is unknown
     * @param data the command data after the name; not retained by the mechanism
     * @param out where to write reply commands
     * @return true when the handshake is complete
     * @throws ZmtpException when the command breaks the mechanism's grammar or order, or the peer
     *     sent ERROR
     */
    boolean onCommand(CommandName name, ByteBuf data, ByteBuf out) throws ZmtpException;

    /**
     * Returns the metadata the peer announced; valid once the handshake is complete.
     *
     * @return the peer's properties
     */
    Metadata peerMetadata();
}
