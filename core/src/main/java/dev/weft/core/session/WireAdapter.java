package dev.weft.core.session;

import dev.weft.core.Message;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.zmtp.ZmtpException;

/**
 * The socket-type-specific forms of the wire, between a socket's pipe and its {@link ZmtpSession},
 * so that the session and the connection know no socket type beyond the peer-compatibility table.
 * Today: ZMTP 3.0's subscription messages ({@code 0x01}/{@code 0x00} + topic, RFC 29), read as
 * SUBSCRIBE/CANCEL by PUB and XPUB and written instead of the commands by SUB and XSUB to a ZMTP
 * 3.0 peer; RADIO/DISH's group frame before each body and the checks of JOIN and LEAVE (RFC 48).
 *
 * <p>Adapters hold no state: one instance serves every connection of its socket types, from any
 * thread.
 */
public interface WireAdapter {
    /** Where received messages and commands go. */
    interface Receiver {
        /**
         * A message for the socket.
         *
         * @param message taken over
         */
        void message(Message message);

        /**
         * A pattern command, normalized from either wire form.
         *
         * @param command the command
         */
        void command(PeerCommand command);
    }

    /**
     * Hands a received message on, as itself or as the command it stands for.
     *
     * @param message taken over (released when it becomes a command or is refused)
     * @param to where it goes
     * @throws ZmtpException when the message breaks the socket type's wire rules; the message was
     *     released and the connection must end
     */
    void received(Message message, Receiver to) throws ZmtpException;

    /**
     * Hands a received pattern command on after checking it against the socket type's rules. Passes
     * it as it is by default.
     *
     * @param command the command
     * @param to where it goes
     * @throws ZmtpException when the command breaks the socket type's wire rules; the connection
     *     must end
     */
    default void received(PeerCommand command, Receiver to) throws ZmtpException {
        to.command(command);
    }

    /**
     * Writes a message in the socket type's wire form. Writes its frames as they are by default.
     *
     * @param message not consumed or released; large bodies may be queued as retained slices
     * @param session the connection's protocol, after its handshake
     */
    default void send(Message message, ZmtpSession session) {
        session.send(message);
    }

    /**
     * Sends a pattern command in the form the peer understands.
     *
     * @param command the command
     * @param session the connection's protocol, after its handshake
     */
    void send(PeerCommand command, ZmtpSession session);

    /**
     * Returns the adapter for a socket type.
     *
     * @param type the socket's own type
     * @return the adapter; the same instance for every socket of that type
     */
    static WireAdapter forSocketType(SocketType type) {
        return switch (type) {
            case PUB, XPUB -> SubscriptionWire.PUBLISHER;
            case SUB, XSUB -> SubscriptionWire.SUBSCRIBER;
            case RADIO -> GroupWire.RADIO;
            case DISH -> GroupWire.DISH;
            default -> PlainWire.INSTANCE;
        };
    }
}
