package dev.weft.core.transport;

import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.ReconnectStop;
import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.Pipe;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A connected stream endpoint (tcp, ipc): keeps one connection to it, reconnecting after a refusal
 * or a drop (RFC 37 §Error Handling). Like libzmq, it retries every {@code reconnectInterval} by
 * default; with {@code reconnectIntervalMax} set, the delay doubles with each failed attempt up to
 * that maximum, each delay drawn within ±{@value #JITTER_PERCENT}% of the doubled value (never
 * below the interval nor above the maximum), and a completed handshake starts the doubling again.
 *
 * <p>Its {@link StreamTarget} finds the address again on every attempt: a tcp host name is looked
 * up by the context's resolver off the I/O thread (a slow lookup stalls no other connection), an IP
 * address literal or a path is used as it is, with no hop. A failed lookup is retried like a
 * refused connection, with a {@code CONNECT_RETRIED} event naming the reason.
 *
 * <p>What the target learns of a connected peer by a lookup that may block (an ipc listener's
 * credentials) is looked up off the I/O thread too; the handshake starts when it is there.
 *
 * <p>With {@code connectTimeout} set, a connect still pending after it is abandoned and retried.
 * With {@code reconnectStop} conditions set, the dialer gives up when one occurs: it reports {@code
 * RECONNECT_STOPPED}, releases its queue as {@code disconnect()} does and tells its socket it has
 * stopped.
 *
 * <p>Owned by one I/O thread; every method runs there.
 */
public final class StreamDialer implements IoHandler, Dialer {
    private static final System.Logger LOG = System.getLogger(StreamDialer.class.getName());

    /** How far a backoff delay may stray from the doubled value, in percent, either way. */
    static final int JITTER_PERCENT = 20;

    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final TransportSite site;
    private final StreamTarget target;
    private final String endpointText;
    private final long intervalNs;
    // 0: a fixed interval, no backoff.
    private final long maxIntervalNs;
    private final Set<ReconnectStop> stopConditions;
    // 0: the operating system's limit.
    private final long connectTimeoutNs;
    private final Consumer<Dialer> gaveUp;
    // Shared by every connection of this endpoint, so a peer that fails each reconnect the same
    // way logs the first few lines and then summaries, as a listener's connections do.
    private final LogLimiter connectionLog;
    private Timer connectTimer;
    // Seeded per dialer, so that the dialers of many clients do not draw the same delays.
    private final SplittableRandom jitter = new SplittableRandom();
    private long backoffNs;
    // Bumped when attempts are cancelled: a lookup that completes later is then ignored.
    private long attemptGeneration;
    private SocketChannel connecting;
    private ZmtpConnection engine;
    private Session session;
    private Timer retryTimer;
    private boolean closed;
    private boolean lingering;
    private long lingerDeadlineNs;
    private Timer lingerTimer;

    /**
     * Creates a dialer; {@link #start} makes the first attempt.
     *
     * @param site the socket and its I/O thread
     * @param target where to connect and how to open a channel
     * @param gaveUp told, on the I/O thread, when a {@code reconnectStop} condition ended this
     *     dialer: the endpoint is no longer connected
     */
    public StreamDialer(TransportSite site, StreamTarget target, Consumer<Dialer> gaveUp) {
        this.site = site;
        this.ioThread = site.ioThread();
        this.owner = site.owner();
        this.target = target;
        this.endpointText = target.endpoint();
        this.intervalNs = owner.options().reconnectInterval().toNanos();
        this.maxIntervalNs = owner.options().reconnectIntervalMax().toNanos();
        this.backoffNs = intervalNs;
        this.stopConditions = owner.options().reconnectStop();
        this.connectTimeoutNs = owner.options().connectTimeout().toNanos();
        this.gaveUp = gaveUp;
        this.connectionLog =
                LogLimiter.withDefaults(
                        System.getLogger(ZmtpConnection.class.getName()), endpointText);
    }

    @Override
    public void start(Pipe queue) {
        session = new Session(ioThread, owner, queue);
        attempt();
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
            connectError(ch, e);
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        if (connecting != null) {
            connectFailed(connecting, "internal error: " + failure);
        }
    }

