package dev.weft.core.transport;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.session.WireAdapter;
import dev.weft.core.session.ZmtpSession;
import dev.weft.core.transport.stream.StreamConnection;
import dev.weft.core.transport.stream.WriteQueue;
import dev.weft.core.zmtp.NullMechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One ZMTP connection over a stream: feeds the bytes its {@link StreamConnection} reads to the pure
 * {@link ZmtpSession}, passes what arrives through the socket type's {@link WireAdapter} up to its
 * {@link Session}, encodes what the session hands down, and runs the handshake timer and the
 * heartbeats. It knows no pipe: the session owns the peer's pipe.
 *
 * <p>Owned by one I/O thread; every method runs there. A protocol error closes only this
 * connection, with a monitor event naming the peer and the broken rule, and one log line through
 * the {@link LogLimiter} the connection shares with the other connections of its listener or dialer
 * (so a flood of bad peers logs a few lines per rule and then a summary per interval).
 */
public final class ZmtpConnection
        implements StreamConnection.Handler,
                ZmtpSession.Listener,
                WireAdapter.Receiver,
                WireConnection {
    private static final System.Logger LOG = System.getLogger(ZmtpConnection.class.getName());

    private final IoThread ioThread;
    private final StreamConnection connection;
    private final ConnectionOwner owner;
    private final Session session;
    private final String endpoint;
    private final String peerAddress;
    private final Metadata transportMetadata;
    private final Consumer<ZmtpConnection> onClosed;
    private final LogLimiter connectionLog;
    private final SocketOptions options;
    private final ZmtpSession zmtp;
    private final WireAdapter wire;
    private final WriteQueue writeQueue;
    private final Heartbeat heartbeat;
    private final boolean singlePart;

    private Metadata connectionMetadata;
    private Timer handshakeTimer;
    private boolean closed;
    private boolean attached;
    private boolean handshakeJustCompleted;

    /**
     * Creates a connection; call {@link #start()} on the I/O thread next.
     *
     * @param site the socket, its I/O thread and allocator
     * @param channel a connected, non-blocking channel
     * @param session the session the connection works for
     * @param endpoint the endpoint the connection belongs to
     * @param transportMetadata what the transport vouches for about the peer (an ipc peer's user
     *     and group), added to the metadata of every message received here, replacing properties of
     *     the same names the peer sent; {@link Metadata#EMPTY} for none
     * @param onClosed run on the I/O thread once the connection has ended
     * @param connectionLog where this connection's error and refusal lines go; used on the I/O
     *     thread only, with the logger of this class
     */
    public ZmtpConnection(
            TransportSite site,
            SocketChannel channel,
            Session session,
            String endpoint,
            Metadata transportMetadata,
            Consumer<ZmtpConnection> onClosed,
            LogLimiter connectionLog) {
        this.ioThread = site.ioThread();
        this.owner = site.owner();
        this.connection = new StreamConnection(ioThread, channel, site.allocator());
        this.session = session;
        this.endpoint = endpoint;
        this.peerAddress = connection.peerAddress();
        this.transportMetadata = transportMetadata;
        this.onClosed = onClosed;
        this.connectionLog = connectionLog;
        this.options = owner.options();
        this.wire = WireAdapter.forSocketType(owner.socketType());
        this.singlePart = owner.socketType().isSinglePart();
        this.writeQueue = connection.writeQueue();
        this.zmtp =
                new ZmtpSession(
                        new NullMechanism(owner.handshakeMetadata()),
                        owner.socketType(),
                        options.maxMessageSize(),
                        site.allocator(),
                        writeQueue,
                        this,
                        peerAddress);
        this.heartbeat = new Heartbeat(ioThread, options, this::sendPing, this::heartbeatExpired);
        owner.connectionOpened();
    }

    /**
     * Registers the channel, sends the greeting and arms the handshake timer. Call on the I/O
     * thread.
     *
     * @throws IOException when the channel cannot be registered
     */
    public void start() throws IOException {
        connection.start(this);
        zmtp.start();
        handshakeTimer =
                ioThread.schedule(
                        options.handshakeTimeout().toNanos(),
                        () ->
                                fail(
                                        new ZmtpException(
                                                ZmtpException.Condition.HANDSHAKE_TIMEOUT,
                                                "no complete handshake within "
                                                        + options.handshakeTimeout().toMillis()
                                                        + " ms")));
        flush();
    }

    /**
     * Returns the remote address.
     *
     * @return e.g. {@code 127.0.0.1:40112}
     */
    public String peerAddress() {
        return peerAddress;
    }

    /**
     * Tells whether this connection completed its handshake and was attached to its session.
     *
     * @return true once the peer was attached to the socket
     */
    public boolean handshakeCompleted() {
        return attached;
    }

    /**
     * Closes the connection once what its session queued is written or the deadline passes,
     * whichever comes first (linger).
     *
     * @param deadlineNs {@link System#nanoTime()} deadline
     */
    public void closeAfterFlush(long deadlineNs) {
        if (!closed) {
            session.closeAfterFlush(this, deadlineNs);
        }
    }

    // ---- WireConnection: the session's side. ----

    @Override
    public boolean canWrite() {
        return !closed && attached && !connection.writeBlocked();
    }

    @Override
    public long pendingBytes() {
        return writeQueue.pendingBytes();
    }

    @Override
    public void send(Message message) {
        wire.send(message, zmtp);
    }

    @Override
    public void send(PeerCommand command) {
        wire.send(command, zmtp);
    }

    @Override
    public void flush() {
        if (!closed && !writeQueue.isEmpty()) {
            try {
                connection.flush();
            } catch (IOException e) {
                close("I/O error: " + e.getMessage(), false);
                return;
            }
        }
        if (!closed) {
            session.flushed();
        }
    }

    @Override
    public void pauseReading() {
        zmtp.pause();
        connection.pauseReading();
    }

    @Override
    public void resumeReading() {
        if (closed) {
            return;
        }
        zmtp.resume();
        connection.resumeReading();
    }

    @Override
    public void reject(String reason) {
        if (closed) {
            return;
        }
        owner.emit(event(MonitorEvent.Type.PEER_REJECTED, reason));
        connectionLog.log(
                System.Logger.Level.INFO,
                "PEER_REJECTED",
                "weft: refused peer {0} on {1}: {2}",
                peerAddress,
                endpoint,
                reason);
        close(reason, false);
    }

    @Override
    public void close(String reason) {
        close(reason, false);
    }

    // ---- StreamConnection.Handler. ----

    /**
     * Feeds received bytes to the ZMTP session. Called by the stream.
     *
     * @param in the read buffer
     */
    @Override
    public void received(ByteBuf in) {
        heartbeat.trafficReceived();
        try {
            decodeBatch(in);
        } catch (ZmtpException e) {
            fail(e);
        }
    }

    /**
     * Returns the octets the frame being decoded needs. Called by the stream.
     *
     * @return the pending frame body size, or 0
     */
    @Override
    public long bytesWanted() {
        return zmtp.pendingBodySize();
    }

    /**
     * Goes on writing after the channel blocked: the session's messages, and what this connection
     * queued itself (handshake commands, PING, PONG) when no session writes yet. Called by the
     * stream.
     */
    @Override
    public void writable() {
        session.connectionWritable();
        if (!closed && !connection.writeBlocked()) {
            flush();
        }
    }

    /**
     * The stream ended under us: a handshake failure before READY, a disconnect after. Called by
     * the stream.
     *
     * @param reason why
     */
    @Override
    public void ended(String reason) {
        if (!attached) {
            fail(
                    new ZmtpException(
                            ZmtpException.Condition.HANDSHAKE_INCOMPLETE,
                            reason + " after " + connection.bytesReceived() + " octets"));
        } else {
            close(reason, false);
        }
    }

    /**
     * Closes after an unexpected failure. Called by the stream.
     *
     * @param failure what was thrown
     */
    @Override
    public void failed(Throwable failure) {
        close("internal error: " + failure, true);
    }

    // ---- Reading. ----

    /**
     * Feeds what the read buffer holds to the ZMTP session, then reports the batch's readable edge,
     * if any, and sends what the session wrote (handshake commands, PONG).
     */
    private void decodeBatch(ByteBuf in) throws ZmtpException {
        try {
            zmtp.feed(in);
        } finally {
            session.endDeliveryBatch();
        }
        if (closed) {
            return;
        }
        afterHandshakeStep();
    }

    private void afterHandshakeStep() {
        if (handshakeJustCompleted) {
            handshakeJustCompleted = false;
            flush();
            if (!closed) {
                session.connectionWritable();
            }
        } else if (!connection.writeBlocked()) {
            flush();
        }
    }

    // ---- ZmtpSession.Listener and WireAdapter.Receiver: from decodeBatch. ----

    /** Attaches the peer to the session once the handshake completed. Called by the session. */
    @Override
    public void handshakeSucceeded() {
        handshakeTimer.cancel();
        boolean speaks31 = zmtp.peerSpeaks31();
        // Built once per connection; every received message points at it. What the transport
        // vouches for (an ipc peer's credentials) and the address replace what the peer sent.
        Metadata md =
                PeerAdmission.withFacts(zmtp.peerMetadata(), transportMetadata)
                        .with(Metadata.PEER_ADDRESS, peerAddress.getBytes(StandardCharsets.UTF_8));
        connectionMetadata = md;
        if (session.attach(this, zmtp.peerType(), md, endpoint, peerAddress, speaks31) == null) {
            close("socket is closing", false);
            return;
        }
        attached = true;
        handshakeJustCompleted = true;
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.HANDSHAKE_SUCCEEDED,
                        endpoint,
                        peerAddress,
                        session.routingId(),
                        zmtp.peerType() + (speaks31 ? " ZMTP/3.1" : " ZMTP/3.0")));
        if (speaks31) {
            heartbeat.start();
        }
    }

    /**
     * Stops reading until a handshake step's asynchronous answer is there, then goes on with the
     * handshake on the I/O thread. Called by the ZMTP session; the handshake timer keeps running.
     *
     * @param stage completes when the answer is there
     */
    @Override
    public void handshakeWaiting(CompletionStage<?> stage) {
        connection.pauseReading();
        stage.whenComplete((answer, failure) -> ioThread.execute(this::handshakeAnswered));
    }

    private void handshakeAnswered() {
        if (closed) {
            return;
        }
        try {
            zmtp.resumeHandshake();
        } catch (ZmtpException e) {
            fail(e);
            return;
        }
        if (closed) {
            return;
        }
        afterHandshakeStep();
        connection.resumeReading();
    }

    /**
     * Passes a received message through the wire adapter. Called by the ZMTP session.
     *
     * @param message taken over
     * @throws ZmtpException when the adapter refuses it
     */
    @Override
    public void messageReceived(Message message) throws ZmtpException {
        wire.received(message, this);
    }

    /**
     * Passes a received command through the wire adapter. Called by the ZMTP session.
     *
     * @param command the command
     * @throws ZmtpException when the adapter refuses it
     */
    @Override
    public void commandReceived(PeerCommand command) throws ZmtpException {
        wire.received(command, this);
    }

    /**
     * Notes the TTL of a peer's PING. Called by the ZMTP session.
     *
     * @param ttlDeciseconds the PING's TTL
     */
    @Override
    public void pingReceived(int ttlDeciseconds) {
        heartbeat.pingReceived(ttlDeciseconds);
    }

    /**
     * Delivers a message to the session, pausing reads when its pipe is full. Called by the wire
     * adapter.
     *
     * @param message taken over
     */
    @Override
    public void message(Message message) {
        if (singlePart && message.size() > 1) {
            refuseMultipart(message);
            return;
        }
        message.metadata(connectionMetadata);
        if (session.deliver(message)) {
            pauseReading();
        }
    }

    /**
     * Delivers a command the wire adapter passed or read from a subscription message. Called by the
     * wire adapter.
     *
     * @param command the command
     */
    @Override
    public void command(PeerCommand command) {
        session.command(command);
    }

    /**
     * A thread-safe draft type received a multipart message (RFC 41/49/51/52: "MAY disconnect a
     * peer that is sending multipart messages", as libzmq does): what this read delivered before it
     * stays readable, the message is released, and only this connection closes. Checked after the
     * wire adapter, so that a type whose wire form has several frames per message (RADIO/DISH's
     * group frame) is judged by the message it makes of them.
     */
    private void refuseMultipart(Message message) {
        int frames = message.size();
        message.close();
        session.endDeliveryBatch();
        fail(
                new ZmtpException(
                        ZmtpException.Condition.MULTIPART_NOT_ALLOWED,
                        "a message of "
                                + frames
                                + " frames (expected: 1 frame; "
                                + owner.socketType()
                                + " takes single-part messages only)"));
    }

    // ---- Heartbeats. ----

    private void sendPing(int ttlDeciseconds) {
        if (!closed) {
            zmtp.sendPing(ttlDeciseconds);
            flush();
        }
    }

    private void heartbeatExpired(String reason) {
        fail(new ZmtpException(ZmtpException.Condition.HEARTBEAT_TIMEOUT, reason));
    }

    // ---- Closing. ----

    private void fail(ZmtpException e) {
        if (closed) {
            return;
        }
        connectionLog.log(
                System.Logger.Level.WARNING,
                e.condition().name(),
                "weft: closing {0} connection from {1} on {2}: {3}",
                owner.socketType(),
                peerAddress,
                endpoint,
                e.getMessage());
        if (!attached) {
            owner.countHandshakeFailure();
        }
        // Best effort: an ERROR the handshake wrote should reach the peer before we close.
        try {
            connection.flush();
        } catch (IOException ignoredBecauseClosing) {
            LOG.log(System.Logger.Level.DEBUG, "weft: could not send ERROR to {0}", peerAddress);
        }
        close(e.getMessage(), !attached);
    }

    private void close(String reason, boolean handshakeFailed) {
        if (closed) {
            return;
        }
        closed = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        heartbeat.stop();
        connection.close();
        zmtp.close();
        MonitorEvent event =
                event(
                        attached || !handshakeFailed
                                ? MonitorEvent.Type.DISCONNECTED
                                : MonitorEvent.Type.HANDSHAKE_FAILED,
                        reason);
        session.detach(this);
        owner.emit(event);
        onClosed.accept(this);
    }

    private MonitorEvent event(MonitorEvent.Type type, String detail) {
        return new MonitorEvent(type, endpoint, peerAddress, session.routingId(), detail);
    }
}
