package dev.weft.core.transport;

import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.SharedMessage;
import dev.weft.core.session.WireAdapter;
import dev.weft.core.session.ZmtpSession;
import dev.weft.core.zmtp.Command;
import dev.weft.core.zmtp.NullMechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * Drives one ZMTP connection over a stream channel: reads into its buffer and feeds the pure {@link
 * ZmtpSession}, moves the session's messages and commands to and from the connection's {@link Pipe}
 * through the socket type's {@link WireAdapter}, writes what the session queued, runs the handshake
 * timer and heartbeats, and lingers on close.
 *
 * <p>Owned by one I/O thread; the {@link PipeEngine} methods may be called from any thread and only
 * schedule work there. A protocol error closes only this connection, with a monitor event naming
 * the peer and the broken rule, and one log line through the {@link LogLimiter} the connection
 * shares with the other connections of its listener (so a flood of bad peers logs a few lines per
 * rule and then a summary per interval).
 */
public final class ZmtpEngine
        implements IoHandler, PipeEngine, ZmtpSession.Listener, WireAdapter.Receiver {
    private static final System.Logger LOG = System.getLogger(ZmtpEngine.class.getName());

    /** Read buffer of a quiet connection, borrowed from the pool for a read event. */
    private static final int MIN_READ_BUFFER = 64 * 1024;

    /** Read buffer of a busy connection (one whose reads fill the buffer); released when idle. */
    private static final int MAX_READ_BUFFER = 256 * 1024;

    /** Less room than this left in the read buffer: make room before reading. */
    private static final int MIN_READ_SPACE = 4 * 1024;

    private static final int MAX_READS_PER_EVENT = 16;
    private static final long MAX_BATCH_BYTES = 256 * 1024;

    private final IoThread ioThread;
    private final SocketChannel channel;
    private final ConnectionOwner owner;
    private final String endpoint;
    private final String peerAddress;
    private final Consumer<ZmtpEngine> onClosed;
    private final LogLimiter connectionLog;
    private final ByteBufAllocator allocator;
    private final SocketOptions options;
    private final ZmtpSession session;
    private final WireAdapter wire;
    private final WriteQueue writeQueue;
    private final Heartbeat heartbeat;
    // Made once: handing work to the I/O thread on every edge allocates nothing new.
    private final Runnable writeTask = this::writeOutbound;
    private final Runnable resumeTask = this::resumeReading;

    private SelectionKey key;
    private ByteBuf readBuffer;
    private int readSize = MIN_READ_BUFFER;
    private int lastRead;
    private Pipe pipe;
    private final Pipe persistentPipe;
    private Timer handshakeTimer;
    private boolean readPaused;
    private boolean writeBlocked;
    private boolean closed;
    private boolean handshakeDone;
    private boolean handshakeJustCompleted;
    private long bytesReceived;
    private long lingerDeadlineNs = -1;
    private Timer lingerTimer;

    /**
     * Creates an engine for a connected channel, with a log limiter of its own (a dialer's
     * connections come one at a time); call {@link #start()} on the I/O thread next.
     *
     * @param ioThread the owning I/O thread
     * @param channel a connected, non-blocking channel
     * @param owner the socket
     * @param endpoint the endpoint the connection belongs to
     * @param allocator where buffers come from
     * @param persistentPipe the pipe this connection binds to after its handshake, or null for a
     *     pipe of its own
     * @param onClosed run on the I/O thread once the connection has ended
     */
    public ZmtpEngine(
            IoThread ioThread,
            SocketChannel channel,
            ConnectionOwner owner,
            String endpoint,
            ByteBufAllocator allocator,
            Pipe persistentPipe,
            Consumer<ZmtpEngine> onClosed) {
        this(
                ioThread,
                channel,
                owner,
                endpoint,
                allocator,
                persistentPipe,
                onClosed,
                LogLimiter.withDefaults(LOG, endpoint));
    }

    /**
     * Creates an engine that logs protocol errors through a limiter shared with other connections
     * (those of one listener); call {@link #start()} on the I/O thread next.
     *
     * @param ioThread the owning I/O thread
     * @param channel a connected, non-blocking channel
     * @param owner the socket
     * @param endpoint the endpoint the connection belongs to
     * @param allocator where buffers come from
     * @param persistentPipe the pipe this connection binds to after its handshake, or null for a
     *     pipe of its own
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
            Consumer<ZmtpEngine> onClosed,
            LogLimiter connectionLog) {
        this.connectionLog = connectionLog;
        this.ioThread = ioThread;
        this.channel = channel;
        this.owner = owner;
        this.endpoint = endpoint;
        this.peerAddress = describeRemote(channel);
        this.onClosed = onClosed;
        this.persistentPipe = persistentPipe;
        this.allocator = allocator;
        this.options = owner.options();
        this.wire = WireAdapter.forSocketType(owner.socketType());
        this.writeQueue = new WriteQueue(allocator);
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
        key = ioThread.register(channel, SelectionKey.OP_READ, this);
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

    // ---- IoHandler: I/O thread. ----

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            writeBlocked = false;
            writeOutbound();
        }
        if (!closed && (readyOps & SelectionKey.OP_READ) != 0) {
            readAvailable();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
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

    private void readAvailable() {
        try {
            for (int i = 0; i < MAX_READS_PER_EVENT && !closed && !readPaused; i++) {
                ensureReadSpace();
                int space = readBuffer.writableBytes();
                int n = readBuffer.writeBytes(channel, space);
                // Grow while reads fill the buffer; shrink again once the connection goes quiet.
                if (n == space) {
                    readSize = MAX_READ_BUFFER;
                }
                lastRead = n;
                if (n < 0) {
                    peerClosed("peer closed the connection");
                    return;
                }
                bytesReceived += n;
                if (n == 0) {
                    break;
                }
                heartbeat.trafficReceived();
                decodeBatch();
            }
            releaseReadBufferIfIdle();
        } catch (ZmtpException e) {
            fail(e);
        } catch (IOException e) {
            peerClosed("I/O error: " + e.getMessage());
        }
    }

    /** The connection ended under us: a handshake failure before READY, a disconnect after. */
    private void peerClosed(String reason) {
        if (pipe == null) {
            fail(
                    new ZmtpException(
                            ZmtpException.Condition.HANDSHAKE_INCOMPLETE,
                            reason + " after " + bytesReceived + " octets"));
        } else {
            close(reason, false);
        }
    }

    private void ensureReadSpace() {
        long needed = session.pendingBodySize() + 9;
        int want = (int) Math.max(readSize, Math.min(needed, Integer.MAX_VALUE - 16));
        if (readBuffer == null) {
            readBuffer = allocator.directBuffer(want);
            return;
        }
        if (readBuffer.writableBytes() >= MIN_READ_SPACE && readBuffer.capacity() >= want) {
            return;
        }
        if (readBuffer.refCnt() == 1
                && readBuffer.readerIndex() > 0
                && readBuffer.capacity() >= want) {
            readBuffer.discardReadBytes();
            if (readBuffer.writableBytes() >= MIN_READ_SPACE) {
                return;
            }
        }
        // Slices of the old buffer may still be alive: move the unread tail to a fresh buffer.
        ByteBuf next =
                allocator.directBuffer(Math.max(want, readBuffer.readableBytes() + readSize));
        next.writeBytes(readBuffer);
        readBuffer.release();
        readBuffer = next;
    }

    /**
     * Gives the read buffer back to the pool once everything in it was decoded, so that an idle
     * connection holds no read buffer (the next read event borrows a new one); a buffer that still
     * holds part of a frame stays.
     */
    private void releaseReadBufferIfIdle() {
        if (readBuffer != null && !readBuffer.isReadable()) {
            if (lastRead < MIN_READ_BUFFER / 2) {
                readSize = MIN_READ_BUFFER;
            }
            readBuffer.release();
            readBuffer = null;
        }
    }

    /**
     * Feeds what the read buffer holds to the session, then reports the batch's readable edge, if
     * any, and sends what the session wrote (handshake commands, PONG).
     */
    private void decodeBatch() throws ZmtpException {
        try {
            session.feed(readBuffer);
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
        } else if (!writeBlocked) {
            flush();
        }
    }

    // ---- ZmtpSession.Listener and WireAdapter.Receiver: I/O thread, from decodeBatch. ----

    /** Binds the connection to its pipe once the handshake completed. Called by the session. */
    @Override
    public void handshakeSucceeded() {
        handshakeTimer.cancel();
        boolean speaks31 = session.peerSpeaks31();
        if (persistentPipe != null) {
            persistentPipe.bind(
                    this, session.peerType(), session.peerMetadata(), peerAddress, speaks31);
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
                            session.peerMetadata(),
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
    public void commandReceived(Command command) {
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
    public void command(Command command) {
        owner.commandReceived(pipe, command);
    }

    private void pauseReading() {
        readPaused = true;
        session.pause();
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    private void resumeReading() {
        if (closed || !readPaused) {
            return;
        }
        readPaused = false;
        session.resume();
        key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        // Bytes already buffered may hold whole messages: decode them now.
        if (readBuffer != null && readBuffer.isReadable()) {
            try {
                decodeBatch();
            } catch (ZmtpException e) {
                fail(e);
                return;
            }
        }
        if (!closed && !readPaused) {
            releaseReadBufferIfIdle();
        }
    }

    // ---- Writing. ----

    private void writeOutbound() {
        if (closed || pipe == null || writeBlocked) {
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
                wire.send((Command) next, session);
            }
        }
        flush();
        if (!drained && !writeBlocked && !closed) {
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
            boolean all = writeQueue.writeTo(channel);
            if (!all && !writeBlocked) {
                writeBlocked = true;
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            } else if (all && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
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
            writeQueue.writeTo(channel);
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
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: closing channel to {0} failed", peerAddress);
        }
        writeQueue.releaseAll();
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
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

    private static String describeRemote(SocketChannel channel) {
        try {
            Object a = channel.getRemoteAddress();
            if (a instanceof java.net.InetSocketAddress inet) {
                String host = inet.getAddress().getHostAddress();
                return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
            }
            return String.valueOf(a);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
