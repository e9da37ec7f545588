package dev.weft.bench.peer;

import dev.weft.bench.SocketKind;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * A JeroMQ 0.6.0 socket behind {@link BenchSocket}, used idiomatically: {@code send(byte[])} and
 * {@code recv()} one frame at a time. Default high-water marks (1000 each way), one I/O thread;
 * linger set explicitly because {@link ZContext} sockets default to 0.
 *
 * <p>JeroMQ 0.6.0 sometimes stalls as the connecting side of a TCP handshake (docs/INTEROP.md): its
 * poller loses the new engine's registration when the connecter's handle for the same channel is
 * cancelled in the same poll iteration. The connecting side therefore waits for the handshake and,
 * when none completes within {@value #HANDSHAKE_WAIT_MS} ms, first nudges its I/O thread (a
 * throwaway listener in the same context makes the poller re-register its handles), then, if still
 * nothing, recreates its socket once; it says so on stderr and reports recreations in its result
 * ({@code connect_retries}). A second stall after the recreation fails the run.
 */
public final class JeromqBenchSocket implements BenchSocket {
    private static final int LINGER_MS = 10_000;
    private static final int HANDSHAKE_WAIT_MS = 3_000;

    private final ZContext context;
    private final boolean ownsContext;
    private final SocketType type;
    private final int timeoutMs;
    private ZMQ.Socket socket;
    private final SocketKind kind;
    private int connectRetries;

    /**
     * Opens a socket in a new context.
     *
     * @param kind the socket type
     * @param stallTimeoutMs longest wait of any send or receive
     */
    public JeromqBenchSocket(SocketKind kind, long stallTimeoutMs) {
        this(new ZContext(1), true, kind, stallTimeoutMs);
    }

    /**
     * Opens a socket in a context shared with other sockets of this process (JeroMQ's inproc joins
     * only sockets of one context); closing the socket leaves the context open.
     *
     * @param context the shared context, closed by its owner
     * @param kind the socket type
     * @param stallTimeoutMs longest wait of any send or receive
     */
    public JeromqBenchSocket(ZContext context, SocketKind kind, long stallTimeoutMs) {
        this(context, false, kind, stallTimeoutMs);
    }

