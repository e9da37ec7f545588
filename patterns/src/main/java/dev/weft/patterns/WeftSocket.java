package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.core.MonitorListener;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.core.SocketType;
import dev.weft.core.role.SocketRole;
import dev.weft.core.socket.SocketCore;
import dev.weft.core.socket.SocketCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every Weft socket offers: endpoints, blocking and non-blocking send and receive, monitor
 * events, counters and close. The typed subclasses add what is specific to their socket type.
 *
 * <p>Thread-safe: any number of threads may use one socket; whole messages are sent and received
 * atomically. Blocking calls honour {@link Thread#interrupt()} with {@link
 * dev.weft.core.InterruptedOperationException}, after which the socket stays usable.
 *
 * <p>Ownership: a {@link Message} passed to a send belongs to the socket once the send returns
 * true; when it returns false or throws, the caller still owns it. A received message belongs to
 * the caller, who must close it; the {@code receiveString}/{@code receiveStrings}/{@code
 * receiveBytes} conveniences copy and release for you.
 */
public abstract class WeftSocket implements AutoCloseable {
    private final SocketCore core;
    private final Duration sendTimeout;
    private final Duration receiveTimeout;

    /**
     * Creates a socket.
     *
     * @param context the owning context
     * @param type the socket type
     * @param options validated options
     * @param roleFactory creates the type's role
     */
    protected WeftSocket(
            Context context,
            SocketType type,
            SocketOptions options,
            Function<SocketCounters, SocketRole> roleFactory) {
        this.core = new SocketCore(context, type, options, roleFactory);
        this.sendTimeout = options.sendTimeout();
        this.receiveTimeout = options.receiveTimeout();
    }

    /**
     * Gives subclasses their role's lock-protected section.
     *
     * @return the core
     */
    final SocketCore core() {
        return core;
    }

    /**
     * Returns the socket type.
     *
     * @return the type
     */
    public final SocketType type() {
        return core.socketType();
    }

    /**
     * Returns the options the socket was created with.
     *
     * @return the options
     */
    public final SocketOptions options() {
        return core.options();
    }

    /**
     * Binds to an endpoint and accepts peers there.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:*} for an ephemeral port
     * @return the concrete bound endpoint, e.g. {@code tcp://127.0.0.1:40111}
     * @throws dev.weft.core.InvalidEndpointException when the endpoint is malformed
     * @throws dev.weft.core.TransportException when the address cannot be bound
     */
    public final String bind(String endpoint) {
        return core.bind(endpoint);
    }

    /**
     * Connects to an endpoint. Returns at once; the connection is made (and remade after a drop) in
     * the background.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:5555}
     * @throws dev.weft.core.InvalidEndpointException when the endpoint is malformed
     */
    public final void connect(String endpoint) {
        core.connect(endpoint);
    }

    /**
     * Stops listening on an endpoint and closes the connections accepted there.
     *
     * @param endpoint as given to or returned by {@link #bind}
     */
    public final void unbind(String endpoint) {
        core.unbind(endpoint);
    }

    /**
     * Stops connecting to an endpoint and closes that connection.
     *
     * @param endpoint as given to {@link #connect}
     */
    public final void disconnect(String endpoint) {
        core.disconnect(endpoint);
    }

    /**
     * Returns the endpoint of the last successful bind.
     *
     * @return the concrete endpoint, or null
     */
    public final String lastEndpoint() {
        return core.lastEndpoint();
    }

    /**
     * Sends a message, waiting up to the socket's {@code sendTimeout} (without limit by default).
     *
     * @param message taken over when this returns true
     * @return true when sent; false when the send timeout passed (the caller keeps the message)
     */
    public boolean send(Message message) {
        return core.send(message, toNanos(sendTimeout));
    }

    /**
     * Sends a message, waiting up to the given time.
     *
     * @param message taken over when this returns true
     * @param timeout how long to wait for the socket to take it
     * @return true when sent; false when the timeout passed (the caller keeps the message)
     */
    public boolean send(Message message, Duration timeout) {
        return core.send(message, timeout.toNanos());
    }

