package dev.weft.core.socket;

import dev.weft.core.Context;
import dev.weft.core.InterruptedOperationException;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.MonitorListener;
import dev.weft.core.SocketClosedException;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.core.SocketType;
import dev.weft.core.io.IoThread;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.PipeOwner;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import dev.weft.core.transport.ConnectionOwner;
import dev.weft.core.transport.ListenerLimit;
import dev.weft.core.transport.Transport;
import dev.weft.core.transport.TransportSite;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything a socket does that is the same for every socket type (DESIGN §2-3): thread-safe
 * blocking send and receive with deadlines, the pipe lifecycle, endpoints, close with linger,
 * monitor events and counters. Its {@link SocketRole} only chooses pipes.
 *
 * <p>Thread-safe: one lock serializes role calls from application threads and I/O-thread edges;
 * waits use {@link Condition}s (no {@code synchronized}, so virtual threads do not pin). Listeners
 * are called with no lock held.
 *
 * <p>Closing follows libzmq: {@link #close()} returns at once, and the socket's I/O thread goes on
 * delivering what is queued until it is written or the linger ends, then releases the pipes, closes
 * the role and unregisters the socket from its context (no extra thread, no reaper).
 */
public final class SocketCore implements PipeOwner, ConnectionOwner, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketCore.class.getName());

    private final Context context;
    private final SocketType type;
    private final SocketOptions options;
    private final SocketRole role;
    private final SocketCounters counters = new SocketCounters();
    private final RoleContext roleContext;
    private final IoThread ioThread;
    private final Endpoints endpoints;
    private final Metadata handshakeMetadata;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final LinkedHashSet<Pipe> pipes = new LinkedHashSet<>();
    private final List<Pipe> drained = new ArrayList<>();
    private final DepartedPipes departed;
    private final CopyOnWriteArrayList<MonitorListener> monitors = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> readinessListeners = new CopyOnWriteArrayList<>();
    private int openConnections;
    private boolean closed;
    // I/O thread, under the lock: every endpoint was told to close; the last connection ends it.
    private boolean lingering;
    private boolean lingerEnded;

    /**
     * Creates a socket core and registers it with its context.
     *
     * @param context the owning context
     * @param roleContext the socket's type and options, and the role's drop counters
     * @param role the socket type's role, made with the same role context
     * @throws SocketClosedException when the context is closed
     */
    public SocketCore(Context context, RoleContext roleContext, SocketRole role) {
        this.context = context;
        this.roleContext = roleContext;
        this.type = roleContext.socketType();
        this.options = roleContext.options();
        this.role = role;
        this.departed = new DepartedPipes(options.departedPeerBudget());
        this.ioThread = context.nextIoThread();
        this.endpoints =
                new Endpoints(
                        context.transports(),
                        new TransportSite(ioThread, this, context.allocator(), context::resolve));
        Metadata.Builder md = Metadata.builder().put(Metadata.SOCKET_TYPE, type.wireName());
        if (type.sendsIdentity()) {
            byte[] id = options.routingId();
            md.put(Metadata.IDENTITY, id == null ? new byte[0] : id);
        }
        this.handshakeMetadata = md.build();
        context.register(this, options.linger());
    }

    // ---- Endpoints. ----

    /**
     * Binds to an endpoint and starts accepting peers.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:*}
     * @return the concrete bound endpoint (ephemeral port resolved)
     * @throws InvalidEndpointException when the endpoint is malformed
     * @throws dev.weft.core.TransportException when the address cannot be bound
     * @throws SocketClosedException when the socket is closed
     */
    public String bind(String endpoint) {
        Transport.BindRequest request = endpoints.bindRequest(endpoint);
        checkOpen("bind");
        return endpoints.bind(endpoint, request);
    }

    /**
     * Connects to an endpoint; the connection is made, and remade after a drop, in the background.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:5555}
     * @throws InvalidEndpointException when the endpoint is malformed or not connectable
     * @throws SocketClosedException when the socket is closed
     */
    public void connect(String endpoint) {
        Transport.ConnectRequest request = endpoints.connectRequest(endpoint);
        checkOpen("connect");
        endpoints.connect(endpoint, request);
    }

    /**
     * Stops listening on a bound endpoint and closes the connections accepted there.
     *
     * @param endpoint as given to bind, or the concrete endpoint bind returned
     * @throws InvalidEndpointException when nothing is bound there
     */
    public void unbind(String endpoint) {
        checkOpen("unbind");
        endpoints.unbind(endpoint, lingerDeadline());
    }

    /**
     * Stops connecting to an endpoint and closes that connection.
     *
     * @param endpoint as given to connect
     * @throws InvalidEndpointException when not connected there
     */
    public void disconnect(String endpoint) {
        checkOpen("disconnect");
        endpoints.disconnect(endpoint, lingerDeadline());
    }

    /**
     * Returns the last endpoint bound.
     *
     * @return the concrete endpoint, or null before any bind
     */
    public String lastEndpoint() {
        return endpoints.lastBound();
    }

    // ---- Traffic. ----

    /**
     * Sends a message, waiting up to the timeout for the role to take it.
     *
     * @param message taken over on success; left with the caller on false or an exception
     * @param timeoutNs 0 to not wait, negative to wait without limit
     * @return true when sent; false when the timeout passed
     * @throws IllegalArgumentException when the message is empty, or has more than one frame on a
     *     single-part type ({@link SocketType#isSinglePart()})
     * @throws SocketClosedException when the socket is or becomes closed
     * @throws InterruptedOperationException when the waiting thread is interrupted
     */
    public boolean send(Message message, long timeoutNs) {
        if (message == null || message.isEmpty()) {
            throw new IllegalArgumentException("message: empty (expected: at least one frame)");
        }
        if (message.size() > 1 && type.isSinglePart()) {
            throw new IllegalArgumentException(
                    type
                            + " send: a message of "
                            + message.size()
                            + " frames (expected: 1 frame; "
                            + type
                            + " is a thread-safe draft type, which sends single-part messages"
                            + " only)");
        }
        lock.lock();
        try {
            long remaining = timeoutNs;
            while (true) {
                checkOpen("send");
                boolean taken;
                try {
                    taken = role.send(message);
                } finally {
                    detachDrained();
                }
                if (taken) {
                    counters.sent++;
                    return true;
                }
                if (timeoutNs == 0) {
                    return false;
                }
                if (timeoutNs < 0) {
                    writable.await();
                } else {
                    if (remaining <= 0) {
                        return false;
                    }
                    remaining = writable.awaitNanos(remaining);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedOperationException(type + " send interrupted while waiting", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Receives a message, waiting up to the timeout for one.
     *
     * @param timeoutNs 0 to not wait, negative to wait without limit
     * @return the message (the caller owns it), or null when the timeout passed
     * @throws SocketClosedException when the socket is or becomes closed
     * @throws InterruptedOperationException when the waiting thread is interrupted
     */
    public Message receive(long timeoutNs) {
        lock.lock();
        try {
            long remaining = timeoutNs;
            while (true) {
                checkOpen("receive");
                Message m;
                try {
                    m = role.receive();
                } finally {
                    detachDrained();
                }
                if (m != null) {
                    counters.received++;
                    return m;
                }
                if (timeoutNs == 0) {
                    return null;
                }
                if (timeoutNs < 0) {
                    readable.await();
                } else {
                    if (remaining <= 0) {
                        return null;
                    }
                    remaining = readable.awaitNanos(remaining);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedOperationException(type + " receive interrupted while waiting", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells whether a send would not block now.
     *
     * @return true when the role can take a message
     */
    public boolean canSend() {
        lock.lock();
        try {
            return !closed && role.canSend();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells whether a receive would return a message now.
     *
     * @return true when a message is ready
     */
    public boolean canReceive() {
        lock.lock();
        try {
            return !closed && role.canReceive();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs an action on the role under the socket lock (for role-specific options).
     *
     * @param action what to do; must not block
     */
    public void withRole(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    // ---- Monitoring. ----

    /**
     * Adds a monitor listener; it sees events from now on.
     *
     * @param listener called on an I/O thread, with no lock held; must not block
     */
    public void addMonitor(MonitorListener listener) {
        monitors.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a monitor listener.
     *
     * @param listener the listener
     */
    public void removeMonitor(MonitorListener listener) {
        monitors.remove(listener);
    }

    /**
     * Adds a hook run whenever the socket may have become readable or writable, or closed: a
     * poller's wake-up. Runs on whichever thread caused the change, with no lock held; must be
     * quick and must not block.
     *
     * @param listener the hook
     */
    public void addReadinessListener(Runnable listener) {
        readinessListeners.add(listener);
    }

    /**
     * Removes a readiness hook.
     *
     * @param listener the hook
     */
    public void removeReadinessListener(Runnable listener) {
        readinessListeners.remove(listener);
    }

    /**
     * Takes a snapshot of the counters and per-peer queue depths.
     *
     * @return the snapshot
     */
    public SocketStats stats() {
        lock.lock();
        try {
            List<SocketStats.PeerStats> peers = new ArrayList<>(pipes.size());
            for (Pipe p : pipes) {
                peers.add(
                        new SocketStats.PeerStats(
                                p.peerAddress(),
                                p.endpoint(),
                                p.peerType(),
                                p.routingId(),
                                p.outboundDepth(),
                                p.inboundDepth(),
                                p.isBound() && !p.isConnectionClosed()));
            }
            return new SocketStats(
                    counters.sent,
                    counters.received,
                    roleContext.droppedUnroutable(),
                    roleContext.droppedAtHwm(),
                    counters.droppedOnDisconnect,
                    counters.reconnects.get(),
                    counters.handshakeFailures.get(),
                    List.copyOf(peers),
                    counters.droppedOnClose,
                    counters.droppedFromDepartedPeers,
                    acceptPauses(),
                    listenerStats(),
                    counters.droppedDatagrams.get());
        } finally {
            lock.unlock();
        }
    }

    // ---- Close. ----

    /**
     * Closes the socket like libzmq's {@code zmq_close}: returns at once, without waiting for the
     * linger. Blocked callers get {@link SocketClosedException}, and listeners have stopped
     * accepting when this returns (the endpoint can be bound again). Messages still queued keep
     * being delivered in the background by the socket's I/O thread, and connected endpoints keep
     * trying to connect for them, until they are written or {@code linger} ends; then the
     * connections close, what is still queued is released and counted in {@link
     * SocketStats#droppedOnClose()}, and the socket leaves its context. {@link Context#close()}
     * waits for that. Idempotent; any thread, an I/O thread included.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
        endpoints.closeAll(lingerDeadline(), this::lingerStarted);
        notifyReadiness();
    }

    /** I/O thread: every listener and dialer was told to close; the linger runs from here. */
    private void lingerStarted() {
        boolean nothingOpen;
        lock.lock();
        try {
            lingering = true;
            nothingOpen = openConnections == 0;
        } finally {
            lock.unlock();
        }
        if (nothingOpen) {
            endLinger();
        }
    }

    /**
     * I/O thread: the last connection of the closed socket ended (delivered, or its linger
     * expired): release what is left, close the role and leave the context.
     */
    private void endLinger() {
        lock.lock();
        try {
            if (lingerEnded) {
                return;
            }
            lingerEnded = true;
            for (Pipe p : new ArrayList<>(pipes)) {
                detach(p);
            }
            role.close();
        } finally {
            lock.unlock();
        }
        context.unregister(this);
        notifyReadiness();
    }

    /**
     * Tells whether the socket is closed.
     *
     * @return true after {@link #close()}
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
     * Returns this socket's type.
     *
     * @return the type
     */
    @Override
    public SocketType socketType() {
        return type;
    }

    @Override
    public SocketOptions options() {
        return options;
    }

    @Override
    public Metadata handshakeMetadata() {
        return handshakeMetadata;
    }

    // ---- ConnectionOwner: I/O thread. ----

    @Override
    public Pipe dialerStarted(String endpoint, boolean subscribeToAll) {
        // libzmq: a peer that cannot subscribe gets its pipe at connect whatever ZMQ_IMMEDIATE
        // says.
        if (!subscribeToAll && (options.immediate() || type.routesByPeerIdentity())) {
            return null;
        }
        return attachNew(
                () -> {
                    Pipe p =
                            Pipe.persistent(
                                    this, options.sendHwm(), options.receiveHwm(), endpoint);
                    if (subscribeToAll) {
                        p.subscribeToAll();
                    }
                    return p;
                });
    }

    @Override
    public void dialerStopped(Pipe pipe) {
        lock.lock();
        try {
            pipe.connectionClosed();
            if (!pipe.hasInbound()) {
                detach(pipe);
            } else {
                holdDeparted(pipe);
            }
        } finally {
            lock.unlock();
        }
        notifyReadiness();
    }

    @Override
    public boolean pipeReconnected(Pipe pipe) {
        lock.lock();
        try {
            if (!pipe.isAttached()) {
                return false;
            }
            // While closing, a lingering pipe may still connect to deliver what it holds.
            if (!closed && pipe.bindings() > 1) {
                role.pipeReconnected(pipe);
            }
            detachDrained();
            writable.signalAll();
            readable.signalAll();
            return true;
        } finally {
            lock.unlock();
            notifyReadiness();
        }
    }

    @Override
    public void connectionOpened() {
        lock.lock();
        try {
            openConnections++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Pipe connectionReady(
            PipeEngine engine,
            SocketType peerType,
            Metadata peerMetadata,
            boolean peerSpeaks31,
            String endpoint,
            String peerAddress) {
        return attachNew(
                () ->
                        new Pipe(
                                this,
                                engine,
                                options.sendHwm(),
                                options.receiveHwm(),
                                peerType,
                                peerMetadata,
                                endpoint,
                                peerAddress,
                                peerSpeaks31));
    }

    /** Creates a pipe and attaches it to the role, unless the socket is closed. */
    private Pipe attachNew(java.util.function.Supplier<Pipe> newPipe) {
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            Pipe pipe = newPipe.get();
            pipes.add(pipe);
            pipe.attached(true);
            role.pipeAttached(pipe);
            detachDrained();
            writable.signalAll();
            return pipe;
        } finally {
            lock.unlock();
            notifyReadiness();
        }
    }

    @Override
    public void connectionEnded(Pipe pipe) {
        boolean lastWhileLingering;
        lock.lock();
        try {
            openConnections--;
            if (pipe != null) {
                // A pipe the role refused is never read: release what it queued now, or it stays.
                if (pipe.isRejected() || !pipe.hasInbound()) {
                    detach(pipe);
                } else {
                    holdDeparted(pipe);
                }
            }
            lastWhileLingering = lingering && openConnections == 0;
        } finally {
            lock.unlock();
        }
        if (lastWhileLingering) {
            endLinger();
        }
        notifyReadiness();
    }

    @Override
    public void commandReceived(Pipe pipe, PeerCommand command) {
        lock.lock();
        try {
            if (pipe.isAttached()) {
                role.onCommand(pipe, command);
                detachDrained();
                readable.signalAll();
                writable.signalAll();
            }
        } finally {
            lock.unlock();
        }
        notifyReadiness();
    }

    @Override
    public void emit(MonitorEvent event) {
        for (MonitorListener l : monitors) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "weft: a monitor listener threw", e);
            }
        }
    }

    @Override
    public void countHandshakeFailure() {
        counters.handshakeFailures.incrementAndGet();
    }

    @Override
    public void countReconnect() {
        counters.reconnects.incrementAndGet();
    }

    @Override
    public void countDroppedDatagram() {
        counters.droppedDatagrams.incrementAndGet();
    }

    @Override
    public void listenerBound(ListenerLimit limit) {
        counters.listeners.add(limit);
    }

    @Override
    public void listenerUnbound(ListenerLimit limit) {
        if (counters.listeners.remove(limit)) {
            counters.acceptPausesOfUnbound.addAndGet(limit.pauses());
        }
    }

    private long acceptPauses() {
        long total = counters.acceptPausesOfUnbound.get();
        for (ListenerLimit l : counters.listeners) {
            total += l.pauses();
        }
        return total;
    }

    private List<SocketStats.ListenerStats> listenerStats() {
        List<SocketStats.ListenerStats> out = new ArrayList<>(counters.listeners.size());
        for (ListenerLimit l : counters.listeners) {
            out.add(l.snapshot());
        }
        return List.copyOf(out);
    }

    // ---- PipeOwner. ----

    @Override
    public void pipeReadable(Pipe pipe) {
        lock.lock();
        try {
            readableLocked(pipe);
        } finally {
            lock.unlock();
        }
        notifyReadiness();
    }

    @Override
    public boolean tryPipeReadable(Pipe pipe) {
        if (!tryLockFromOtherThread()) {
            return false;
        }
        try {
            readableLocked(pipe);
        } finally {
            lock.unlock();
        }
        notifyReadiness();
        return true;
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        lock.lock();
        try {
            writableLocked(pipe);
        } finally {
            lock.unlock();
        }
        notifyReadiness();
    }

    @Override
    public boolean tryPipeWritable(Pipe pipe) {
        if (!tryLockFromOtherThread()) {
            return false;
        }
        try {
            writableLocked(pipe);
        } finally {
            lock.unlock();
        }
        notifyReadiness();
        return true;
    }

    /**
     * Takes the socket lock only if it is free and not already held by the caller (the inproc lock
     * rule: a thread holding another socket's lock never waits for this one).
     */
    private boolean tryLockFromOtherThread() {
        return !lock.isHeldByCurrentThread() && lock.tryLock();
    }

    private void readableLocked(Pipe pipe) {
        if (pipe.isAttached()) {
            role.pipeReadable(pipe);
            readable.signalAll();
        }
    }

    private void writableLocked(Pipe pipe) {
        if (pipe.isAttached()) {
            role.pipeWritable(pipe);
            writable.signalAll();
        }
    }

    @Override
    public void pipeDrained(Pipe pipe) {
        drained.add(pipe);
    }

    @Override
    public void departedMessageRead(Pipe pipe, Message message) {
        departed.messageRead(pipe, message);
    }

    // ---- Internals. ----

    private void notifyReadiness() {
        if (readinessListeners.isEmpty()) {
            return;
        }
        for (Runnable r : readinessListeners) {
            r.run();
        }
    }

    private void detachDrained() {
        if (drained.isEmpty()) {
            return;
        }
        for (Pipe p : drained) {
            detach(p);
        }
        drained.clear();
    }

    /**
     * Keeps the unread messages of a peer that has left for the role to read, within the socket's
     * departed-peer budget: beyond it, the oldest departed peers' messages are dropped.
     */
    private void holdDeparted(Pipe pipe) {
        if (!pipe.isAttached()) {
            return;
        }
        departed.add(pipe);
        Pipe oldest;
        while ((oldest = departed.takeOldestOverBudget()) != null) {
            counters.droppedFromDepartedPeers += oldest.releaseInbound();
            detach(oldest);
        }
    }

    private void detach(Pipe pipe) {
        if (!pipe.isAttached()) {
            return;
        }
        pipe.attached(false);
        pipes.remove(pipe);
        departed.remove(pipe);
        role.pipeDetached(pipe);
        int undelivered = pipe.releaseOutbound();
        if (closed) {
            counters.droppedOnClose += undelivered;
        } else {
            counters.droppedOnDisconnect += undelivered;
        }
        counters.droppedOnDisconnect += pipe.releaseInbound();
        // A role may have something new to hand over (XPUB: the departed peer's unsubscriptions).
        readable.signalAll();
        writable.signalAll();
    }

    private long lingerDeadline() {
        return System.nanoTime() + options.linger().toNanos();
    }

    private void checkOpen(String operation) {
        if (closed) {
            throw new SocketClosedException(
                    type + " " + operation + ": the socket is closed (create a new socket)");
        }
    }
}
