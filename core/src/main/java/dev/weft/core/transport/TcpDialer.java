package dev.weft.core.transport;

import dev.weft.core.Endpoint;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.MonitorEvent;
import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.Pipe;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A connected TCP endpoint: keeps one connection to it, reconnecting after a refusal or a drop with
 * exponential backoff from {@code reconnectInterval} up to {@code reconnectIntervalMax} (RFC 37
 * §Error Handling: reconnect after a short interval, growing the delay when it repeats). The
 * backoff starts again after a completed handshake.
 *
 * <p>Owned by one I/O thread; every method runs there.
 */
public final class TcpDialer implements IoHandler {
    private static final System.Logger LOG = System.getLogger(TcpDialer.class.getName());

    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final ByteBufAllocator allocator;
    private final Endpoint endpoint;
    private final String endpointText;
    private final long initialDelayNs;
    private final long maxDelayNs;
    private long nextDelayNs;
    private SocketChannel connecting;
    private ZmtpEngine engine;
    private Pipe pipe;
    private Timer retryTimer;
    private boolean closed;
    private boolean lingering;
    private long lingerDeadlineNs;
    private Timer lingerTimer;

    /**
     * Creates a dialer; {@link #start()} makes the first attempt.
     *
     * @param ioThread the owning I/O thread
     * @param owner the socket
     * @param allocator where connection buffers come from
     * @param endpoint where to connect
     */
    public TcpDialer(
            IoThread ioThread,
            ConnectionOwner owner,
            ByteBufAllocator allocator,
            Endpoint endpoint) {
        this.ioThread = ioThread;
        this.owner = owner;
        this.allocator = allocator;
        this.endpoint = endpoint;
        this.endpointText = endpoint.toString();
        this.initialDelayNs = owner.options().reconnectInterval().toNanos();
        this.maxDelayNs = owner.options().reconnectIntervalMax().toNanos();
        this.nextDelayNs = initialDelayNs;
    }

    /**
     * Makes the first connection attempt; with {@code immediate} off, first creates the pipe that
     * messages queue in until a connection exists.
     */
    public void start() {
        pipe = owner.dialerStarted(endpointText);
        attempt();
    }

    /**
     * Returns the endpoint this dialer connects to.
     *
     * @return the endpoint text as given to connect
     */
    public String endpoint() {
        return endpointText;
    }

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_CONNECT) == 0 || connecting == null) {
            return;
        }
        SocketChannel ch = connecting;
        try {
            if (ch.finishConnect()) {
                connected(ch);
            }
        } catch (IOException e) {
            connectFailed(ch, e.getMessage());
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        if (connecting != null) {
            connectFailed(connecting, "internal error: " + failure);
        }
    }

    /**
     * Stops reconnecting and closes the connection after its queued messages are written or the
     * deadline passes.
     *
     * @param deadlineNs {@link System#nanoTime()} linger deadline
     * @return the connection still closing, or null
     */
    public ZmtpEngine close(long deadlineNs) {
        closed = true;
        ZmtpEngine e = engine;
        if (e != null) {
            cancelAttempts();
            e.closeAfterFlush(deadlineNs);
            return e;
        }
        long remaining = deadlineNs - System.nanoTime();
        if (pipe != null && pipe.hasOutbound() && remaining > 0) {
            // Linger: messages wait for a connection that does not exist yet; keep trying to
            // deliver them until the deadline, and make the socket's close wait for that.
            lingering = true;
            lingerDeadlineNs = deadlineNs;
            owner.connectionOpened();
            lingerTimer = ioThread.schedule(remaining, this::lingerExpired);
            return null;
        }
        cancelAttempts();
        stopPipe();
        return null;
    }

    /**
     * Returns the live connection.
     *
     * @return the engine, or null while not connected
     */
    public ZmtpEngine engine() {
        return engine;
    }

    private void attempt() {
        if (closed && !lingering) {
            return;
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connecting = ch;
            if (ch.connect(endpoint.connectAddress())) {
                connected(ch);
            } else {
                ioThread.register(ch, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException | InvalidEndpointException e) {
            if (ch != null) {
                connectFailed(ch, e.getMessage());
            } else {
                scheduleRetry("cannot open a channel: " + e.getMessage());
            }
        }
    }

    private void connected(SocketChannel ch) {
        connecting = null;
        ZmtpEngine e =
                new ZmtpEngine(
                        ioThread, ch, owner, endpointText, allocator, pipe, this::engineClosed);
        engine = e;
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.CONNECTED, endpointText, e.peerAddress(), null, ""));
        try {
            e.start();
            if (lingering) {
                e.closeAfterFlush(lingerDeadlineNs);
            }
        } catch (IOException ex) {
            e.closeNow("cannot start: " + ex.getMessage());
        }
    }

    private void engineClosed(ZmtpEngine e) {
        if (engine == e) {
            engine = null;
        }
        if (closed) {
            if (lingering && !e.handshakeCompleted() && pipe != null && pipe.hasOutbound()) {
                scheduleRetry("connection ended while lingering");
                return;
            }
            endLinger();
            stopPipe();
            return;
        }
        if (e.handshakeCompleted()) {
            nextDelayNs = initialDelayNs;
        }
        scheduleRetry("connection ended");
    }

    private void connectFailed(SocketChannel ch, String reason) {
        closeQuietly(ch);
        if (connecting == ch) {
            connecting = null;
        }
        scheduleRetry("connect failed: " + reason);
    }

    private void scheduleRetry(String reason) {
        if (closed && !lingering) {
            return;
        }
        long delay = nextDelayNs;
        nextDelayNs = Math.min(maxDelayNs, nextDelayNs * 2);
        owner.countReconnect();
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.CONNECT_RETRIED,
                        endpointText,
                        null,
                        null,
                        reason + "; retry in " + Duration.ofNanos(delay).toMillis() + " ms"));
        retryTimer = ioThread.schedule(delay, this::attempt);
    }

    private void lingerExpired() {
        if (!lingering) {
            return;
        }
        endLinger();
        cancelAttempts();
        ZmtpEngine e = engine;
        if (e != null) {
            e.closeNow("linger expired");
        } else {
            stopPipe();
        }
    }

    private void endLinger() {
        if (lingering) {
            lingering = false;
            if (lingerTimer != null) {
                lingerTimer.cancel();
            }
            owner.connectionEnded(null);
        }
    }

    private void cancelAttempts() {
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        if (connecting != null) {
            closeQuietly(connecting);
            connecting = null;
        }
    }

    private void stopPipe() {
        if (pipe != null) {
            owner.dialerStopped(pipe);
            pipe = null;
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: close failed", e);
        }
    }
}
