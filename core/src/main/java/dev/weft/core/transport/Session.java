package dev.weft.core.transport;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.SharedMessage;

/**
 * The peer's side of one connected endpoint or accepted connection (libzmq's session): the only
 * place that ties a pipe to the connection under it. It attaches the pipe when the connection's
 * handshake completes, delivers received messages into it (pausing the connection while it is
 * full), moves queued messages and commands from it to the connection, detaches it when the
 * connection ends, and ends the linger.
 *
 * <p>A session of a connected endpoint outlives its connections: with {@code immediate} off its
 * pipe exists from {@code connect()} on, keeps what is queued across reconnects and is given to
 * each new connection. A session of an accepted connection lives as long as that connection, and
 * its pipe is made at the handshake.
 *
 * <p>Owned by one I/O thread; the {@link PipeEngine} methods may be called from any thread and only
 * schedule work there.
 */
public final class Session implements PipeEngine {
    // At most this much is encoded per turn, so one busy pipe does not starve the I/O thread's
    // other
    // connections.
    private static final long MAX_BATCH_BYTES = 256 * 1024;

    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final Pipe persistentPipe;
    // Made once: handing work to the I/O thread on every edge allocates nothing new.
    private final Runnable writeTask = this::writeOutbound;
    private final Runnable resumeTask = this::resumeReading;

    private WireConnection connection;
    private Pipe pipe;
    private long lingerDeadlineNs = -1;
    private Timer lingerTimer;
    private boolean stopped;

    /**
     * Creates a session.
     *
     * @param ioThread the owning I/O thread
     * @param owner the socket
     * @param persistentPipe the pipe of a connected endpoint that queues across reconnects (made by
     *     {@link ConnectionOwner#dialerStarted}), or null for a pipe per connection, made at its
     *     handshake
     */
    public Session(IoThread ioThread, ConnectionOwner owner, Pipe persistentPipe) {
        this.ioThread = ioThread;
        this.owner = owner;
        this.persistentPipe = persistentPipe;
    }

    // ---- The connection's side: I/O thread. ----

    /**
     * The connection under this session completed its handshake: binds its pipe to it.
     *
     * @param c the connection
     * @param peerType the validated peer type
     * @param metadata the connection's metadata (the peer's properties and the transport's)
     * @param endpoint the endpoint the connection belongs to
     * @param peerAddress the remote address
     * @param speaks31 whether the peer negotiated ZMTP 3.1
     * @return the pipe, or null when the socket is closing and the connection must end
     */
    Pipe attach(
            WireConnection c,
            SocketType peerType,
            Metadata metadata,
            String endpoint,
            String peerAddress,
            boolean speaks31) {
        if (persistentPipe != null) {
            persistentPipe.bind(this, peerType, metadata, peerAddress, speaks31);
            if (!owner.pipeReconnected(persistentPipe)) {
                persistentPipe.unbind(this);
                return null;
            }
            pipe = persistentPipe;
        } else {
            pipe = owner.connectionReady(this, peerType, metadata, speaks31, endpoint, peerAddress);
            if (pipe == null) {
                return null;
            }
        }
        connection = c;
        return pipe;
    }

    /**
     * Delivers a received message.
     *
     * @param message taken over
     * @return true when the pipe is full: the connection must stop reading until told to resume
     */
    boolean deliver(Message message) {
        return pipe.deliverInBatch(message);
    }

    /** Ends a read's batch of deliveries: the socket hears of a readable edge once per batch. */
    void endDeliveryBatch() {
        if (pipe != null) {
            pipe.endDeliveryBatch();
        }
    }

    /**
     * Passes a pattern command from the peer to the socket.
     *
     * @param command the command
     */
    void command(PeerCommand command) {
        owner.commandReceived(pipe, command);
    }

    /** The connection can take output again (its handshake completed, or its channel drained). */
    void connectionWritable() {
        writeOutbound();
    }

    /** The connection wrote what it could: a lingering session may now be done. */
    void flushed() {
        checkLingerDone();
    }

