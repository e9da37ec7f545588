package dev.weft.core.transport;

import dev.weft.core.MonitorEvent;
import dev.weft.core.TransportException;
import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.io.Timer;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A bound stream endpoint (tcp, ipc): accepts connections and starts a {@link ZmtpConnection} for
 * each; its {@link StreamBinding} opens, names and closes the listening channel and sets accepted
 * ones up. Owned by one I/O thread; every method runs there.
 *
 * <p>Its log lines, and the protocol-error lines of the connections it accepted, go through {@link
 * LogLimiter}s of this listener: a flood of bad peers on one endpoint logs the first few lines of
 * each rule, then one summary line per rule every {@link LogLimiter#DEFAULT_INTERVAL}. Monitor
 * events and counters still see every connection.
 *
 * <p>A peer whose admission needs a lookup off the I/O thread (an ipc peer's credentials) waits,
 * counted as a live connection, until the answer is there; the listener serves its other
 * connections meanwhile, and closes such peers still waiting when it closes. A peer its binding
 * refuses (see {@link StreamBinding#accepted}) is closed before its handshake, reported as {@code
 * PEER_REJECTED}, counted in the endpoint's {@link
 * dev.weft.core.SocketStats.ListenerStats#peersRejected()} and logged through the listener's
 * limiter; the facts the binding learned of a served peer join its handshake metadata.
 *
 * <p>With {@link dev.weft.core.SocketOptions#maxConnections()} set, it stops accepting (drops its
 * accept interest) while that many of its connections are live, so new peers wait in the kernel's
 * backlog, and accepts again when one ends.
 */
public final class StreamListener implements IoHandler, Listener {
    private static final System.Logger LOG = System.getLogger(StreamListener.class.getName());

    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final TransportSite site;
    private final StreamBinding binding;
    private final Set<ZmtpConnection> engines = new LinkedHashSet<>();
    // Accepted channels whose admission is still being decided off the I/O thread.
    private final Set<SocketChannel> admitting = new HashSet<>();
    private boolean closed;
    private ServerSocketChannel server;
    private SelectionKey key;
    private String boundEndpoint;
    private LogLimiter listenerLog;
    private LogLimiter connectionLog;
    private ListenerLimit limit;

    /**
     * Binds and starts accepting. Call on the I/O thread.
     *
     * @param site the socket and its I/O thread
     * @param binding opens and names the listening channel
     * @return the listener, reported as {@code LISTENING}
     * @throws IOException when the address cannot be bound
     */
    public static StreamListener listen(TransportSite site, StreamBinding binding)
            throws IOException {
        StreamListener listener = new StreamListener(site, binding);
        listener.start();
        return listener;
    }

    /**
     * Binds and starts accepting for a socket's {@code bind}, reporting a failure as it does. Call
     * on the I/O thread.
     *
     * @param site the socket and its I/O thread
     * @param binding opens and names the listening channel
     * @param endpoint the endpoint as given to bind, for the error message
     * @param hint what the error message adds after the cause, e.g. {@code " (is the port in
     *     use?)"}, or empty
     * @return the listener, reported as {@code LISTENING}
     * @throws TransportException when the address cannot be bound, naming the endpoint and cause
     */
    public static StreamListener bind(
            TransportSite site, StreamBinding binding, String endpoint, String hint) {
        try {
            return listen(site, binding);
        } catch (IOException e) {
            throw new TransportException(
                    "bind '" + endpoint + "' failed: " + e.getMessage() + hint, e);
        }
    }

    private StreamListener(TransportSite site, StreamBinding binding) {
        this.ioThread = site.ioThread();
        this.owner = site.owner();
        this.site = site;
        this.binding = binding;
    }

    private void start() throws IOException {
        server = binding.open(owner.options());
        try {
            server.configureBlocking(false);
            key = ioThread.register(server, SelectionKey.OP_ACCEPT, this);
            started(binding.endpoint(server));
        } catch (IOException e) {
            binding.close(server);
            throw e;
        }
    }

    private void started(String concrete) {
        boundEndpoint = concrete;
        limit = new ListenerLimit(boundEndpoint, owner.options().maxConnections());
        listenerLog = LogLimiter.withDefaults(LOG, boundEndpoint);
        connectionLog =
                LogLimiter.withDefaults(
                        System.getLogger(ZmtpConnection.class.getName()), boundEndpoint);
        owner.listenerBound(limit);
        owner.emit(new MonitorEvent(MonitorEvent.Type.LISTENING, boundEndpoint, null, null, ""));
    }

    @Override
    public String endpoint() {
        return boundEndpoint;
    }

    @Override
    public boolean answersTo(String requested) {
        return binding.answersTo(requested, boundEndpoint);
    }

    @Override
    public void onReady(int readyOps) {
        for (int i = 0; i < 64 && limit.admitsMore(); i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                listenerLog.log(
                        System.Logger.Level.WARNING,
                        "ACCEPT_FAILED",
                        "weft: accept on {0} failed: {1}",
                        boundEndpoint,
                        e);
                break;
            }
            if (ch == null) {
                break;
            }
            startEngine(ch);
        }
        if (!limit.admitsMore()) {
            pauseAccepting();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        LOG.log(System.Logger.Level.ERROR, "weft: listener " + boundEndpoint + " failed", failure);
    }

    @Override
    public void close(long deadlineNs) {
        closed = true;
        for (SocketChannel ch : admitting) {
            closeQuietly(ch);
            released();
        }
        admitting.clear();
        if (key != null) {
            key.cancel();
        }
        closeServer();
        owner.listenerUnbound(limit);
        owner.emit(
                new MonitorEvent(MonitorEvent.Type.CLOSED, boundEndpoint, null, null, "unbound"));
        listenerLog.flush();
        connectionLog.flush();
        List<ZmtpConnection> closing = new ArrayList<>(engines);
        for (ZmtpConnection e : closing) {
            e.closeAfterFlush(deadlineNs);
        }
    }

    private void closeServer() {
        try {
            binding.close(server);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: closing listener {0} failed", boundEndpoint);
        }
    }

    private void pauseAccepting() {
        if (key.isValid() && key.interestOps() != 0) {
            key.interestOps(0);
            limit.paused();
        }
    }

    private void connectionEnded(ZmtpConnection engine) {
        if (engines.remove(engine)) {
            released();
        }
    }

    /** One counted connection (or waiting admission) ended: resumes accepting if it was paused. */
    private void released() {
        if (limit.connectionEnded() && !closed) {
            limit.resumed();
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    /** Closes a peer the binding refused, before any byte is exchanged; the listener goes on. */
    private void refuse(SocketChannel ch, String reason) {
        limit.peerRejected();
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.PEER_REJECTED, boundEndpoint, null, null, reason));
        listenerLog.log(
                System.Logger.Level.INFO,
                "PEER_REJECTED",
                "weft: refused peer on {0}: {1}",
                boundEndpoint,
                reason);
        closeQuietly(ch);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: close failed", e);
        }
    }

    private void startEngine(SocketChannel ch) {
        CompletableFuture<PeerAdmission> admission;
        try {
            ch.configureBlocking(false);
            admission = binding.accepted(ch, owner.options());
        } catch (IOException e) {
            startFailed(ch, e);
            return;
        }
        // Counted from now, so that peers waiting for their admission count against the limit.
        limit.connectionOpened();
        if (admission.isDone()) {
            // Decided at once (tcp): no hop through the I/O thread's queue.
            admitted(ch, admission);
            return;
        }
        admitting.add(ch);
        long limitNs = owner.options().handshakeTimeout().toNanos();
        Timer deadline =
                ioThread.schedule(
                        limitNs,
                        () -> {
                            if (admitting.remove(ch)) {
                                admissionTimedOut(ch, limitNs);
                            }
                        });
        admission.whenComplete(
                (a, f) ->
                        ioThread.execute(
                                () -> {
                                    if (admitting.remove(ch)) {
                                        deadline.cancel();
                                        admitted(ch, admission);
                                    }
                                }));
    }

    /**
     * Closes a peer whose admission (its credentials' lookup) did not end within the handshake
     * timeout, as a handshake that did not complete: the lookup may hang (a directory service that
     * does not answer), and the peer must not hold its descriptor and its place under {@code
     * maxConnections} meanwhile.
     */
    private void admissionTimedOut(SocketChannel ch, long limitNs) {
        released();
        owner.countHandshakeFailure();
        String reason =
                "peer not admitted within the handshake timeout of "
                        + TimeUnit.NANOSECONDS.toMillis(limitNs)
                        + " ms (its credentials' lookup did not end)";
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.HANDSHAKE_FAILED, boundEndpoint, null, null, reason));
        connectionLog.log(
                System.Logger.Level.WARNING,
                "ADMISSION_TIMEOUT",
                "weft: closing a peer on {0}: {1}",
                boundEndpoint,
                reason);
        closeQuietly(ch);
    }

    private void admitted(SocketChannel ch, CompletableFuture<PeerAdmission> decided) {
        PeerAdmission admission;
        try {
            admission = decided.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            released();
            startFailed(ch, cause);
            return;
        }
        if (admission.isRefused()) {
            released();
            refuse(ch, admission.refusal());
            return;
        }
        ZmtpConnection engine = null;
        try {
            engine =
                    new ZmtpConnection(
                            site,
                            ch,
                            new Session(ioThread, owner, null),
                            boundEndpoint,
                            admission.facts(),
                            this::connectionEnded,
                            connectionLog);
            engines.add(engine);
            owner.emit(
                    new MonitorEvent(
                            MonitorEvent.Type.ACCEPTED,
                            boundEndpoint,
                            engine.peerAddress(),
                            null,
                            ""));
            engine.start();
        } catch (IOException e) {
            if (engine != null) {
                logStartFailure(e);
                engine.close("cannot start: " + e.getMessage());
            } else {
                released();
                startFailed(ch, e);
            }
        }
    }

    private void startFailed(SocketChannel ch, Throwable failure) {
        logStartFailure(failure);
        closeQuietly(ch);
    }

    private void logStartFailure(Throwable failure) {
        listenerLog.log(
                System.Logger.Level.WARNING,
                "START_FAILED",
                "weft: cannot start connection on {0}: {1}",
                boundEndpoint,
                failure);
    }
}
