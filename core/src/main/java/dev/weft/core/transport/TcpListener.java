package dev.weft.core.transport;

import dev.weft.core.Endpoint;
import dev.weft.core.MonitorEvent;
import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A bound TCP endpoint: accepts connections and starts a {@link ZmtpEngine} for each. Owned by one
 * I/O thread; every method runs there.
 *
 * <p>Its log lines, and the protocol-error lines of the connections it accepted, go through {@link
 * LogLimiter}s of this listener: a flood of bad peers on one endpoint logs the first few lines of
 * each rule, then one summary line per rule every {@link LogLimiter#DEFAULT_INTERVAL}. Monitor
 * events and counters still see every connection.
 *
 * <p>With {@link dev.weft.core.SocketOptions#maxConnections()} set, it stops accepting (drops its
 * accept interest) while that many of its connections are live, so new peers wait in the kernel's
 * backlog, and accepts again when one ends.
 */
public final class TcpListener implements IoHandler {
    private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());

    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final ByteBufAllocator allocator;
    private final Set<ZmtpEngine> engines = new LinkedHashSet<>();
    private ServerSocketChannel server;
    private SelectionKey key;
    private String boundEndpoint;
    private LogLimiter listenerLog;
    private LogLimiter connectionLog;
    private ListenerLimit limit;
    private boolean inherited;

    /**
     * Creates a listener; {@link #bind} opens it.
     *
     * @param ioThread the owning I/O thread
     * @param owner the socket
     * @param allocator where connection buffers come from
     */
    public TcpListener(IoThread ioThread, ConnectionOwner owner, ByteBufAllocator allocator) {
        this.ioThread = ioThread;
        this.owner = owner;
        this.allocator = allocator;
    }

    /**
     * Binds and starts accepting. Call on the I/O thread.
     *
     * @param endpoint what to bind
     * @param address the endpoint's address, its host already looked up (never on this thread)
     * @return the concrete bound endpoint (ephemeral port resolved)
     * @throws IOException when the address cannot be bound
     */
    public String bind(Endpoint endpoint, InetSocketAddress address) throws IOException {
        server = ServerSocketChannel.open();
        try {
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            applyReusePort();
            server.bind(address, 128);
            key = ioThread.register(server, SelectionKey.OP_ACCEPT, this);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
        Endpoint concrete =
                endpoint.isWildcardHost()
                        ? new Endpoint(Endpoint.TCP, "0.0.0.0", local.getPort())
                        : new Endpoint(Endpoint.TCP, endpoint.host(), local.getPort());
        return started(concrete);
    }

    /**
     * Starts accepting on a listening socket that is already bound, such as the one a service
     * manager handed this process ({@code tcp://inherited}). Call on the I/O thread.
     *
     * @param listening the bound, listening channel, held open by {@link InheritedChannels} for the
     *     life of the process: {@link #close} stops accepting on it and closes its connections but
     *     leaves it open (see {@link InheritedChannels} for why)
     * @return the concrete bound endpoint, e.g. {@code tcp://127.0.0.1:5555}
     * @throws IOException when the channel cannot be registered
     */
    public String bindInherited(ServerSocketChannel listening) throws IOException {
        server = listening;
        server.configureBlocking(false);
        key = ioThread.register(server, SelectionKey.OP_ACCEPT, this);
        inherited = true;
        return started(Endpoint.of((InetSocketAddress) server.getLocalAddress()));
    }

    /**
     * Tells whether this listener accepts on an inherited socket ({@link #bindInherited}).
     *
     * @return true for {@code tcp://inherited}
     */
    public boolean isInherited() {
        return inherited;
    }

    private String started(Endpoint concrete) {
        boundEndpoint = concrete.toString();
        limit = new ListenerLimit(boundEndpoint, owner.options().maxConnections());
        listenerLog = LogLimiter.withDefaults(LOG, boundEndpoint);
        connectionLog =
                LogLimiter.withDefaults(
                        System.getLogger(ZmtpEngine.class.getName()), boundEndpoint);
        owner.listenerBound(limit);
        owner.emit(new MonitorEvent(MonitorEvent.Type.LISTENING, boundEndpoint, null, null, ""));
        return boundEndpoint;
    }

    /**
     * Returns the concrete bound endpoint.
     *
     * @return e.g. {@code tcp://127.0.0.1:40111}
     */
    public String endpoint() {
        return boundEndpoint;
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

    /**
     * Stops accepting and closes the connections accepted here, after their queued messages are
     * written or the deadline passes.
     *
     * @param deadlineNs {@link System#nanoTime()} linger deadline
     * @return the connections still closing (each calls back when done)
     */
    public List<ZmtpEngine> close(long deadlineNs) {
        if (key != null) {
            key.cancel();
        }
        closeServer();
        owner.listenerUnbound(limit);
        owner.emit(
                new MonitorEvent(MonitorEvent.Type.CLOSED, boundEndpoint, null, null, "unbound"));
        listenerLog.flush();
        connectionLog.flush();
        List<ZmtpEngine> closing = new ArrayList<>(engines);
        for (ZmtpEngine e : closing) {
            e.closeAfterFlush(deadlineNs);
        }
        return closing;
    }

    /**
     * Returns the connections currently open on this endpoint.
     *
     * @return a snapshot
     */
    public List<ZmtpEngine> engines() {
        return new ArrayList<>(engines);
    }

    private void closeServer() {
        if (inherited) {
            // Closing the JDK's inherited channel also points standard output and error at
            // /dev/null (its inetd convention), losing a service's log lines: the process keeps
            // it open, deregistered, as a service manager with Accept=no keeps its own copy.
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: closing listener {0} failed", boundEndpoint);
        }
    }

    private void applyReusePort() throws IOException {
        if (!owner.options().reusePort()) {
            return;
        }
        if (!server.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            throw new IOException(
                    "reusePort: SO_REUSEPORT is not supported on this platform"
                            + " (expected: Linux, BSD or macOS)");
        }
        server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    }

    private void pauseAccepting() {
        if (key.isValid() && key.interestOps() != 0) {
            key.interestOps(0);
            limit.paused();
        }
    }

    private void connectionEnded(ZmtpEngine engine) {
        if (engines.remove(engine) && limit.connectionEnded()) {
            limit.resumed();
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    private void startEngine(SocketChannel ch) {
        ZmtpEngine engine = null;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            TcpKeepalive.apply(ch, owner.options());
            engine =
                    new ZmtpEngine(
                            ioThread,
                            ch,
                            owner,
                            boundEndpoint,
                            allocator,
                            null,
                            this::connectionEnded,
                            connectionLog);
            engines.add(engine);
            limit.connectionOpened();
            owner.emit(
                    new MonitorEvent(
                            MonitorEvent.Type.ACCEPTED,
                            boundEndpoint,
                            engine.peerAddress(),
                            null,
                            ""));
            engine.start();
        } catch (IOException e) {
            listenerLog.log(
                    System.Logger.Level.WARNING,
                    "START_FAILED",
                    "weft: cannot start connection on {0}: {1}",
                    boundEndpoint,
                    e);
            if (engine != null) {
                engine.closeNow("cannot start: " + e.getMessage());
            } else {
                try {
                    ch.close();
                } catch (IOException again) {
                    LOG.log(System.Logger.Level.DEBUG, "weft: close failed", again);
                }
            }
        }
    }
}
