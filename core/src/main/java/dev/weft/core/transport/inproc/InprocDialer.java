package dev.weft.core.transport.inproc;

import dev.weft.core.MonitorEvent;
import dev.weft.core.ReconnectStop;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.transport.ConnectionOwner;
import dev.weft.core.transport.Dialer;
import dev.weft.core.transport.TransportSite;
import java.util.function.Consumer;

/**
 * A connected inproc name. As in libzmq 4, connecting before the name is bound is allowed: the
 * dialer waits in the transport's registry until a socket binds the name, then joins it. When the
 * bound socket goes away (unbind, close), it waits for the name to be bound again, as a tcp dialer
 * reconnects; a refused join (incompatible socket types, a role refusing the peer) is retried after
 * {@code reconnectInterval} unless a {@code reconnectStop} condition says otherwise.
 *
 * <p>Owned by its socket's I/O thread: every method runs there (the transport hops there when a
 * name appears).
 */
final class InprocDialer implements Dialer {
    private final InprocTransport transport;
    private final TransportSite site;
    private final IoThread io;
    private final ConnectionOwner owner;
    private final String endpoint;
    private final String name;
    private final Consumer<Dialer> gaveUp;
    private final Runnable attemptTask = this::attempt;
    private Pipe queue;
    private InprocLink link;
    private Timer retryTimer;
    private boolean closed;
    private boolean lingering;
    private Timer lingerTimer;

    /**
     * Creates a dialer; {@link #start} makes the first attempt.
     *
     * @param transport the context's inproc transport (its registry)
     * @param site the connecting socket and its I/O thread
     * @param endpoint the endpoint as given to connect
     * @param name the name it names
     * @param gaveUp told, on the I/O thread, when a {@code reconnectStop} condition ended this
     *     dialer
     */
    InprocDialer(
            InprocTransport transport,
            TransportSite site,
            String endpoint,
            String name,
            Consumer<Dialer> gaveUp) {
        this.transport = transport;
        this.site = site;
        this.io = site.ioThread();
        this.owner = site.owner();
        this.endpoint = endpoint;
        this.name = name;
        this.gaveUp = gaveUp;
    }

    @Override
    public void start(Pipe queue) {
        this.queue = queue;
        attempt();
    }

    /** The name was bound: try to join it, on this dialer's I/O thread. Any thread. */
    void nameBound() {
        io.execute(attemptTask);
    }

    private void attempt() {
        if ((closed && !lingering) || link != null) {
            return;
        }
        InprocListener bound = transport.lookUp(name, this);
        if (bound == null) {
            // Registered as pending: nameBound() follows when a socket binds the name.
            return;
        }
        String refusal = InprocLink.refusal(owner.socketType(), bound.site().owner().socketType());
        if (refusal != null) {
            refused(bound, refusal);
            return;
        }
        InprocLink l =
                new InprocLink(
                        site,
                        endpoint,
                        this::linkEndedAnyThread,
                        bound.site(),
                        bound.endpoint(),
                        bound::remove);
        if (!bound.add(l)) {
            // Unbound meanwhile: wait for the name again.
            transport.lookUp(name, this);
            return;
        }
        link = l;
        if (!l.join(queue)) {
            // A socket was closing: try again later (a closing dialer cancels the retry).
            bound.remove(l);
            link = null;
            scheduleRetry();
            return;
        }
        if (lingering) {
            l.endFromConnecting(true, "socket closed");
        }
    }

    private void refused(InprocListener bound, String reason) {
        ConnectionOwner peer = bound.site().owner();
        owner.countHandshakeFailure();
        peer.countHandshakeFailure();
        owner.emit(
                new MonitorEvent(
                        MonitorEvent.Type.HANDSHAKE_FAILED,
                        endpoint,
                        bound.endpoint(),
                        null,
                        reason));
        peer.emit(
                new MonitorEvent(
                        MonitorEvent.Type.HANDSHAKE_FAILED,
                        bound.endpoint(),
                        endpoint,
                        null,
                        reason));
        if (owner.options().reconnectStop().contains(ReconnectStop.HANDSHAKE_FAILED)) {
            closed = true;
            endLinger();
            stopQueue();
            owner.emit(
                    new MonitorEvent(
                            MonitorEvent.Type.RECONNECT_STOPPED,
                            endpoint,
                            null,
                            null,
                            ReconnectStop.HANDSHAKE_FAILED + ": " + reason));
            gaveUp.accept(this);
            return;
        }
        scheduleRetry();
    }

    private void linkEndedAnyThread(InprocLink ended) {
        io.execute(() -> linkEnded(ended));
    }

    private void linkEnded(InprocLink ended) {
        if (link != ended) {
            return;
        }
        link = null;
        if (closed) {
            endLinger();
            stopQueue();
            return;
        }
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (closed) {
            return;
        }
        owner.countReconnect();
        retryTimer = io.schedule(owner.options().reconnectInterval().toNanos(), attemptTask);
    }

    @Override
    public void close(long deadlineNs) {
        if (closed) {
            return;
        }
        closed = true;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        long remaining = deadlineNs - System.nanoTime();
        if (link != null) {
            transport.forget(name, this);
            // The queue is stopped once the link has ended (linkEnded).
            link.endFromConnecting(remaining > 0, "socket closed");
            return;
        }
        if (queue != null && queue.hasOutbound() && remaining > 0) {
            // Linger: messages wait for a name not bound yet; join it if it is bound before the
            // deadline, and make the socket's close wait for that.
            lingering = true;
            owner.connectionOpened();
            lingerTimer = io.schedule(remaining, this::lingerExpired);
            return;
        }
        transport.forget(name, this);
        stopQueue();
    }

    @Override
    public void disconnect(long deadlineNs) {
        close(deadlineNs);
    }

    private void lingerExpired() {
        if (!lingering) {
            return;
        }
        transport.forget(name, this);
        InprocLink l = link;
        if (l != null) {
            l.endFromConnecting(false, "linger expired");
            return;
        }
        endLinger();
        stopQueue();
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

    private void stopQueue() {
        if (queue != null) {
            owner.dialerStopped(queue);
            queue = null;
        }
    }
}
