package dev.weft.core.session;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.zmtp.CommandName;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.FrameDecoder;
import dev.weft.core.zmtp.FrameEncoder;
import dev.weft.core.zmtp.FrameFlags;
import dev.weft.core.zmtp.FrameLog;
import dev.weft.core.zmtp.Greeting;
import dev.weft.core.zmtp.Mechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletionStage;

/**
 * One ZMTP connection's protocol as a pure state machine: the greeting, the handshake through the
 * {@link Mechanism}, validation of the peer's socket type, commands (PING answered with PONG, ERROR
 * fatal, a second READY fatal, unknown commands ignored), frame decoding and message assembly, and
 * encoding. Bytes go in through {@link #feed}; what happened comes out through a {@link Listener};
 * what to send goes to an {@link Output}. It does no I/O and knows no channel, pipe or timer.
 *
 * <p>There is one frame reader and one frame writer. The handshake's commands are parsed by the
 * same {@link FrameDecoder} as traffic (with the handshake's limits until it completes), and every
 * frame this side sends (messages, the mechanism's commands, ERROR, PING, PONG, subscriptions)
 * passes through one method, where a mechanism that encrypts traffic will wrap it.
 *
 * <p>Received bodies up to {@link FrameDecoder#COPY_THRESHOLD} octets are copied; larger ones are
 * retained slices of the buffer passed to {@link #feed}, so that buffer must not be overwritten
 * while a delivered message may still hold a slice (its reference count says so). Received messages
 * get one frame of head room, so that a ROUTER prepends the routing id without moving frames.
 *
 * <p>Owned by one connection on one thread; not thread-safe.
 */
public final class ZmtpSession {
    private static final System.Logger LOG = System.getLogger(ZmtpSession.class.getName());

    /** Largest command accepted before the handshake completes. */
    public static final int MAX_HANDSHAKE_COMMAND = 8 * 1024;

    /** Largest command accepted afterwards (subscriptions, groups, heartbeats). */
    public static final int MAX_TRAFFIC_COMMAND = 64 * 1024;

    /** Where the session's outgoing bytes go: implemented by the connection's write queue. */
    public interface Output {
        /**
         * Returns the buffer to write small data into; what is written there is queued in order.
         *
         * @return the current buffer
         */
        ByteBuf buffer();

        /**
         * Queues a frame body after everything written so far, copying it or keeping a retained
         * slice as the queue prefers.
         *
         * @param body its readable bytes are queued; not consumed, ownership stays with the caller
         */
        void writeBody(ByteBuf body);
    }

    /** What the session reports, on the thread that feeds it. */
    public interface Listener {
        /**
         * The handshake completed and the peer's socket type is valid; {@link #peerType()}, {@link
         * #peerMetadata()} and {@link #peerSpeaks31()} are set. Messages that arrived in the same
         * bytes follow right after this call returns.
         */
        void handshakeSucceeded();

        /**
         * A handshake step waits for an asynchronous answer: the session reads nothing until the
         * owner calls {@link #resumeHandshake()} on its own thread once the stage completed, and
         * then feeds the bytes left unread again.
         *
         * @param stage completes, on any thread, when the answer is there
         */
        void handshakeWaiting(CompletionStage<?> stage);

        /**
         * A whole message arrived.
         *
         * @param message taken over by the listener
         * @throws ZmtpException when the message breaks the socket type's wire rules (released by
         *     the listener); {@link #feed} then throws it
         */
        void messageReceived(Message message) throws ZmtpException;

        /**
         * A pattern command arrived after the handshake: SUBSCRIBE, CANCEL, JOIN or LEAVE.
         *
         * @param command the command
         * @throws ZmtpException when the command breaks the socket type's wire rules; {@link #feed}
         *     then throws it
         */
        void commandReceived(PeerCommand command) throws ZmtpException;

        /**
         * A PING arrived (the PONG is already written).
         *
         * @param ttlDeciseconds the peer's time-to-live in tenths of a second, 0 for none
         */
        void pingReceived(int ttlDeciseconds);
    }

    private enum State {
        GREETING,
        HANDSHAKE,
        TRAFFIC,
        CLOSED
    }

    private final Mechanism mechanism;
    private final SocketType ownType;
    private final Output output;
    private final Listener listener;
    private final String peerAddress;
    private final FrameDecoder decoder;
    private final FrameLog frameLog;
    // Made once: a bound method reference per call would allocate.
    private final FrameDecoder.Sink frameSink = this::onFrame;
    private final Mechanism.CommandWriter commandWriter = this::writeCommand;
    private final Mechanism.CommandWriter wrappedWriter = this::writeWrapperCommand;
    private final Mechanism.FrameSink unwrappedSink = this::onUnwrappedFrame;