    @Override
    public void close(long deadlineNs) {
        closed = true;
        connectionLog.flush();
        ZmtpConnection e = engine;
        if (e != null) {
            cancelAttempts();
            e.closeAfterFlush(deadlineNs);
            return;
        }
        long remaining = deadlineNs - System.nanoTime();
        if (session.hasQueued() && remaining > 0) {
            // Linger: messages wait for a connection that does not exist yet; keep trying to
            // deliver them until the deadline, and make the socket's close wait for that.
            lingering = true;
            lingerDeadlineNs = deadlineNs;
            owner.connectionOpened();
            lingerTimer = ioThread.schedule(remaining, this::lingerExpired);
            return;
        }
        cancelAttempts();
        stopPipe();
    }

    /**
     * Stops for {@code disconnect()}: as {@link #close}, except that with {@link
     * ReconnectStop#AFTER_DISCONNECT} no connection is made for what is still queued.
     *
     * @param deadlineNs {@link System#nanoTime()} linger deadline
     */
    @Override
    public void disconnect(long deadlineNs) {
        if (stopConditions.contains(ReconnectStop.AFTER_DISCONNECT)) {
            // Deadline now for messages without a connection; a live one still flushes.
            close(engine != null ? deadlineNs : System.nanoTime());
            return;
        }
        close(deadlineNs);
    }

    private void attempt() {
        if (closed && !lingering) {
            return;
        }
        CompletableFuture<SocketAddress> address = target.address(site);
        if (address.isDone()) {
            // Nothing to look up: no hop through the I/O thread's queue.
            resolved(attemptGeneration, address);
            return;
        }
        long generation = attemptGeneration;
        address.whenComplete((a, f) -> ioThread.execute(() -> resolved(generation, address)));
    }

    private void resolved(long generation, CompletableFuture<SocketAddress> address) {
        if (generation != attemptGeneration || (closed && !lingering)) {
            return;
        }
        SocketAddress resolved;
        try {
            resolved = address.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            scheduleRetry(cause.getMessage() != null ? cause.getMessage() : cause.toString());
            return;
        }
        connectTo(resolved);
    }

    private void connectTo(SocketAddress address) {
        SocketChannel ch;
        try {
            ch = target.open(owner.options());
        } catch (IOException e) {
            scheduleRetry("cannot open a channel: " + reasonOf(e));
            return;
        }
        connecting = ch;
        try {
            if (ch.connect(address)) {
                connected(ch);
            } else {
                ioThread.register(ch, SelectionKey.OP_CONNECT, this);
                armConnectTimer(ch);
            }
        } catch (IOException e) {
            // The target tells a refusal: tcp's ConnectException, or ipc's missing socket file.
            connectError(ch, e);
        } catch (UnsupportedAddressTypeException e) {
            // A resolver's answer this channel cannot connect to.
            connectFailed(ch, reasonOf(e));
        }
    }

