package dev.weft.core.transport.inproc;

import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketType;
import dev.weft.core.io.IoThread;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.transport.ConnectionOwner;
import dev.weft.core.transport.TransportSite;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One inproc connection: two sockets of one context joined pipe to pipe, with an {@link InprocFlow}
 * each way and no session or codec between them. Each socket gets an ordinary pipe, attached to its
 * role as a tcp connection's would be (so routing ids, subscriptions, {@code immediate} and the
 * departed-peer rules work unchanged); the link is each pipe's {@link PipeEngine}.
 *
 * <p>Ending: either side may end the link (its socket closes, unbinds or disconnects, or its role
 * refuses the peer). What the ending side had queued is handed to the peer when its linger allows,
 * what the peer had queued for it stays with the peer's pipe; then both pipes end as a dropped tcp
 * connection's do: what a reader has not read stays readable, a persistent pipe keeps its queue for
 * the next connection. Thread-safe; every socket call here is made with no socket lock held.
 */
final class InprocLink {
    private final Side connecting;
    private final Side accepting;
    private final ReentrantLock state = new ReentrantLock();
    private final AtomicInteger flowsFinished = new AtomicInteger();
    // Under state.
    private boolean started;
    private boolean endRequested;
    private Side endedBy;
    private boolean endMove;
    private String endReason;

    /**
     * Creates a link between a connecting and a bound socket; {@link #join} makes its pipes.
     *
     * @param connectSite the connecting socket
     * @param connectEndpoint the endpoint as the connecting socket gave it
     * @param connectEnded told, with no lock held, once the link has ended
     * @param bindSite the bound socket
     * @param bindEndpoint the bound endpoint
     * @param bindEnded told, with no lock held, once the link has ended
     */
    InprocLink(
            TransportSite connectSite,
            String connectEndpoint,
            Consumer<InprocLink> connectEnded,
            TransportSite bindSite,
            String bindEndpoint,
            Consumer<InprocLink> bindEnded) {
        this.connecting = new Side(connectSite, connectEndpoint, bindEndpoint, connectEnded);
        this.accepting = new Side(bindSite, bindEndpoint, connectEndpoint, bindEnded);
        this.connecting.out =
                new InprocFlow(
                        connectSite.ioThread(),
                        connectSite.owner(),
                        bindSite.ioThread(),
                        bindSite.owner());
        this.accepting.out =
                new InprocFlow(
                        bindSite.ioThread(),
                        bindSite.owner(),
                        connectSite.ioThread(),
                        connectSite.owner());
        this.connecting.in = accepting.out;
        this.accepting.in = connecting.out;
    }

    /**
     * Tells whether two socket types may be joined, by the table the ZMTP handshake uses.
     *
     * @param connecting the connecting socket's type
     * @param bound the bound socket's type
     * @return null when they may, else why not (for the monitor event)
     */
    static String refusal(SocketType connecting, SocketType bound) {
        if (connecting.isCompatibleWith(bound) && bound.isCompatibleWith(connecting)) {
            return null;
        }
        return "peer "
                + bound
                + " cannot talk to "
                + connecting
                + " (expected: "
                + connecting.compatiblePeers()
                + ")";
    }

    /**
     * Makes both pipes, attaches them to their roles and starts moving: what the connecting side
     * queued before (its persistent pipe, {@code immediate} off) goes first. Call with no socket
     * lock held.
     *
     * @param queue the connecting socket's persistent pipe, or null for a pipe of its own
     * @return false when a socket was closing and no link was made (each side has been told)
     */
    boolean join(Pipe queue) {
        ConnectionOwner c = connecting.owner;
        ConnectionOwner a = accepting.owner;
        c.connectionOpened();
        a.connectionOpened();
        Pipe cp;
        if (queue != null) {
            queue.bind(connecting, a.socketType(), a.handshakeMetadata(), connecting.address, true);
            cp = c.pipeReconnected(queue) ? queue : null;
            if (cp == null) {
                queue.unbind(connecting);
            }
        } else {
            cp =
                    c.connectionReady(
                            connecting,
                            a.socketType(),
                            a.handshakeMetadata(),
                            true,
                            connecting.endpoint,
                            connecting.address);
        }
        Pipe ap =
                cp == null
                        ? null
                        : a.connectionReady(
                                accepting,
                                c.socketType(),
                                c.handshakeMetadata(),
                                true,
                                accepting.endpoint,
                                accepting.address);
        if (ap == null) {
            if (cp != null) {
                connecting.pipe = cp;
                endPipe(connecting);
            } else {
                c.connectionEnded(null);
            }
            a.connectionEnded(null);
            return false;
        }
        connecting.pipe = cp;
        accepting.pipe = ap;
        connecting.opened(MonitorEvent.Type.CONNECTED, a.socketType());
        accepting.opened(MonitorEvent.Type.ACCEPTED, c.socketType());
        connecting.out.start(cp, ap);
        accepting.out.start(ap, cp);
        boolean endNow;
        state.lock();
        try {
            started = true;
            endNow = endRequested;
        } finally {
            state.unlock();
        }
        if (endNow) {
            beginEnd();
        }
        return true;
    }