    private State state = State.GREETING;
    private Greeting peerGreeting;
    private SocketType peerType;
    private Message partial;
    private boolean waiting;
    // Set once the handshake completed with a mechanism that wraps every frame.
    private boolean wrapping;

    /**
     * Creates a session; call {@link #start()} next.
     *
     * @param mechanism the security mechanism both sides must use
     * @param ownType this socket's type, announced by the mechanism and used to validate the peer's
     * @param maxMessageSize largest total of a received message's frames
     * @param allocator where received bodies that are copied come from
     * @param output where outgoing bytes go
     * @param listener where events go
     * @param peerAddress the peer, for log lines
     */
    public ZmtpSession(
            Mechanism mechanism,
            SocketType ownType,
            long maxMessageSize,
            ByteBufAllocator allocator,
            Output output,
            Listener listener,
            String peerAddress) {
        this.mechanism = mechanism;
        this.ownType = ownType;
        this.output = output;
        this.listener = listener;
        this.peerAddress = peerAddress;
        this.decoder = new FrameDecoder(allocator, maxMessageSize, MAX_HANDSHAKE_COMMAND);
        this.decoder.handshaking(true, MAX_HANDSHAKE_COMMAND);
        this.frameLog = new FrameLog(peerAddress);
    }

    /**
     * Writes this side's whole greeting. Sending it at once is allowed (peers never wait for a
     * whole greeting before sending their own signature).
     */
    public void start() {
        Greeting.write(mechanism.name(), mechanism.asServer(), output.buffer());
    }

