package dev.weft.core.zmtp;

/**
 * A peer broke a ZMTP rule. Thrown by the decoders and the handshake; the engine catches it, closes
 * only that connection, logs one line and raises a monitor event.
 *
 * <p>The message starts with the rule's condition name, e.g. {@code "FRAME_TOO_LARGE: 70000 >
 * 65536"}.
 */
public final class ZmtpException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The rule a peer broke. */
    public enum Condition {
        /** The first greeting octet is not 0xFF or the tenth is not 0x7F. */
        BAD_SIGNATURE,
        /** The peer speaks ZMTP 1.0/2.0, which Weft does not. */
        UNSUPPORTED_VERSION,
        /** The peer asks for a mechanism other than ours. */
        MECHANISM_MISMATCH,
        /** Reserved flag bits are set, or MORE is set on a command. */
        BAD_FLAGS,
        /** A frame or message exceeds the allowed size. */
        FRAME_TOO_LARGE,
        /** A command body does not follow its grammar. */
        MALFORMED_COMMAND,
        /**
         * A message does not follow its socket type's wire form (RFC 48: a group frame then one
         * body frame).
         */
        MALFORMED_MESSAGE,
        /** A command or message arrived where the state machine does not allow it. */
        UNEXPECTED_COMMAND,
        /** The peer's socket type is unknown or cannot talk to ours. */
        INCOMPATIBLE_SOCKET_TYPE,
        /** The peer sent an ERROR command. */
        PEER_ERROR,
        /** The handshake did not finish in time. */
        HANDSHAKE_TIMEOUT,
        /** The peer closed the connection before the handshake finished. */
        HANDSHAKE_INCOMPLETE,
        /** The peer stopped answering heartbeats. */
        HEARTBEAT_TIMEOUT,
        /** The peer announced a routing id that is already in use. */
        DUPLICATE_ROUTING_ID,
        /** A multipart message reached a socket type that allows single-part messages only. */
        MULTIPART_NOT_ALLOWED
    }

    private final Condition condition;

    /**
     * Creates the exception.
     *
     * @param condition the broken rule
     * @param detail the values involved
     */
    public ZmtpException(Condition condition, String detail) {
        super(condition + ": " + detail);
        this.condition = condition;
    }

    /**
     * Returns the broken rule.
     *
     * @return the condition
     */
    public Condition condition() {
        return condition;
    }
}
