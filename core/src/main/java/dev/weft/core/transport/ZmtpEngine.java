package dev.weft.core.transport;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.SharedMessage;
import dev.weft.core.session.WireAdapter;
import dev.weft.core.session.ZmtpSession;
import dev.weft.core.transport.stream.StreamConnection;
import dev.weft.core.transport.stream.WriteQueue;
import dev.weft.core.zmtp.NullMechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Drives one ZMTP connection: feeds the bytes its {@link StreamConnection} reads to the pure {@link
 * ZmtpSession}, moves the session's messages and commands to and from the connection's {@link Pipe}
 * through the socket type's {@link WireAdapter}, has the stream write what the session queued, runs
 * the handshake timer and heartbeats, and lingers on close.
 *
 * <p>Owned by one I/O thread; the {@link PipeEngine} methods may be called from any thread and only
 * schedule work there. A protocol error closes only this connection, with a monitor event naming
 * the peer and the broken rule, and one log line through the {@link LogLimiter} the connection
 * shares with the other connections of its listener (so a flood of bad peers logs a few lines per
 * rule and then a summary per interval).
 */
public final class ZmtpEngine
        implements StreamConnection.Handler,
                PipeEngine,
                ZmtpSession.Listener,
                WireAdapter.Receiver {
    private static final System.Logger LOG = System.getLogger(ZmtpEngine.class.getName());

    private static final long MAX_BATCH_BYTES = 256 * 1024;

    private final IoThread ioThread;
    private final StreamConnection connection;
    private final ConnectionOwner owner;
    private final String endpoint;
    private final String peerAddress;
    private final Consumer<ZmtpEngine> onClosed;
    private final LogLimiter connectionLog;
    private final SocketOptions options;
    private final ZmtpSession session;
    private final WireAdapter wire;
    private final WriteQueue writeQueue;
    private final Heartbeat heartbeat;
    // Made once: handing work to the I/O thread on every edge allocates nothing new.
    private final Runnable writeTask = this::writeOutbound;
    private final Runnable resumeTask = this::resumeReading;

    private Pipe pipe;
    private Metadata connectionMetadata;
    private final Pipe persistentPipe;
    private final Metadata transportFacts;
    private Timer handshakeTimer;
    private boolean closed;
    private boolean handshakeDone;
    private boolean handshakeJustCompleted;
    private long lingerDeadlineNs = -1;
    private Timer lingerTimer;

    /**
     * Creates an engine that logs protocol errors through a limiter shared with the other
     * connections of its listener or dialer; call {@link #start()} on the I/O thread next.
     *
     * @param ioThread the owning I/O thread
     * @param channel a connected, non-blocking channel
     * @param owner the socket
     * @param endpoint the endpoint the connection belongs to
     * @param allocator where buffers come from
     * @param persistentPipe the pipe this connection binds to after its handshake, or null for a
     *     pipe of its own
     * @param transportFacts what the transport vouches for about the peer (an ipc peer's user and
     *     group), added to the peer's handshake metadata, replacing properties of the same names
     * @param onClosed run on the I/O thread once the connection has ended
     * @param connectionLog where this connection's error and refusal lines go; used on the I/O
     *     thread only, with the logger of this class
     */
    public ZmtpEngine(
            IoThread ioThread,
            SocketChannel channel,
            ConnectionOwner owner,
            String endpoint,
            ByteBufAllocator allocator,
            Pipe persistentPipe,
            Metadata transportFacts,
            Consumer<ZmtpEngine> onClosed,
            LogLimiter connectionLog) {
        this.connectionLog = connectionLog;
        this.ioThread = ioThread;
        this.connection = new StreamConnection(ioThread, channel, allocator);
        this.owner = owner;
        this.endpoint = endpoint;
        this.peerAddress = connection.peerAddress();
        this.onClosed = onClosed;
        this.persistentPipe = persistentPipe;
        this.transportFacts = transportFacts;
        this.options = owner.options();
        this.wire = WireAdapter.forSocketType(owner.socketType());
        this.writeQueue = connection.writeQueue();
        this.session =
                new ZmtpSession(
                        new NullMechanism(owner.handshakeMetadata()),
                        owner.socketType(),
                        options.maxMessageSize(),
                        allocator,
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
        session.start();
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
     * Tells whether this connection completed its handshake at some point.
     *
     * @return true once the peer was attached to the socket
     */
    public boolean handshakeCompleted() {
        return handshakeDone;
    }

    /**
     * Tells whether this connection has ended.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    // ---- PipeEngine: any thread. ----

    @Override
    public void outboundReady() {
        ioThread.execute(writeTask);
    }

    @Override
    public void inboundDrained() {
        ioThread.execute(resumeTask);
    }

    @Override
    public void reject(String reason) {
        ioThread.execute(
                () -> {
                    owner.emit(event(MonitorEvent.Type.PEER_REJECTED, reason));
                    connectionLog.log(
                            System.Logger.Level.INFO,
                            "PEER_REJECTED",
                            "weft: refused peer {0} on {1}: {2}",
                            peerAddress,
                            endpoint,
                            reason);
                    close(reason, false);
                });
    }

    // ---- StreamConnection.Handler: I/O thread. ----

    /**
     * Feeds received bytes to the session. Called by the connection.
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
     * Returns the octets the frame being decoded needs. Called by the connection.
     *
     * @return the pending frame body size, or 0
     */
    @Override
    public long bytesWanted() {
        return session.pendingBodySize();
    }

    /** Goes on writing after the channel blocked. Called by the connection. */
    @Override
    public void writable() {
        writeOutbound();
    }

    /**
     * The stream ended under us: a handshake failure before READY, a disconnect after. Called by
     * the connection.
     *
     * @param reason why
     */
    @Override
    public void ended(String reason) {
        if (pipe == null) {
            fail(
                    new ZmtpException(
                            ZmtpException.Condition.HANDSHAKE_INCOMPLETE,
                            reason + " after " + connection.bytesReceived() + " octets"));
        } else {
            close(reason, false);
        }
    }

    /**
     * Closes after an unexpected failure. Called by the connection.
     *
     * @param failure what was thrown
     */
    @Override
    public void failed(Throwable failure) {
        close("internal error: " + failure, true);
    }

    /**
     * Closes the connection once queued messages are written or the deadline passes, whichever
     * comes first (linger). Call on the I/O thread.
     *
     * @param deadlineNs {@link System#nanoTime()} deadline
     */
    public void closeAfterFlush(long deadlineNs) {
        if (closed) {
            return;
        }
        lingerDeadlineNs = deadlineNs;
        if (!hasPendingOutput()) {
            close("socket closed", false);
            return;
        }
        long delay = deadlineNs - System.nanoTime();
        lingerTimer = ioThread.schedule(Math.max(0, delay), () -> close("linger expired", false));
        writeOutbound();
    }

    /**
     * Closes the connection now. Call on the I/O thread. Idempotent.
     *
     * @param reason why, for the monitor event
     */
    public void closeNow(String reason) {
        close(reason, false);
    }

    // ---- Reading. ----

    /**
     * Feeds what the read buffer holds to the session, then reports the batch's readable edge, if
     * any, and sends what the session wrote (handshake commands, PONG).
     */
    private void decodeBatch(ByteBuf in) throws ZmtpException {
        try {
            session.feed(in);
        } finally {
            if (pipe != null) {
                pipe.endDeliveryBatch();
            }
        }
        if (closed) {
            return;
        }
        if (handshakeJustCompleted) {
            handshakeJustCompleted = false;
            flush();
            writeOutbound();
        } else if (!connection.writeBlocked()) {
            flush();
        }
    }

    // ---- ZmtpSession.Listener and WireAdapter.Receiver: I/O thread, from decodeBatch. ----

    /** Binds the connection to its pipe once the handshake completed. Called by the session. */
    @Override
    public void handshakeSucceeded() {
        handshakeTimer.cancel();
        boolean speaks31 = session.peerSpeaks31();
        // Built once per connection; every received message points at it. What the transport
        // vouches for (an ipc peer's credentials) and the address replace what the peer sent.
        connectionMetadata =
                PeerAdmission.withFacts(session.peerMetadata(), transportFacts)
                        .with(Metadata.PEER_ADDRESS, peerAddress.getBytes(StandardCharsets.UTF_8));
        if (persistentPipe != null) {
            persistentPipe.bind(
                    this, session.peerType(), connectionMetadata, peerAddress, speaks31);
            if (!owner.pipeReconnected(persistentPipe)) {
                persistentPipe.unbind(this);
                close("socket is closing", false);
                return;
            }
            pipe = persistentPipe;
        } else {
            pipe =
                    owner.connectionReady(
                            this,
                            session.peerType(),
                            connectionMetadata,
                            speaks31,
                            endpoint,
                            peerAddress);
            if (pipe == null) {
                close("socket is closing", false);
                return;
            }
        }
        handshakeDone = true;
        handshakeJustCompleted = true;
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.HANDSHAKE_SUCCEEDED,
                        endpoint,
                        peerAddress,
                        pipe.routingId(),
                        session.peerType() + (speaks31 ? " ZMTP/3.1" : " ZMTP/3.0")));
        if (speaks31) {
            heartbeat.start();
        }
    }

    /**
     * Stops reading until a handshake step's asynchronous answer is there, then goes on with the
     * handshake on the I/O thread. Called by the session; the handshake timer keeps running.
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
            session.resumeHandshake();
        } catch (ZmtpException e) {
            fail(e);
            return;
        }
        if (closed) {
            return;
        }
        if (handshakeJustCompleted) {
            handshakeJustCompleted = false;
            flush();
            writeOutbound();
        } else {
            flush();
        }
        connection.resumeReading();
    }

    /**
     * Passes a received message through the wire adapter. Called by the session.
     *
     * @param message taken over
     */
    @Override
    public void messageReceived(Message message) {
        wire.received(message, this);
    }

    /**
     * Passes a received command to the socket. Called by the session.
     *
     * @param command the command
     */
    @Override
    public void commandReceived(PeerCommand command) {
        owner.commandReceived(pipe, command);
    }

    /**
     * Notes the TTL of a peer's PING. Called by the session.
     *
     * @param ttlDeciseconds the PING's TTL
     */
    @Override
    public void pingReceived(int ttlDeciseconds) {
        heartbeat.pingReceived(ttlDeciseconds);
    }

    /**
     * Delivers a message to the pipe, pausing reads when the pipe is full. Called by the wire
     * adapter.
     *
     * @param message taken over
     */
    @Override
    public void message(Message message) {
        message.metadata(connectionMetadata);
        if (pipe.deliverInBatch(message)) {
            pauseReading();
        }
    }

    /**
     * Delivers a command read from a subscription message. Called by the wire adapter.
     *
     * @param command the command
     */
    @Override
    public void command(PeerCommand command) {
        owner.commandReceived(pipe, command);
    }

    private void pauseReading() {
        session.pause();
        connection.pauseReading();
    }

    private void resumeReading() {
        if (closed) {
            return;
        }
        session.resume();
        connection.resumeReading();
    }

    // ---- Writing. ----

    private void writeOutbound() {
        if (closed || pipe == null || connection.writeBlocked()) {
            return;
        }
        boolean drained = false;
        while (writeQueue.pendingBytes() < MAX_BATCH_BYTES) {
            Object next = pipe.nextOutbound();
            if (next == null) {
                // The queue marked us idle: the next message written will wake us.
                drained = true;
                break;
            }
            if (next instanceof Message m) {
                try {
                    session.send(m);
                } finally {
                    m.close();
                }
            } else if (next instanceof SharedMessage shared) {
                try {
                    session.send(shared.message());
                } finally {
                    shared.release();
                }
            } else {
                wire.send((PeerCommand) next, session);
            }
        }
        flush();
        if (!drained && !connection.writeBlocked() && !closed) {
            // Stopped at the batch limit without seeing the queue empty, so nobody will wake us:
            // continue after the other connections of this I/O thread had a turn.
            ioThread.execute(writeTask);
        }
    }

    private void sendPing(int ttlDeciseconds) {
        if (!closed) {
            session.sendPing(ttlDeciseconds);
            flush();
        }
    }

    private void heartbeatExpired(String reason) {
        fail(new ZmtpException(ZmtpException.Condition.HEARTBEAT_TIMEOUT, reason));
    }

    private void flush() {
        if (closed || writeQueue.isEmpty()) {
            checkLingerDone();
            return;
        }
        try {
            connection.flush();
        } catch (IOException e) {
            close("I/O error: " + e.getMessage(), false);
            return;
        }
        checkLingerDone();
    }

    private void checkLingerDone() {
        if (lingerDeadlineNs >= 0 && !closed && !hasPendingOutput()) {
            close("socket closed", false);
        }
    }

    private boolean hasPendingOutput() {
        Pipe queued = pipe != null ? pipe : persistentPipe;
        return !writeQueue.isEmpty() || (queued != null && queued.hasOutbound());
    }

    // ---- Closing. ----

    private void fail(ZmtpException e) {
        if (closed) {
            return;
        }
        boolean handshakeDone = pipe != null;
        connectionLog.log(
                System.Logger.Level.WARNING,
                e.condition().name(),
                "weft: closing {0} connection from {1} on {2}: {3}",
                owner.socketType(),
                peerAddress,
                endpoint,
                e.getMessage());
        if (!handshakeDone) {
            owner.countHandshakeFailure();
        }
        // Best effort: an ERROR the handshake wrote should reach the peer before we close.
        try {
            connection.flush();
        } catch (IOException ignoredBecauseClosing) {
            LOG.log(System.Logger.Level.DEBUG, "weft: could not send ERROR to {0}", peerAddress);
        }
        close(e.getMessage(), !handshakeDone);
    }

    private void close(String reason, boolean handshakeFailed) {
        if (closed) {
            return;
        }
        closed = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        heartbeat.stop();
        connection.close();
        session.close();
        MonitorEvent.Type type;
        if (pipe != null) {
            if (pipe.isPersistent()) {
                // Queued messages wait in the pipe for the next connection.
                pipe.unbind(this);
                owner.connectionEnded(null);
            } else {
                pipe.connectionClosed();
                owner.connectionEnded(pipe);
            }
            type = MonitorEvent.Type.DISCONNECTED;
        } else {
            owner.connectionEnded(null);
            type =
                    handshakeFailed
                            ? MonitorEvent.Type.HANDSHAKE_FAILED
                            : MonitorEvent.Type.DISCONNECTED;
        }
        owner.emit(event(type, reason));
        onClosed.accept(this);
    }

    private MonitorEvent event(MonitorEvent.Type type, String detail) {
        return new MonitorEvent(
                type, endpoint, peerAddress, pipe == null ? null : pipe.routingId(), detail);
    }
}