    /**
     * Consumes received bytes: the greeting, handshake commands, then traffic. Stops early, with
     * later bytes left unread, after {@link #pause()} or {@link #close()} from a listener call or
     * when a handshake step waits (and reads nothing until {@link #resumeHandshake()}); an
     * incomplete frame's bytes are left unread for the next call.
     *
     * @param in the received bytes from the reader index
     * @throws ZmtpException when the peer breaks a rule; an ERROR command may have been written
     *     first. The session is then unusable.
     */
    public void feed(ByteBuf in) throws ZmtpException {
        if (state == State.CLOSED || waiting) {
            return;
        }
        if (state == State.GREETING) {
            int available = Math.min(in.readableBytes(), Greeting.SIZE);
            Greeting.checkPartial(in, available);
            if (available < Greeting.SIZE) {
                return;
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
            if (mechanism.needsOppositeSides() && peerGreeting.asServer() == mechanism.asServer()) {
                String side = mechanism.asServer() ? "server" : "client";
                throw new ZmtpException(
                        ZmtpException.Condition.MECHANISM_MISMATCH,
                        "both sides act as "
                                + mechanism.name()
                                + " "
                                + side
                                + " (expected: one client, one server; the greeting's as-server"
                                + " flags are equal)");
            }
            state = State.HANDSHAKE;
            mechanism.start(commandWriter);
        }
        decoder.decode(in, frameSink);
    }

    /**
     * Makes {@link #feed} return after the frame being delivered (the receiver is full); callable
     * from a listener call.
     */
    public void pause() {
        decoder.stop();
    }

    /**
     * Lets {@link #feed} decode again after {@link #pause()}; no effect once closed or while a
     * handshake step waits.
     */
    public void resume() {
        if (state != State.CLOSED && !waiting) {
            decoder.resume();
        }
    }

    /**
     * Goes on with the handshake after the stage given to {@link Listener#handshakeWaiting}
     * completed; the caller then feeds the bytes left unread. Call on the session's thread.
     *
     * @throws ZmtpException when the answer ends the handshake; an ERROR may have been written
     * @throws IllegalStateException when no handshake step waits
     */
    public void resumeHandshake() throws ZmtpException {
        if (!waiting) {
            throw new IllegalStateException("no handshake step waits");
        }
        if (state == State.CLOSED) {
            return;
        }
        waiting = false;
        decoder.resume();
        progressed(mechanism.resume(commandWriter));
    }

    /**
     * Returns how many more octets the frame being decoded needs, so the caller can size its read
     * buffer; 0 when between frames.
     *
     * @return the octets of the current frame body, or 0
     */
    public long pendingBodySize() {
        return decoder.pendingBodySize();
    }

    /**
     * Writes a whole message, frame by frame. The message is not consumed or released; large bodies
     * may be queued as retained slices.
     *
     * @param message the message
     */
    public void send(Message message) {
        int last = message.size() - 1;
        for (int i = 0; i <= last; i++) {
            writeFrame(i < last ? FrameFlags.MORE : 0, null, message.frame(i).content());
        }
    }

    /**
     * Writes one message frame whose body is the UTF-8 encoding of a text: RADIO's group frame. The
     * text is encoded straight into the output, with no intermediate buffer unless a mechanism
     * wraps traffic or frames are logged.
     *
     * @param text the body's characters
     * @param more whether more frames of the same message follow
     */
    public void sendTextFrame(CharSequence text, boolean more) {
        int flags = more ? FrameFlags.MORE : 0;
        int length = ByteBufUtil.utf8Bytes(text);
        if (wrapping || frameLog.enabled()) {
            ByteBuf body = Unpooled.buffer(length);
            try {
                ByteBufUtil.reserveAndWriteUtf8(body, text, length);
                writeFrame(flags, null, body);
            } finally {
                body.release();
            }
            return;
        }
        ByteBuf out = output.buffer();
        FrameEncoder.writeHeader(flags, length, out);
        ByteBufUtil.reserveAndWriteUtf8(out, text, length);
    }

    /**
     * Writes a peer's pattern command as the ZMTP command of the same name.
     *
     * @param command SUBSCRIBE, CANCEL, JOIN or LEAVE
     */
    public void sendCommand(PeerCommand command) {
        writeCommand(wireName(command.kind()), Unpooled.wrappedBuffer(command.body()));
    }

    private static CommandName wireName(PeerCommand.Kind kind) {
        return switch (kind) {
            case SUBSCRIBE -> CommandName.SUBSCRIBE;
            case CANCEL -> CommandName.CANCEL;
            case JOIN -> CommandName.JOIN;
            case LEAVE -> CommandName.LEAVE;
        };
    }

    /**
     * Writes a PING with no context (RFC 37 §Connection Heartbeating).
     *
     * @param ttlDeciseconds how long the peer may wait for traffic, in tenths of a second
     */
    public void sendPing(int ttlDeciseconds) {
        ByteBuf data = Unpooled.buffer(2, 2);
        try {
            writeCommand(CommandName.PING, data.writeShort(ttlDeciseconds));
        } finally {
            data.release();
        }
    }

    /**
     * Tells whether the handshake completed.
     *
     * @return true once {@link Listener#handshakeSucceeded()} was called
     */
    public boolean handshakeCompleted() {
        return peerType != null;
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
     * @return the validated type, or null before
     */
    public SocketType peerType() {
        return peerType;
    }

    /**
     * Returns the peer's metadata, once the handshake is complete.
     *
     * @return the metadata, or null before
     */
    public Metadata peerMetadata() {
        return peerType == null ? null : mechanism.peerMetadata();
    }

    /**
     * Tells whether the peer greeted as ZMTP 3.1 or later (heartbeats, SUBSCRIBE/CANCEL commands).
     *
     * @return false for a ZMTP 3.0 peer or before the greeting
     */
    public boolean peerSpeaks31() {
        return peerGreeting != null && peerGreeting.speaks31();
    }

    /**
     * Ends the session: releases a partly received message and ignores later input. Callable from a
     * listener call. Idempotent.
     */
    public void close() {
        state = State.CLOSED;
        decoder.stop();
        if (partial != null) {
            partial.close();
            partial = null;
        }
    }

    // ---- The one frame reader's sink. ----

    private void onFrame(int flags, ByteBuf body) throws ZmtpException {
        frameLog.received(flags, body);
        if (wrapping) {
            try {
                if ((flags & FrameFlags.COMMAND) == 0) {
                    throw new ZmtpException(
                            ZmtpException.Condition.UNEXPECTED_COMMAND,
                            "a bare message frame after a "
                                    + mechanism.name()
                                    + " handshake (expected: every frame wrapped in a command)");
                }
                mechanism.unwrap(CommandName.read(body), body, unwrappedSink);
            } finally {
                body.release();
            }
            return;
        }
        onPlainFrame(flags, body);
    }

    private void onUnwrappedFrame(int flags, ByteBuf body) throws ZmtpException {
        if (state == State.CLOSED) {
            body.release();
            return;
        }
        onPlainFrame(flags, body);
    }

    private void onPlainFrame(int flags, ByteBuf body) throws ZmtpException {
        if (state != State.TRAFFIC || (flags & FrameFlags.COMMAND) != 0) {
            try {
                if (state == State.HANDSHAKE) {
                    onHandshakeCommand(body);
                } else if (state == State.TRAFFIC) {
                    onTrafficCommand(body);
                }
            } finally {
                body.release();
            }
            return;
        }
        if (partial == null) {
            // One frame of head room, so that a ROUTER prepends the routing id without moving
            // frames; a single-frame message with its head room still fits the inline slots.
            partial = Message.withHeadroom(1, (flags & FrameFlags.MORE) != 0 ? 4 : 1);
        }
        partial.add(body);
        if ((flags & FrameFlags.MORE) == 0) {
            Message complete = partial;
            partial = null;
            listener.messageReceived(complete);
        }
    }

    private void onHandshakeCommand(ByteBuf body) throws ZmtpException {
        CommandName name = CommandName.read(body);
        progressed(mechanism.onCommand(name, body, commandWriter));
    }

    private void progressed(Mechanism.Progress progress) throws ZmtpException {
        switch (progress) {
            case CONTINUE -> {}
            case WAIT -> {
                waiting = true;
                decoder.stop();
                listener.handshakeWaiting(mechanism.awaited());
            }
            case COMPLETE -> {
                peerType = validatePeerType(mechanism.peerMetadata());
                state = State.TRAFFIC;
                wrapping = mechanism.wrapsTraffic();
                decoder.handshaking(false, MAX_TRAFFIC_COMMAND);
                listener.handshakeSucceeded();
            }
        }
    }

    private void onTrafficCommand(ByteBuf body) throws ZmtpException {
        CommandName name = CommandName.read(body);
        if (name == null) {
            // RFC 37: commands a peer does not know are ignored.
            return;
        }
        switch (name) {
            case PING -> {
                int ttl = Commands.readPingTtl(body);
                writeCommand(CommandName.PONG, body);
                listener.pingReceived(ttl);
            }
            case PONG -> {}
            case SUBSCRIBE -> peerCommand(PeerCommand.Kind.SUBSCRIBE, body);
            case CANCEL -> peerCommand(PeerCommand.Kind.CANCEL, body);
            case JOIN -> peerCommand(PeerCommand.Kind.JOIN, body);
            case LEAVE -> peerCommand(PeerCommand.Kind.LEAVE, body);
            case ERROR ->
                    throw new ZmtpException(
                            ZmtpException.Condition.PEER_ERROR,
                            "peer sent ERROR '" + Commands.readErrorReason(body) + "'");
            case READY, HELLO, WELCOME, INITIATE ->
                    throw new ZmtpException(
                            ZmtpException.Condition.UNEXPECTED_COMMAND,
                            name + " after the handshake completed");
            default ->
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "weft: {0} from {1} ignored by a {2} socket",
                            name,
                            peerAddress,
                            ownType);
        }
    }

    private void peerCommand(PeerCommand.Kind kind, ByteBuf body) throws ZmtpException {
        byte[] data = new byte[body.readableBytes()];
        body.readBytes(data);
        listener.commandReceived(new PeerCommand(kind, data));
    }

    private SocketType validatePeerType(Metadata peer) throws ZmtpException {
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
            ByteBuf data = Unpooled.buffer();
            try {
                Commands.writeErrorReason("Invalid socket type", data);
                writeCommand(CommandName.ERROR, data);
            } finally {
                data.release();
            }
            throw new ZmtpException(ZmtpException.Condition.INCOMPATIBLE_SOCKET_TYPE, reason);
        }
        return type;
    }