    private JeromqBenchSocket(
            ZContext context, boolean ownsContext, SocketKind kind, long stallTimeoutMs) {
        this.context = context;
        this.ownsContext = ownsContext;
        this.kind = kind;
        this.type =
                switch (kind) {
                    case DEALER -> SocketType.DEALER;
                    case ROUTER -> SocketType.ROUTER;
                    case PAIR -> SocketType.PAIR;
                    case PUSH -> SocketType.PUSH;
                    case PULL -> SocketType.PULL;
                    case REQ -> SocketType.REQ;
                    case REP -> SocketType.REP;
                    case XPUB -> SocketType.XPUB;
                    case SUB -> SocketType.SUB;
                    case RADIO -> SocketType.RADIO;
                    case DISH -> SocketType.DISH;
                    case CLIENT -> SocketType.CLIENT;
                    case SERVER -> SocketType.SERVER;
                    default -> throw new IllegalArgumentException("JeroMQ: no " + kind + " socket");
                };
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, stallTimeoutMs);
        this.socket = newSocket();
    }

    private ZMQ.Socket newSocket() {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(kind == SocketKind.SUB ? (int) FanOutRun.SUBSCRIBER_LINGER_MS : LINGER_MS);
        s.setReceiveTimeOut(timeoutMs);
        s.setSendTimeOut(timeoutMs);
        if (kind == SocketKind.XPUB) {
            s.setXpubVerbose(true);
        }
        return s;
    }

    @Override
    public String bind(String endpoint) {
        if (!socket.bind(endpoint)) {
            throw new BenchFailure("BIND: JeroMQ could not bind " + endpoint);
        }
        return socket.getLastEndpoint();
    }

    @Override
    public void connect(String endpoint) {
        if (endpoint.startsWith("inproc://")) {
            // No handshake, hence no stall to work around, and no handshake event to wait for.
            if (!socket.connect(endpoint)) {
                throw new BenchFailure("CONNECT: JeroMQ could not connect to " + endpoint);
            }
            return;
        }
        for (int attempt = 1; ; attempt++) {
            if (connectAndAwaitHandshake(endpoint, attempt)) {
                return;
            }
            if (attempt == 2) {
                throw new BenchFailure(
                        "HANDSHAKE: JeroMQ completed no handshake with "
                                + endpoint
                                + " in two"
                                + " attempts of "
                                + HANDSHAKE_WAIT_MS
                                + " ms");
            }
            System.err.println(
                    "weft-bench: JeroMQ completed no handshake with "
                            + endpoint
                            + " within "
                            + HANDSHAKE_WAIT_MS
                            + " ms; recreating its socket once (JeroMQ 0.6.0"
                            + " connect stall, see docs/INTEROP.md)");
            socket.close();
            socket = newSocket();
            connectRetries++;
        }
    }

    @Override
    public int connectRetries() {
        return connectRetries;
    }

    // ZMQ.Event is deprecated in 0.6.0 in favour of ZEvent, but it reads the events that
    // Socket.monitor() emits in the simplest way.
    @SuppressWarnings("deprecation")
    private boolean connectAndAwaitHandshake(String endpoint, int attempt) {
        String monitorEndpoint = "inproc://weft-bench-handshake-" + attempt;
        if (!socket.monitor(monitorEndpoint, ZMQ.EVENT_HANDSHAKE_PROTOCOL)) {
            throw new BenchFailure("MONITOR: JeroMQ could not monitor its socket");
        }
        ZMQ.Socket monitor = context.createSocket(SocketType.PAIR);
        try {
            monitor.setReceiveTimeOut(HANDSHAKE_WAIT_MS);
            monitor.connect(monitorEndpoint);
            if (!socket.connect(endpoint)) {
                throw new BenchFailure("CONNECT: JeroMQ could not connect to " + endpoint);
            }
            if (ZMQ.Event.recv(monitor) != null) {
                return true;
            }
            System.err.println(
                    "weft-bench: JeroMQ completed no handshake with "
                            + endpoint
                            + " within "
                            + HANDSHAKE_WAIT_MS
                            + " ms; nudging its I/O thread (JeroMQ 0.6.0 lost poller"
                            + " registration)");
            nudgeIoThread();
            return ZMQ.Event.recv(monitor) != null;
        } finally {
            socket.monitor(null, 0);
            monitor.close();
        }
    }

    private void nudgeIoThread() {
        ZMQ.Socket nudge = context.createSocket(SocketType.PAIR);
        try {
            nudge.bind("tcp://127.0.0.1:*");
        } finally {
            context.destroySocket(nudge);
        }
    }

    @Override
    public boolean send(byte[] payload) {
        if (kind == SocketKind.RADIO) {
            Msg m = new Msg(payload);
            m.setGroup(GroupsRun.GROUP);
            return socket.sendMsg(m);
        }
        return socket.send(payload, 0);
    }

    @Override
    public int receive() {
        byte[] payload;
        if (kind.hasEnvelope()) {
            byte[] id = socket.recv(0);
            if (id == null) {
                return -1;
            }
            payload = receiveRest();
        } else {
            payload = socket.recv(0);
            if (payload == null) {
                return -1;
            }
            checkLast(1);
        }
        return payload.length;
    }

    @Override
    public int echo() {
        if (kind.hasEnvelope()) {
            byte[] id = socket.recv(0);
            if (id == null) {
                return -1;
            }
            byte[] payload = receiveRest();
            if (!socket.send(id, ZMQ.SNDMORE) || !socket.send(payload, 0)) {
                return -1;
            }
            return payload.length;
        }
        if (kind == SocketKind.SERVER) {
            // The routing id is a property of the message, which only ZFrame carries.
            ZFrame frame = ZFrame.recvFrame(socket);
            if (frame == null) {
                return -1;
            }
            int n = frame.size();
            return frame.send(socket, 0) ? n : -1;
        }
        byte[] payload = socket.recv(0);
        if (payload == null) {
            return -1;
        }
        checkLast(1);
        return socket.send(payload, 0) ? payload.length : -1;
    }

    @Override
    public void subscribeAll() {
        if (kind == SocketKind.DISH) {
            // The dish binds in groups runs, so this socket is never recreated.
            socket.join(GroupsRun.GROUP);
            return;
        }
        if (kind != SocketKind.SUB) {
            throw new IllegalStateException(kind + " sockets have no subscriptions");
        }
        socket.subscribe(new byte[0]);
    }

    @Override
    public void unsubscribeAll() {
        if (kind != SocketKind.SUB) {
            throw new IllegalStateException(kind + " sockets have no subscriptions");
        }
        socket.unsubscribe(new byte[0]);
    }

    @Override
    public boolean awaitCancelAll(long waitMs) {
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, waitMs));
        try {
            byte[] body = receiveSubscription();
            if (body == null) {
                return false;
            }
            Subscriptions.checkCancelAll(body);
            return true;
        } finally {
            socket.setReceiveTimeOut(timeoutMs);
        }
    }

    @Override
    public boolean awaitSubscriptions(int count) {
        for (int i = 0; i < count; i++) {
            byte[] body = receiveSubscription();
            if (body == null) {
                return false;
            }
            Subscriptions.checkSubscribeAll(body);
        }
        return true;
    }

    /** Receives one single-frame subscription message on the XPUB; null on the receive timeout. */
    private byte[] receiveSubscription() {
        requireXpub();
        byte[] body = socket.recv(0);
        if (body != null) {
            checkLast(1);
        }
        return body;
    }

    @Override
    public void dropWhenFull(boolean drop) {
        requireXpub();
        socket.setXpubNoDrop(!drop);
    }

    @Override
    public void close() {
        if (ownsContext) {
            context.close();
        } else {
            socket.close();
        }
    }

    private void requireXpub() {
        if (kind != SocketKind.XPUB) {
            throw new IllegalStateException(kind + " sockets do not publish subscriptions");
        }
    }

    private byte[] receiveRest() {
        if (!socket.hasReceiveMore()) {
            throw new BenchFailure("FRAME_COUNT: 1 frame (expected: 2, routing id then payload)");
        }
        byte[] payload = socket.recv(0);
        if (payload == null) {
            throw new BenchFailure("FRAME_COUNT: the payload frame did not follow the routing id");
        }
        checkLast(2);
        return payload;
    }

    private void checkLast(int framesSoFar) {
        if (socket.hasReceiveMore()) {
            throw new BenchFailure(
                    "FRAME_COUNT: more than "
                            + framesSoFar
                            + " frames (expected: "
                            + framesSoFar
                            + ")");
        }
    }
}