    /**
     * The connection ended: detaches the pipe (a persistent one keeps its queue for the next
     * connection) and tells the socket, exactly once per connection.
     *
     * @param c the connection that ended
     */
    void detach(WireConnection c) {
        if (lingerTimer != null) {
            lingerTimer.cancel();
            lingerTimer = null;
        }
        if (connection != c || pipe == null) {
            owner.connectionEnded(null);
            return;
        }
        connection = null;
        Pipe ended = pipe;
        pipe = null;
        // A connection closed from inside a read batch (a protocol error after some messages)
        // has not reported that batch's readable edge yet; the socket must still hear of it.
        ended.endDeliveryBatch();
        if (ended.isPersistent()) {
            ended.unbind(this);
            owner.connectionEnded(null);
        } else {
            ended.connectionClosed();
            owner.connectionEnded(ended);
        }
    }

    /**
     * Returns the routing id of the attached pipe, for monitor events.
     *
     * @return the id, or null before the handshake
     */
    byte[] routingId() {
        return pipe == null ? null : pipe.routingId();
    }

    // ---- The owner's side: I/O thread. ----

    /**
     * Lingers: the connection closes once what is queued is written or the deadline passes,
     * whichever comes first; with nothing queued it closes now.
     *
     * @param c the connection under this session, attached or still in its handshake
     * @param deadlineNs {@link System#nanoTime()} deadline
     */
    public void closeAfterFlush(WireConnection c, long deadlineNs) {
        lingerDeadlineNs = deadlineNs;
        if (!hasPendingOutput()) {
            c.close("socket closed");
            return;
        }
        long delay = deadlineNs - System.nanoTime();
        lingerTimer = ioThread.schedule(Math.max(0, delay), () -> c.close("linger expired"));
        writeOutbound();
    }

    /**
     * Tells whether messages wait in this session's pipe.
     *
     * @return true when the pipe (attached or persistent) holds outbound messages
     */
    public boolean hasQueued() {
        Pipe queued = pipe != null ? pipe : persistentPipe;
        return queued != null && queued.hasOutbound();
    }

    /**
     * The connected endpoint stops for good: its persistent pipe is detached from the socket,
     * releasing what is still queued. No effect for a session of an accepted connection, or when
     * called again.
     */
    public void stop() {
        if (persistentPipe != null && !stopped) {
            stopped = true;
            owner.dialerStopped(persistentPipe);
        }
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
                    if (connection != null) {
                        connection.reject(reason);
                    }
                });
    }

    // ---- Moving messages: I/O thread. ----

    private void resumeReading() {
        if (connection != null) {
            connection.resumeReading();
        }
    }

    private void writeOutbound() {
        WireConnection c = connection;
        if (c == null || !c.canWrite()) {
            return;
        }
        boolean drained = false;
        while (c.pendingBytes() < MAX_BATCH_BYTES) {
            Object next = pipe.nextOutbound();
            if (next == null) {
                // The queue marked us idle: the next message written will wake us.
                drained = true;
                break;
            }
            if (next instanceof Message m) {
                try {
                    c.send(m);
                } finally {
                    m.close();
                }
            } else if (next instanceof SharedMessage shared) {
                try {
                    c.send(shared.message());
                } finally {
                    shared.release();
                }
            } else {
                c.send((PeerCommand) next);
            }
        }
        c.flush();
        checkLingerDone();
        if (!drained && connection == c && c.canWrite()) {
            // Stopped at the batch limit without seeing the queue empty, so nobody will wake us:
            // continue after the other connections of this I/O thread had a turn.
            ioThread.execute(writeTask);
        }
    }

    private void checkLingerDone() {
        if (lingerDeadlineNs >= 0 && connection != null && !hasPendingOutput()) {
            connection.close("socket closed");
        }
    }

    private boolean hasPendingOutput() {
        return (connection != null && connection.pendingBytes() > 0) || hasQueued();
    }
}