    // ---- The one frame writer. ----

    private void writeCommand(CommandName name, ByteBuf data) {
        writeFrame(FrameFlags.COMMAND, name, data);
    }

    private void writeWrapperCommand(CommandName name, ByteBuf data) {
        writeRawFrame(FrameFlags.COMMAND, name, data);
    }

    /**
     * Writes one frame: every frame this side sends passes here, so that a mechanism that wraps
     * traffic (CURVE's MESSAGE boxes) has one place to do it; NULL sends frames as they are.
     *
     * @param flags MORE and/or COMMAND
     * @param command the command whose name starts the body, or null for a message frame
     * @param body the body (after the command name): readable bytes, not consumed or released
     */
    private void writeFrame(int flags, CommandName command, ByteBuf body) {
        if (!wrapping) {
            writeRawFrame(flags, command, body);
            return;
        }
        if (command == null) {
            mechanism.wrap(flags, body, wrappedWriter);
            return;
        }
        ByteBuf whole = Unpooled.buffer(command.encodedSize() + body.readableBytes());
        try {
            command.write(whole);
            whole.writeBytes(body, body.readerIndex(), body.readableBytes());
            mechanism.wrap(flags, whole, wrappedWriter);
        } finally {
            whole.release();
        }
    }

    private void writeRawFrame(int flags, CommandName command, ByteBuf body) {
        ByteBuf out = output.buffer();
        if (command == null) {
            frameLog.sent(flags, body);
            FrameEncoder.writeHeader(flags, body.readableBytes(), out);
            output.writeBody(body);
        } else {
            FrameEncoder.writeHeader(flags, command.encodedSize() + body.readableBytes(), out);
            command.write(out);
            out.writeBytes(body, body.readerIndex(), body.readableBytes());
        }
    }
}