    private static String reasonOf(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private void connected(SocketChannel ch) {
        disarmConnectTimer();
        CompletableFuture<Metadata> facts = target.connected(ch);
        if (facts.isDone()) {
            // Nothing to look up (tcp): no hop through the I/O thread's queue.
            examined(ch, facts);
            return;
        }
        // The channel stays in connecting, so that close or a failure closes it meanwhile; no
        // more readiness is wanted from it until the connection registers it again.
        try {
            ioThread.register(ch, 0, this);
        } catch (IOException ex) {
            connectFailed(ch, reasonOf(ex));
            return;
        }
        long generation = attemptGeneration;
        // A lookup that hangs must not hold the endpoint: past the handshake timeout the attempt
        // fails and is retried like a handshake that did not complete.
        long limitNs = owner.options().handshakeTimeout().toNanos();
        connectTimer =
                ioThread.schedule(
                        limitNs,
                        () -> {
                            if (generation == attemptGeneration && connecting == ch) {
                                connectFailed(
                                        ch,
                                        "the connection was not examined within the handshake"
                                                + " timeout of "
                                                + Duration.ofNanos(limitNs).toMillis()
                                                + " ms (its peer's credentials' lookup did not"
                                                + " end)");
                            }
                        });
        facts.whenComplete(
                (m, f) ->
                        ioThread.execute(
                                () -> {
                                    if (generation == attemptGeneration && connecting == ch) {
                                        examined(ch, facts);
                                    }
                                }));
    }

    private void examined(SocketChannel ch, CompletableFuture<Metadata> examined) {
        connecting = null;
        disarmConnectTimer();
        Metadata facts;
        try {
            facts = examined.join();
        } catch (CompletionException | CancellationException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            connectFailed(
                    ch,
                    "cannot examine the connection: "
                            + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
            return;
        }
        ZmtpConnection e =
                new ZmtpConnection(
                        site, ch, session, endpointText, facts, this::engineClosed, connectionLog);
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
            e.close("cannot start: " + ex.getMessage());
        }
    }

    private void engineClosed(ZmtpConnection e) {
        if (engine == e) {
            engine = null;
        }
        if (closed) {
            if (lingering && !e.handshakeCompleted() && session.hasQueued()) {
                scheduleRetry("connection ended while lingering");
                return;
            }
            endLinger();
            stopPipe();
            return;
        }
        if (e.handshakeCompleted()) {
            backoffNs = intervalNs;
        } else if (stopConditions.contains(ReconnectStop.HANDSHAKE_FAILED)) {
            stopReconnecting(ReconnectStop.HANDSHAKE_FAILED, "connection ended during handshake");
            return;
        }
        scheduleRetry("connection ended");
    }

    private void connectError(SocketChannel ch, IOException e) {
        if (target.isRefusal(e) && stopConditions.contains(ReconnectStop.CONNECTION_REFUSED)) {
            closeQuietly(ch);
            if (connecting == ch) {
                connecting = null;
            }
            disarmConnectTimer();
            stopReconnecting(ReconnectStop.CONNECTION_REFUSED, "connect failed: " + e.getMessage());
            return;
        }
        connectFailed(ch, reasonOf(e));
    }

    private void armConnectTimer(SocketChannel ch) {
        if (connectTimeoutNs > 0) {
            connectTimer =
                    ioThread.schedule(
                            connectTimeoutNs,
                            () -> {
                                if (connecting == ch) {
                                    connectFailed(
                                            ch,
                                            "connect timed out after "
                                                    + Duration.ofNanos(connectTimeoutNs).toMillis()
                                                    + " ms");
                                }
                            });
        }
    }

    private void disarmConnectTimer() {
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
    }

    /**
     * Gives the endpoint up for a {@code reconnectStop} condition: nothing more is attempted, the
     * queue is released as by {@code disconnect()}, and the socket forgets the endpoint.
     */
    private void stopReconnecting(ReconnectStop condition, String reason) {
        boolean wasConnected = !closed;
        closed = true;
        cancelAttempts();
        endLinger();
        stopPipe();
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.RECONNECT_STOPPED,
                        endpointText,
                        null,
                        null,
                        condition + ": " + reason));
        connectionLog.flush();
        if (wasConnected) {
            gaveUp.accept(this);
        }
    }

    private void connectFailed(SocketChannel ch, String reason) {
        disarmConnectTimer();
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
        long delay = nextDelayNs();
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

    /** The delay before the next attempt: the interval, or the next step of the backoff. */
    private long nextDelayNs() {
        if (maxIntervalNs == 0) {
            return intervalNs;
        }
        long base = backoffNs;
        backoffNs = base > maxIntervalNs / 2 ? maxIntervalNs : base * 2;
        long spread = base / 100 * JITTER_PERCENT;
        long drawn = base - spread + jitter.nextLong(2 * spread + 1);
        return Math.max(intervalNs, Math.min(maxIntervalNs, drawn));
    }

    private void lingerExpired() {
        if (!lingering) {
            return;
        }
        endLinger();
        cancelAttempts();
        ZmtpConnection e = engine;
        if (e != null) {
            e.close("linger expired");
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
        attemptGeneration++;
        disarmConnectTimer();
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        if (connecting != null) {
            closeQuietly(connecting);
            connecting = null;
        }
    }

    private void stopPipe() {
        session.stop();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: close failed", e);
        }
    }
}