    /**
     * Ends the link from the connecting side (its socket closes or disconnects). Idempotent; any
     * thread with no socket lock held.
     *
     * @param move whether the linger lets what this side queued go to the peer
     * @param reason for the monitor events
     */
    void endFromConnecting(boolean move, String reason) {
        end(connecting, move, reason);
    }

    /**
     * Ends the link from the bound side (its socket closes or unbinds). Idempotent; any thread with
     * no socket lock held.
     *
     * @param move whether the linger lets what this side queued go to the peer
     * @param reason for the monitor events
     */
    void endFromBound(boolean move, String reason) {
        end(accepting, move, reason);
    }

    private void end(Side by, boolean move, String reason) {
        state.lock();
        try {
            if (endRequested) {
                return;
            }
            endRequested = true;
            endedBy = by;
            endMove = move;
            endReason = reason;
            if (!started) {
                return;
            }
        } finally {
            state.unlock();
        }
        beginEnd();
    }

    private void beginEnd() {
        Side by = endedBy;
        by.out.finish(endMove, this::flowFinished);
        by.in.finish(false, this::flowFinished);
    }

    private void flowFinished() {
        if (flowsFinished.incrementAndGet() == 2) {
            endedBy.io.execute(this::ended);
        }
    }

    /** Both flows stopped: both pipes end as a dropped connection's do. I/O thread, no lock. */
    private void ended() {
        endPipe(connecting);
        endPipe(accepting);
        connecting.closed(endReason);
        accepting.closed(endReason);
    }

    private static void endPipe(Side side) {
        Pipe p = side.pipe;
        if (p.isPersistent()) {
            // Queued messages wait in the pipe for the next connection.
            p.unbind(side);
            side.owner.connectionEnded(null);
        } else {
            p.connectionClosed();
            side.owner.connectionEnded(p);
        }
    }

    /** One socket's end of the link: the engine of its pipe. */
    private final class Side implements PipeEngine {
        final ConnectionOwner owner;
        final IoThread io;
        final String endpoint;
        final String address;
        final Consumer<InprocLink> onEnded;
        InprocFlow out;
        InprocFlow in;
        volatile Pipe pipe;

        Side(TransportSite site, String endpoint, String address, Consumer<InprocLink> onEnded) {
            this.owner = site.owner();
            this.io = site.ioThread();
            this.endpoint = endpoint;
            this.address = address;
            this.onEnded = onEnded;
        }

        /** The role wrote into an idle queue: move now, on the writer's thread. */
        @Override
        public void outboundReady() {
            out.queued();
        }

        /** The role writes a message: straight to the peer when nothing is queued before it. */
        @Override
        public boolean writeThrough(Message message) {
            return out.writeThrough(message);
        }

        /** The reader drained a full queue: the peer's flow resumes, moved by the reader. */
        @Override
        public void inboundDrained() {
            in.resume();
        }

        /** This side's queue drained after being full: reported by the lock rule. */
        @Override
        public boolean outboundDrained() {
            return out.senderWritable();
        }

        @Override
        public void reject(String reason) {
            io.execute(
                    () -> {
                        Pipe p = pipe;
                        owner.emit(
                                new MonitorEvent(
                                        MonitorEvent.Type.PEER_REJECTED,
                                        endpoint,
                                        address,
                                        p == null ? null : p.routingId(),
                                        reason));
                        end(this, false, "refused: " + reason);
                    });
        }

        void opened(MonitorEvent.Type type, SocketType peerType) {
            owner.emit(new MonitorEvent(type, endpoint, address, null, ""));
            owner.emit(
                    new MonitorEvent(
                            MonitorEvent.Type.HANDSHAKE_SUCCEEDED,
                            endpoint,
                            address,
                            pipe.routingId(),
                            peerType + " inproc"));
        }

        void closed(String reason) {
            owner.emit(
                    new MonitorEvent(
                            MonitorEvent.Type.DISCONNECTED,
                            endpoint,
                            address,
                            pipe.routingId(),
                            reason));
            onEnded.accept(InprocLink.this);
        }
    }
}
