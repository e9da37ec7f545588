package dev.weft.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fault-injecting TCP proxy to put between two sockets: it listens on an ephemeral port of {@code
 * 127.0.0.1}, forwards every connection to a target, and breaks the path on demand.
 *
 * <pre>{@code
 * String routerEndpoint = router.bind(TestEndpoints.tcp());
 * try (FaultProxy proxy = FaultProxy.start(routerEndpoint)) {
 *     dealer.connect(proxy.endpoint());
 *     WeftAwait.awaitConnected(dealer);
 *     proxy.latency(Duration.ofMillis(50));   // every byte now takes 50 ms longer each way
 *     proxy.dropConnections();                // the DEALER sees a disconnect and reconnects
 * }
 * }</pre>
 *
 * <h2>Faults</h2>
 *
 * Each can be changed at any time, from any thread, and applies to current and new connections. The
 * direction-less forms apply to both {@link Direction}s.
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: each chunk of bytes is written no earlier than the latency
 *       after it was read, like a long cable: latency delays bytes but does not lower throughput.
 *   <li>{@link #bandwidth(long)}: at most that many bytes per second, paced in 20 ms slices.
 *   <li>{@link #pause()} / {@link #resume()}: a partition. Nothing is read or written, connections
 *       stay open, new connections are accepted but forward nothing; senders fill their kernel
 *       buffers and then feel back-pressure. The proxy's own sockets have small receive buffers (64
 *       KiB) so that this comes soon.
 *   <li>{@link #dropConnections()}: closes both sides of every current connection (FIN).
 *   <li>{@link #resetConnections()}: resets both sides of every current connection (RST, via {@code
 *       SO_LINGER} 0).
 *   <li>{@link #refuseConnections(boolean)}: new connections are reset as soon as they are
 *       accepted, so the client sees its connection reset right after connecting. (A real
 *       "connection refused" would need the port closed, and it could not be taken back safely.)
 * </ul>
 *
 * <p>The proxy does not parse what it forwards: any TCP protocol works.
 *
 * <h2>Threads</h2>
 *
 * One thread accepts ({@code weft-fault-proxy-PORT-accept}) and two forward each connection ({@code
 * weft-fault-proxy-PORT-N-to-target}, {@code ...-to-client}); their names start with {@code weft-}
 * so that {@link WeftExtension} reports a proxy that was not closed. Every thread blocks at most 50
 * ms at a time between checks. {@link #close()} stops them all within {@link #CLOSE_TIMEOUT}.
 * Thread-safe.
 */
public final class FaultProxy implements AutoCloseable {
    /** The longest {@link #close()} waits for the proxy's threads to end. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    /** How long the proxy waits for its connection to the target before resetting the client. */
    public static final Duration TARGET_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());
    private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;
    private static final int BACKLOG = 50;
    private static final long ACCEPT_ERROR_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(10);

    /** A direction of traffic through the proxy. */
    public enum Direction {
        /** From the client that connected to the proxy, to the target. */
        TO_TARGET,
        /** From the target back to the client. */
        TO_CLIENT
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final String endpoint;
    private final LinkFaults toTarget = new LinkFaults();
    private final LinkFaults toClient = new LinkFaults();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger nextConnectionId = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean refusing;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        this.endpoint = "tcp://127.0.0.1:" + listener.getLocalPort();
        this.acceptor = new Thread(this::acceptLoop, threadPrefix() + "accept");
        acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy to a target endpoint.
     *
     * @param targetEndpoint a concrete TCP endpoint, e.g. what {@code bind(TestEndpoints.tcp())}
     *     returned
     * @return the running proxy; connect to {@link #endpoint()}
     * @throws IllegalArgumentException when the endpoint is not {@code tcp://host:port}
     * @throws UncheckedIOException when no local port can be bound
     */
    public static FaultProxy start(String targetEndpoint) {
        InetSocketAddress parsed = TestEndpoints.address(targetEndpoint);
        return start(new InetSocketAddress(parsed.getHostString(), parsed.getPort()));
    }

    /**
     * Starts a proxy to a target address.
     *
     * @param target the address to forward to; resolved now if it is not yet
     * @return the running proxy; connect to {@link #endpoint()}
     * @throws IllegalArgumentException when the target cannot be resolved
     * @throws UncheckedIOException when no local port can be bound
     */
    public static FaultProxy start(InetSocketAddress target) {
        InetSocketAddress resolved =
                target.isUnresolved()
                        ? new InetSocketAddress(target.getHostString(), target.getPort())
                        : target;
        if (resolved.isUnresolved()) {
            throw new IllegalArgumentException(
                    "target: " + target + " (expected: a host name that resolves)");
        }
        ServerSocket listener = null;
        try {
            listener = new ServerSocket();
            listener.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            listener.bind(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
                    BACKLOG);
        } catch (IOException e) {
            closeQuietly(listener);
            throw new UncheckedIOException("FaultProxy: cannot listen on 127.0.0.1", e);
        }
        FaultProxy proxy = new FaultProxy(listener, resolved);
        proxy.acceptor.start();
        return proxy;
    }

    // ---- Where it is. ----

    /**
     * Returns the endpoint to connect Weft sockets to.
     *
     * @return {@code tcp://127.0.0.1:PORT}
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Returns the local port the proxy listens on.
     *
     * @return the ephemeral port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Returns where the proxy forwards to.
     *
     * @return the resolved target address
     */
    public InetSocketAddress target() {
        return target;
    }

    // ---- Faults. ----

    /**
     * Delays every byte by the latency, in both directions.
     *
     * @param latency zero for none
     * @return this proxy
     * @throws IllegalArgumentException when negative
     */
    public FaultProxy latency(Duration latency) {
        latency(Direction.TO_TARGET, latency);
        return latency(Direction.TO_CLIENT, latency);
    }

    /**
     * Delays every byte of one direction by the latency; applies to bytes read from now on.
     *
     * @param direction the direction
     * @param latency zero for none
     * @return this proxy
     * @throws IllegalArgumentException when negative
     */
    public FaultProxy latency(Direction direction, Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException(
                    "latency: " + latency + " (expected: a duration >= 0)");
        }
        faults(direction).latencyNs(latency.toNanos());
        return this;
    }

    /**
     * Caps the bandwidth of each direction (of each connection).
     *
     * @param bytesPerSecond the cap, or 0 for none
     * @return this proxy
     * @throws IllegalArgumentException when negative
     */
    public FaultProxy bandwidth(long bytesPerSecond) {
        bandwidth(Direction.TO_TARGET, bytesPerSecond);
        return bandwidth(Direction.TO_CLIENT, bytesPerSecond);
    }

    /**
     * Caps the bandwidth of one direction (of each connection).
     *
     * @param direction the direction
     * @param bytesPerSecond the cap, or 0 for none
     * @return this proxy
     * @throws IllegalArgumentException when negative
     */
    public FaultProxy bandwidth(Direction direction, long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException(
                    "bytesPerSecond: " + bytesPerSecond + " (expected: >= 0, 0 for no cap)");
        }
        faults(direction).bytesPerSecond(bytesPerSecond);
        return this;
    }

    /**
     * Stops forwarding in both directions without closing anything: a network partition.
     *
     * @return this proxy
     */
    public FaultProxy pause() {
        pause(Direction.TO_TARGET);
        return pause(Direction.TO_CLIENT);
    }

    /**
     * Stops forwarding in one direction without closing anything.
     *
     * @param direction the direction
     * @return this proxy
     */
    public FaultProxy pause(Direction direction) {
        faults(direction).paused(true);
        return this;
    }

    /**
     * Resumes forwarding in both directions; bytes held meanwhile flow on.
     *
     * @return this proxy
     */
    public FaultProxy resume() {
        resume(Direction.TO_TARGET);
        return resume(Direction.TO_CLIENT);
    }

    /**
     * Resumes forwarding in one direction.
     *
     * @param direction the direction
     * @return this proxy
     */
    public FaultProxy resume(Direction direction) {
        faults(direction).paused(false);
        return this;
    }

    /**
     * Tells whether a direction is paused.
     *
     * @param direction the direction
     * @return true while paused
     */
    public boolean isPaused(Direction direction) {
        return faults(direction).paused();
    }

    /**
     * Resets every new connection as soon as it is accepted, or stops doing so.
     *
     * @param refuse true to refuse new connections; current ones are left alone
     * @return this proxy
     */
    public FaultProxy refuseConnections(boolean refuse) {
        this.refusing = refuse;
        return this;
    }

    /**
     * Closes both sides of every current connection with an orderly close (FIN). New connections
     * are accepted as before.
     *
     * @return how many connections were closed
     */
    public int dropConnections() {
        return closeAll(false);
    }

    /**
     * Resets both sides of every current connection (RST). New connections are accepted as before.
     *
     * @return how many connections were reset
     */
    public int resetConnections() {
        return closeAll(true);
    }

    /**
     * Removes every fault: no latency, no bandwidth cap, not paused, not refusing.
     *
     * @return this proxy
     */
    public FaultProxy clearFaults() {
        toTarget.clear();
        toClient.clear();
        refusing = false;
        return this;
    }

    // ---- Counters. ----

    /**
     * Returns the number of connections being forwarded now.
     *
     * @return open connections
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Returns the number of connections accepted since the start, refused ones included.
     *
     * @return accepted connections
     */
    public long acceptedCount() {
        return accepted.get();
    }

    /**
     * Stops listening, closes every connection and waits up to {@link #CLOSE_TIMEOUT} for the
     * proxy's threads to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadlineNs = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        closeQuietly(listener);
        boolean ended = join(acceptor, deadlineNs);
        List<ProxiedConnection> open = new ArrayList<>(connections);
        for (ProxiedConnection c : open) {
            c.close(false);
        }
        for (ProxiedConnection c : open) {
            ended &= c.join(deadlineNs);
        }
        if (!ended) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "weft-testkit: FaultProxy " + endpoint + " threads did not end in time");
        }
    }

    @Override
    public String toString() {
        return "FaultProxy["
                + endpoint
                + " -> "
                + target
                + ", to target: "
                + toTarget
                + ", to client: "
                + toClient
                + (refusing ? ", refusing" : "")
                + ", connections="
                + connections.size()
                + "]";
    }

    // ---- Internals. ----

    private LinkFaults faults(Direction direction) {
        return direction == Direction.TO_TARGET ? toTarget : toClient;
    }

    private String threadPrefix() {
        return "weft-fault-proxy-" + listener.getLocalPort() + "-";
    }

    private int closeAll(boolean reset) {
        int n = 0;
        for (ProxiedConnection c : new ArrayList<>(connections)) {
            if (c.close(reset)) {
                n++;
            }
        }
        return n;
    }

    void connectionClosed(ProxiedConnection connection) {
        connections.remove(connection);
    }

    /** Runs until the listener is closed; each turn blocks in accept or a bounded connect. */
    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.DEBUG, "weft-testkit: accept failed: " + e);
                    LockSupport.parkNanos(ACCEPT_ERROR_PAUSE_NS);
                }
                continue;
            }
            accepted.incrementAndGet();
            if (refusing) {
                ProxiedConnection.closeSocket(client, true);
                continue;
            }
            Socket upstream = connectToTarget();
            if (upstream == null) {
                ProxiedConnection.closeSocket(client, true);
                continue;
            }
            forward(client, upstream);
        }
    }

    private Socket connectToTarget() {
        Socket upstream = new Socket();
        try {
            upstream.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            upstream.connect(target, (int) TARGET_CONNECT_TIMEOUT.toMillis());
            upstream.setTcpNoDelay(true);
            return upstream;
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "weft-testkit: cannot connect to the target " + target + ": " + e);
            closeQuietly(upstream);
            return null;
        }
    }

    private void forward(Socket client, Socket upstream) {
        try {
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft-testkit: TCP_NODELAY failed: " + e);
        }
        ProxiedConnection c =
                new ProxiedConnection(
                        this,
                        threadPrefix() + nextConnectionId.incrementAndGet(),
                        client,
                        upstream,
                        toTarget,
                        toClient);
        connections.add(c);
        if (closed) {
            // close() may have taken its snapshot before this connection was added.
            c.close(false);
            return;
        }
        c.start();
    }

    static boolean join(Thread thread, long deadlineNs) {
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
        if (remainingMs > 0) {
            try {
                thread.join(remainingMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return !thread.isAlive();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "weft-testkit: close failed: " + e);
        }
    }
}
