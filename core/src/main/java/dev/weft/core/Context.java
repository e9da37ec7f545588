package dev.weft.core;

import dev.weft.core.io.IoThread;
import dev.weft.core.transport.Transports;
import dev.weft.core.transport.inproc.InprocTransport;
import dev.weft.core.transport.ipc.IpcTransport;
import dev.weft.core.transport.tcp.TcpTransport;
import dev.weft.core.transport.udp.UdpTransport;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the I/O threads that every socket created in it shares, and closes its sockets when closed.
 *
 * <p>Thread-safe. {@link #close()} closes every socket still open and waits for their linger, like
 * libzmq's {@code zmq_ctx_term}: a socket's own {@code close()} returns at once and delivers what
 * it still queues in the background, on its I/O thread, until that is done or its linger ends; the
 * context's close waits for those deliveries, never much longer than the largest linger among its
 * sockets, then stops the I/O threads. It returns even when application threads still use those
 * sockets (they then get {@link SocketClosedException}).
 *
 * <p>Host names of connected endpoints are looked up by the context's {@link HostResolver} on at
 * most {@value #RESOLVER_THREADS} resolver threads of its own (started when first needed), never on
 * an I/O thread. The credentials of {@code ipc://} peers, which the JDK names from the system's
 * user and group databases, are read on the same threads, by the context's {@link
 * PeerCredentialsSource}.
 */
public final class Context implements AutoCloseable {
    /** Most host-name and peer-credential lookups one context runs at once. */
    public static final int RESOLVER_THREADS = 2;

    private static final System.Logger LOG = System.getLogger(Context.class.getName());
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    /** Time given beyond the largest linger for the I/O threads to end the last deliveries. */
    private static final long CLOSE_MARGIN_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private static final long IO_THREAD_STOP_MS = 5_000;
    private static final long RESOLVER_IDLE_SECONDS = 10;
    private static final long RESOLVER_STOP_MS = 100;

    private final IoThread[] ioThreads;
    private final ByteBufAllocator allocator;
    private final HostResolver hostResolver;
    private final ThreadPoolExecutor resolverThreads;
    private final Transports transports;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition socketsEnded = lock.newCondition();
    // Each open or still lingering socket, with its linger.
    private final Map<AutoCloseable, Duration> sockets = new LinkedHashMap<>();
    private final AtomicInteger nextThread = new AtomicInteger();
    private boolean closed;

    private Context(
            int ioThreadCount,
            ByteBufAllocator allocator,
            HostResolver hostResolver,
            PeerCredentialsSource peerCredentials) {
        int id = CONTEXTS.incrementAndGet();
        this.ioThreads = new IoThread[ioThreadCount];
        for (int i = 0; i < ioThreadCount; i++) {
            ioThreads[i] = new IoThread("weft-io-" + id + "-" + i);
        }
        this.allocator = allocator;
        this.hostResolver = hostResolver;
        AtomicInteger resolverCount = new AtomicInteger();
        this.resolverThreads =
                new ThreadPoolExecutor(
                        RESOLVER_THREADS,
                        RESOLVER_THREADS,
                        RESOLVER_IDLE_SECONDS,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread t =
                                    new Thread(
                                            task,
                                            "weft-resolver-"
                                                    + id
                                                    + "-"
                                                    + resolverCount.getAndIncrement());
                            t.setDaemon(true);
                            return t;
                        });
        this.resolverThreads.allowCoreThreadTimeOut(true);
        this.transports =
                new Transports(
                        new TcpTransport(),
                        new IpcTransport(resolverThreads, peerCredentials),
                        new InprocTransport(),
                        new UdpTransport());
    }

    /**
     * Creates a context with one I/O thread.
     *
     * @return a new context
     */
    public static Context create() {
        return builder().build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Picks the I/O thread for a new socket (round robin). Internal: used by the socket core.
     *
     * @return an I/O thread of this context
     * @throws SocketClosedException when the context is closed
     */
    public IoThread nextIoThread() {
        lock.lock();
        try {
            if (closed) {
                throw new SocketClosedException(
                        "context is closed (create sockets before closing the context)");
            }
        } finally {
            lock.unlock();
        }
        return ioThreads[Math.floorMod(nextThread.getAndIncrement(), ioThreads.length)];
    }

    /**
     * Returns the transports this context's sockets bind and connect with, by scheme. Internal:
     * used by the socket core.
     *
     * @return the transports
     */
    public Transports transports() {
        return transports;
    }

    /**
     * Returns the buffer allocator shared by this context's sockets.
     *
     * @return a pooled allocator
     */
    public ByteBufAllocator allocator() {
        return allocator;
    }

    /**
     * Looks a host name up with this context's {@link HostResolver} on a resolver thread, never on
     * the caller's. Internal: used by dialers, which call it from their I/O thread.
     *
     * @param host a host name (not an IP address literal)
     * @return completes with the address, or exceptionally with {@link UnknownHostException} when
     *     the name cannot be resolved or with {@link RejectedExecutionException} once the context
     *     is closed
     */
    public CompletableFuture<InetAddress> resolve(String host) {
        CompletableFuture<InetAddress> result = new CompletableFuture<>();
        try {
            resolverThreads.execute(() -> lookUp(host, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void lookUp(String host, CompletableFuture<InetAddress> result) {
        try {
            InetAddress address = hostResolver.resolve(host);
            if (address == null) {
                throw new UnknownHostException(host + ": the host resolver returned no address");
            }
            result.complete(address);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * Tracks a socket so that {@link #close()} closes it and waits for its linger. Internal: called
     * by the socket core.
     *
     * @param socket something whose {@code close()} starts closing and returns at once; it calls
     *     {@link #unregister} once it has ended
     * @param linger the longest the socket goes on delivering after its close
     * @throws SocketClosedException when the context is closed
     */
    public void register(AutoCloseable socket, Duration linger) {
        lock.lock();
        try {
            if (closed) {
                throw new SocketClosedException("context is closed (cannot create a socket in it)");
            }
            sockets.put(socket, linger);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops tracking a socket that has ended: closed, and its linger over. Internal: called by the
     * socket core, on any thread.
     *
     * @param socket the socket
     */
    public void unregister(AutoCloseable socket) {
        lock.lock();
        try {
            sockets.remove(socket);
            if (sockets.isEmpty()) {
                socketsEnded.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the failures the context's I/O threads caught so far: a task, timer or connection
     * handler that threw. Each was logged, only the connection concerned was closed, and the thread
     * kept serving every other socket; a count above zero means a bug worth reporting.
     *
     * @return the failures caught on all of this context's I/O threads
     */
    public long ioFailures() {
        long sum = 0;
        for (IoThread t : ioThreads) {
            sum += t.failures();
        }
        return sum;
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return true once closing started
     */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes every open socket, waits until each has delivered what it queued or its linger ended
     * (sockets closed earlier and still lingering included), then stops the I/O threads and the
     * resolver threads. Returns within the largest linger among the sockets plus a small margin;
     * afterwards every socket's {@link SocketStats} is final. Idempotent.
     */
    @Override
    public void close() {
        long startNs = System.nanoTime();
        List<AutoCloseable> open;
        long lingerNs = 0;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(sockets.keySet());
            for (Duration linger : sockets.values()) {
                lingerNs = Math.max(lingerNs, linger.toNanos());
            }
        } finally {
            lock.unlock();
        }
        for (AutoCloseable s : open) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "weft: closing a socket failed", e);
            }
        }
        boolean onIoThread = onIoThread();
        if (!onIoThread) {
            // An I/O thread cannot wait for itself: the deliveries it drives end when it stops.
            awaitSocketsEnded(startNs + lingerNs + CLOSE_MARGIN_NS);
        }
        for (IoThread t : ioThreads) {
            // Stopping runs the tasks and due timers still queued, which end any late linger.
            if (!t.shutdown(onIoThread ? 0 : IO_THREAD_STOP_MS) && !t.inThread()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "weft: an I/O thread did not stop in {0} ms",
                        IO_THREAD_STOP_MS);
            }
        }
        resolverThreads.shutdownNow();
        try {
            // A lookup blocked in the JVM's resolver ignores interrupts; its thread is a daemon.
            resolverThreads.awaitTermination(RESOLVER_STOP_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean onIoThread() {
        for (IoThread t : ioThreads) {
            if (t.inThread()) {
                return true;
            }
        }
        return false;
    }

    private void awaitSocketsEnded(long deadlineNs) {
        lock.lock();
        try {
            while (!sockets.isEmpty()) {
                long remaining = deadlineNs - System.nanoTime();
                if (remaining <= 0) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "weft: context closing with {0} socket(s) still lingering past their"
                                    + " linger",
                            sockets.size());
                    return;
                }
                socketsEnded.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Builder of {@link Context}; not thread-safe. */
    public static final class Builder {
        private int ioThreads = 1;
        private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        private HostResolver hostResolver = HostResolver.SYSTEM;
        private PeerCredentialsSource peerCredentials = PeerCredentialsSource.SYSTEM;

        private Builder() {}

        /**
         * Sets the number of I/O threads.
         *
         * @param count at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder ioThreads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("ioThreads: " + count + " (expected: >= 1)");
            }
            this.ioThreads = count;
            return this;
        }

        /**
         * Sets the buffer allocator.
         *
         * @param allocator the allocator for received frames and write buffers
         * @return this builder
         */
        public Builder allocator(ByteBufAllocator allocator) {
            this.allocator = java.util.Objects.requireNonNull(allocator, "allocator");
            return this;
        }

        /**
         * Sets how host names of connected endpoints are looked up, for example to use a service
         * registry or a resolver with its own timeouts.
         *
         * @param resolver called on the context's resolver threads, never on an I/O thread
         * @return this builder
         */
        public Builder hostResolver(HostResolver resolver) {
            this.hostResolver = java.util.Objects.requireNonNull(resolver, "hostResolver");
            return this;
        }

        /**
         * Sets how the credentials of {@code ipc://} peers are read, for example to bound the time
         * a directory lookup may take.
         *
         * @param source called on the context's resolver threads, never on an I/O thread
         * @return this builder
         */
        public Builder peerCredentials(PeerCredentialsSource source) {
            this.peerCredentials = java.util.Objects.requireNonNull(source, "peerCredentials");
            return this;
        }

        /**
         * Creates the context and starts its I/O threads.
         *
         * @return the context
         */
        public Context build() {
            return new Context(ioThreads, allocator, hostResolver, peerCredentials);
        }
    }
}