    /**
     * Sends a message only if that needs no waiting.
     *
     * @param message taken over when this returns true
     * @return true when sent; false when it would block (the caller keeps the message)
     */
    public boolean trySend(Message message) {
        return core.send(message, 0);
    }

    /**
     * Sends UTF-8 text frames as one message, waiting up to the socket's {@code sendTimeout}.
     *
     * @param frames the frames' text
     * @return true when sent, false when the send timeout passed
     */
    public boolean send(String... frames) {
        Message m = Message.of(frames);
        boolean sent = false;
        try {
            sent = send(m);
            return sent;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }

    /**
     * Receives a message, waiting up to the socket's {@code receiveTimeout} (without limit by
     * default).
     *
     * @return the message, which the caller must close; null when the receive timeout passed
     */
    public Message receive() {
        return core.receive(toNanos(receiveTimeout));
    }

    /**
     * Receives a message, waiting up to the given time.
     *
     * @param timeout how long to wait
     * @return the message, which the caller must close; null when the timeout passed
     */
    public Message receive(Duration timeout) {
        return core.receive(timeout.toNanos());
    }

    /**
     * Receives a message only if one is ready.
     *
     * @return the message, which the caller must close, or null
     */
    public Message tryReceive() {
        return core.receive(0);
    }

    /**
     * Receives a single-frame message as UTF-8 text.
     *
     * @return the text, or null when the receive timeout passed
     * @throws IllegalSocketStateException when the message has more than one frame (it is dropped;
     *     use {@link #receiveStrings()} for multipart messages)
     */
    public String receiveString() {
        try (Message m = receive()) {
            if (m == null) {
                return null;
            }
            if (m.size() != 1) {
                throw new IllegalSocketStateException(
                        "receiveString: the message has "
                                + m.size()
                                + " frames (expected: 1; use receiveStrings() or receive())");
            }
            return m.frame(0).toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Receives a message as UTF-8 text, one string per frame.
     *
     * @return the frames' text, or null when the receive timeout passed
     */
    public List<String> receiveStrings() {
        try (Message m = receive()) {
            return m == null ? null : m.strings();
        }
    }

    /**
     * Receives a message as byte arrays, one per frame.
     *
     * @return copies of the frames, or null when the receive timeout passed
     */
    public List<byte[]> receiveBytes() {
        try (Message m = receive()) {
            if (m == null) {
                return null;
            }
            List<byte[]> out = new ArrayList<>(m.size());
            for (int i = 0; i < m.size(); i++) {
                out.add(m.frame(i).toByteArray());
            }
            return out;
        }
    }

    /**
     * Tells whether a send would not block now.
     *
     * @return true when a message would be taken at once
     */
    public boolean canSend() {
        return core.canSend();
    }

    /**
     * Tells whether a message is ready to be received.
     *
     * @return true when {@link #tryReceive()} would return one
     */
    public boolean canReceive() {
        return core.canReceive();
    }

    /**
     * Adds a monitor listener for connection events.
     *
     * @param listener called on an I/O thread with no lock held; must not block
     */
    public final void addMonitor(MonitorListener listener) {
        core.addMonitor(listener);
    }

    /**
     * Removes a monitor listener.
     *
     * @param listener the listener
     */
    public final void removeMonitor(MonitorListener listener) {
        core.removeMonitor(listener);
    }

    /**
     * Takes a snapshot of the socket's counters and per-peer queue depths.
     *
     * @return the snapshot
     */
    public final SocketStats stats() {
        return core.stats();
    }

    /**
     * Closes the socket: queued messages get up to {@code linger} to be written, then every
     * connection closes. Never waits much longer than linger. Idempotent.
     */
    @Override
    public final void close() {
        core.close();
    }

    /**
     * Tells whether the socket is closed.
     *
     * @return true after {@link #close()} or the context's close
     */
    public final boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public String toString() {
        return type() + " socket" + (lastEndpoint() == null ? "" : " bound to " + lastEndpoint());
    }

    private static long toNanos(Duration timeout) {
        return timeout == null ? -1 : timeout.toNanos();
    }
}
