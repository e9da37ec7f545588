package dev.weft.core;

import dev.weft.core.io.IoThread;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the I/O threads that every socket created in it shares, and closes its sockets when closed.
 *
 * <p>Thread-safe. {@link #close()} closes every socket still open (each honouring its linger), then
 * stops the I/O threads; it returns even when application threads still use those sockets (they
 * then get {@link SocketClosedException}).
 */
public final class Context implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Context.class.getName());
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private final IoThread[] ioThreads;
    private final ByteBufAllocator allocator;
    private final Set<AutoCloseable> sockets = new LinkedHashSet<>();
    private final AtomicInteger nextThread = new AtomicInteger();
    private boolean closed;

    private Context(int ioThreadCount, ByteBufAllocator allocator) {
        int id = CONTEXTS.incrementAndGet();
        this.ioThreads = new IoThread[ioThreadCount];
        for (int i = 0; i < ioThreadCount; i++) {
            ioThreads[i] = new IoThread("weft-io-" + id + "-" + i);
        }
        this.allocator = allocator;
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
        synchronized (sockets) {
            if (closed) {
                throw new SocketClosedException(
                        "context is closed (create sockets before closing the context)");
            }
        }
        return ioThreads[Math.floorMod(nextThread.getAndIncrement(), ioThreads.length)];
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
     * Tracks a socket so that {@link #close()} closes it. Internal: called by the socket core.
     *
     * @param socket something to close with the context
     * @throws SocketClosedException when the context is closed
     */
    public void register(AutoCloseable socket) {
        synchronized (sockets) {
            if (closed) {
                throw new SocketClosedException("context is closed (cannot create a socket in it)");
            }
            sockets.add(socket);
        }
    }

    /**
     * Stops tracking a socket that closed by itself. Internal: called by the socket core.
     *
     * @param socket the socket
     */
    public void unregister(AutoCloseable socket) {
        synchronized (sockets) {
            sockets.remove(socket);
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
        synchronized (sockets) {
            return closed;
        }
    }

    /** Closes every open socket, then stops the I/O threads. Idempotent. */
    @Override
    public void close() {
        List<AutoCloseable> open;
        synchronized (sockets) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(sockets);
        }
        for (AutoCloseable s : open) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "weft: closing a socket failed", e);
            }
        }
        for (IoThread t : ioThreads) {
            if (!t.shutdown(5_000)) {
                LOG.log(System.Logger.Level.WARNING, "weft: an I/O thread did not stop in 5 s");
            }
        }
    }

    /** Builder of {@link Context}; not thread-safe. */
    public static final class Builder {
        private int ioThreads = 1;
        private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

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
         * Creates the context and starts its I/O threads.
         *
         * @return the context
         */
        public Context build() {
            return new Context(ioThreads, allocator);
        }
    }
}
