package dev.weft.core.zmtp;

import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import io.netty.buffer.ByteBuf;

/**
 * The connection handshake as a pure state machine: greeting exchange, version negotiation, the
 * mechanism's commands, then validation of the peer's socket type (RFC 37 §Version Negotiation,
 * §The Socket-Type Property). Feed it received bytes; it writes what to send into an output buffer
 * and leaves any bytes that follow the handshake unread.
 *
 * <p>Owned by one connection on one I/O thread; not thread-safe.
 */
public final class Handshake {
    private enum State {
        GREETING,
        MECHANISM,
        DONE
    }

    private final Mechanism mechanism;
    private final SocketType ownType;
    private final int maxCommandSize;
    private State state = State.GREETING;
    private Greeting peerGreeting;
    private SocketType peerType;

    /**
     * Creates a handshake.
     *
     * @param mechanism the security mechanism both sides must use
     * @param ownType this socket's type, to validate the peer's
     * @param maxCommandSize largest handshake command accepted, which bounds what a peer can make
     *     this side buffer before it is authenticated
     */
    public Handshake(Mechanism mechanism, SocketType ownType, int maxCommandSize) {
        this.mechanism = mechanism;
        this.ownType = ownType;
        this.maxCommandSize = maxCommandSize;
    }

    /**
     * Writes this side's whole greeting. Sending it at once is allowed (peers never wait for a
     * whole greeting before sending their own signature).
     *
     * @param out where to write
     */
    public void start(ByteBuf out) {
        Greeting.write(mechanism.name(), false, out);
    }

    /**
     * Consumes handshake bytes.
     *
     * @param in received bytes from the reader index; bytes past the handshake stay unread
     * @param out where to write commands to send
     * @return true once the handshake is complete
     * @throws ZmtpException when the peer breaks a rule; an ERROR command may have been written to
     *     {@code out} first
     */
    public boolean feed(ByteBuf in, ByteBuf out) throws ZmtpException {
        if (state == State.GREETING) {
            int available = Math.min(in.readableBytes(), Greeting.SIZE);
            Greeting.checkPartial(in, available);
            if (available < Greeting.SIZE) {
                return false;
            }
            peerGreeting = Greeting.read(in);
            if (!peerGreeting.mechanism().equals(mechanism.name())) {
                throw new ZmtpException(
                        ZmtpException.Condition.MECHANISM_MISMATCH,
                        "peer uses "
                                + peerGreeting.mechanism()
                                + ", this socket uses "
                                + mechanism.name());
            }
            mechanism.start(out);
            state = State.MECHANISM;
        }
        while (state == State.MECHANISM) {
            ByteBuf command = readCommandFrame(in);
            if (command == null) {
                return false;
            }
            CommandName name = CommandName.read(command);
            if (mechanism.onCommand(name, command, out)) {
                peerType = validatePeerType(mechanism.peerMetadata(), out);
                state = State.DONE;
            }
        }
        return true;
    }

    /**
     * Returns the peer's greeting, once received.
     *
     * @return the greeting, or null before it arrived
     */
    public Greeting peerGreeting() {
        return peerGreeting;
    }

    /**
     * Returns the peer's socket type, once the handshake is complete.
     *
     * @return the validated type
     */
    public SocketType peerType() {
        return peerType;
    }

    /**
     * Returns the peer's metadata, once the handshake is complete.
     *
     * @return the metadata
     */
    public Metadata peerMetadata() {
        return mechanism.peerMetadata();
    }

    private ByteBuf readCommandFrame(ByteBuf in) throws ZmtpException {
        if (in.readableBytes() < 2) {
            return null;
        }
        int base = in.readerIndex();
        int flags = in.getUnsignedByte(base);
        if ((flags & FrameFlags.COMMAND) == 0) {
            throw new ZmtpException(
                    ZmtpException.Condition.UNEXPECTED_COMMAND,
                    String.format(
                            "message frame (flags 0x%02x) before the handshake completed", flags));
        }
        if ((flags & (FrameFlags.RESERVED | FrameFlags.MORE)) != 0) {
            throw new ZmtpException(
                    ZmtpException.Condition.BAD_FLAGS,
                    String.format("command flags 0x%02x", flags));
        }
        boolean isLong = (flags & FrameFlags.LONG) != 0;
        int header = isLong ? 9 : 2;
        if (in.readableBytes() < header) {
            return null;
        }
        long size = isLong ? in.getLong(base + 1) : in.getUnsignedByte(base + 1);
        if (size < 0 || size > maxCommandSize) {
            throw new ZmtpException(
                    ZmtpException.Condition.FRAME_TOO_LARGE,
                    "handshake command of "
                            + Long.toUnsignedString(size)
                            + " octets > "
                            + maxCommandSize);
        }
        if (in.readableBytes() < header + size) {
            return null;
        }
        in.skipBytes(header);
        return in.readSlice((int) size);
    }

    private SocketType validatePeerType(Metadata peer, ByteBuf out) throws ZmtpException {
        String name = peer.socketType();
        SocketType type = name == null ? null : SocketType.fromWireName(name);
        if (type == null || !ownType.isCompatibleWith(type)) {
            String reason =
                    name == null
                            ? "no Socket-Type in READY"
                            : type == null
                                    ? "unknown Socket-Type '" + name + "'"
                                    : "peer "
                                            + type
                                            + " cannot talk to "
                                            + ownType
                                            + " (expected: "
                                            + ownType.compatiblePeers()
                                            + ")";
            // RFC 37: handle an invalid socket type by returning ERROR, then disconnecting.
            Commands.writeError("Invalid socket type", out);
            throw new ZmtpException(ZmtpException.Condition.INCOMPATIBLE_SOCKET_TYPE, reason);
        }
        return type;
    }
}
