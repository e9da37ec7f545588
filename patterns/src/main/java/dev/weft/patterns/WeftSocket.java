package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorListener;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import dev.weft.core.socket.SocketCore;
import java.time.Duration;

/**
 * What every Weft socket offers: endpoints, monitor events, counters and close. The typed
 * subclasses add what is specific to their socket type.
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
     * @param roleContext the socket's type and options, shared with its role
     * @param role the type's role
     */
    WeftSocket(Context context, RoleContext roleContext, SocketRole role) {
        this.core = new SocketCore(context, roleContext, role);
        this.sendTimeout = roleContext.options().sendTimeout();
        this.receiveTimeout = roleContext.options().receiveTimeout();
    }

    /**
     * Runs a role setting under the socket lock, for the typed option methods of subclasses.
     *
     * @param action what to change on the role
     */
    final void withRole(Runnable action) {
        core.withRole(action);
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
     * Sends through the role, waiting up to the timeout; for the sending subclasses.
     *
     * @param message taken over when this returns true
     * @param timeoutNs 0 to not wait, negative to wait without limit
     * @return true when sent
     */
    final boolean sendMessage(Message message, long timeoutNs) {
        return core.send(message, timeoutNs);
    }

    /**
     * Receives through the role, waiting up to the timeout; for the receiving subclasses.
     *
     * @param timeoutNs 0 to not wait, negative to wait without limit
     * @return the message, or null when the timeout passed
     */
    final Message receiveMessage(long timeoutNs) {
        return core.receive(timeoutNs);
    }

    /**
     * Registers a poller's wake-up hook.
     *
     * @param hook run when readiness may have changed; quick, non-blocking
     */
    final void addReadinessListener(Runnable hook) {
        core.addReadinessListener(hook);
    }

    /**
     * Removes a poller's wake-up hook.
     *
     * @param hook the hook
     */
    final void removeReadinessListener(Runnable hook) {
        core.removeReadinessListener(hook);
    }

    /**
     * Tells whether the role could take a message now.
     *
     * @return true when a send would not wait
     */
    final boolean roleCanSend() {
        return core.canSend();
    }

    /**
     * Tells whether the role has a message ready.
     *
     * @return true when a receive would not wait
     */
    final boolean roleCanReceive() {
        return core.canReceive();
    }

    /**
     * Returns the socket's send timeout in nanoseconds, negative for none.
     *
     * @return the default send wait
     */
    final long sendTimeoutNs() {
        return toNanos(sendTimeout);
    }

    /**
     * Returns the socket's receive timeout in nanoseconds, negative for none.
     *
     * @return the default receive wait
     */
    final long receiveTimeoutNs() {
        return toNanos(receiveTimeout);
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
     * Closes the socket like libzmq's {@code zmq_close}: returns at once, without waiting for the
     * linger. Threads blocked on the socket get {@link dev.weft.core.SocketClosedException}, and
     * bound endpoints are free again when this returns. Messages still queued keep being delivered
     * in the background (connected endpoints keep connecting for them) until they are written or
     * {@link SocketOptions#linger() linger} ends; what is left then is dropped and counted in
     * {@link SocketStats#droppedOnClose()}. {@link Context#close()} waits for those deliveries, so
     * close the context before the process exits. Idempotent; safe from any thread, a monitor
     * listener included.
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
