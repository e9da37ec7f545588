package dev.weft.bench.peer;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * JeroMQ 0.6.0 sockets for the idle-connection run: one {@link ZMQ.Context} with one I/O thread for
 * all of them, its socket limit raised to fit, linger zero (the run ends by dropping its
 * connections). JeroMQ's known connect stall (see {@link JeromqBenchSocket}) is handled by {@link
 * #unstick()}: a throwaway listener in the same context makes the I/O thread re-register its
 * handles.
 */
final class JeromqIdleSockets implements IdleSockets {
    /** Sockets the run opens besides the idle ones: the control DEALER and the nudges. */
    private static final int SPARE_SOCKETS = 16;

    private final ZMQ.Context context = ZMQ.context(1);
    private final List<ZMQ.Socket> sockets = new ArrayList<>();

    /**
     * Creates the context.
     *
     * @param sockets how many sockets it must hold at once, besides a few spares
     */
    JeromqIdleSockets(int sockets) {
        context.setMaxSockets(Math.max(context.getMaxSockets(), sockets + SPARE_SOCKETS));
    }

    @Override
    public Router bindRouter(String endpoint) {
        ZMQ.Socket router = open(SocketType.ROUTER);
        if (!router.bind(endpoint)) {
            throw new BenchFailure("BIND: JeroMQ could not bind " + endpoint);
        }
        String bound = router.getLastEndpoint();
        return new Router() {
            @Override
            public String endpoint() {
                return bound;
            }

            @Override
            public Envelope receive(long timeoutMs) {
                router.setReceiveTimeOut(asInt(timeoutMs));
                byte[] id = router.recv(0);
                if (id == null) {
                    return null;
                }
                if (!router.hasReceiveMore()) {
                    throw new BenchFailure("FRAME_COUNT: 1 frame (expected: 2)");
                }
                byte[] payload = router.recv(0);
                if (payload == null || router.hasReceiveMore()) {
                    throw new BenchFailure(
                            "FRAME_COUNT: expected 2 frames, routing id and payload");
                }
                return new Envelope(id, payload);
            }

            @Override
            public boolean send(byte[] routingId, byte[] payload, long timeoutMs) {
                router.setSendTimeOut(asInt(timeoutMs));
                return router.send(routingId, ZMQ.SNDMORE) && router.send(payload, 0);
            }
        };
    }

    @Override
    public Dealer openDealer() {
        ZMQ.Socket dealer = open(SocketType.DEALER);
        return new Dealer() {
            @Override
            public void connect(String endpoint) {
                if (!dealer.connect(endpoint)) {
                    throw new BenchFailure("CONNECT: JeroMQ could not connect to " + endpoint);
                }
            }

            @Override
            public boolean send(byte[] payload, long timeoutMs) {
                dealer.setSendTimeOut(asInt(timeoutMs));
                return dealer.send(payload, 0);
            }

            @Override
            public byte[] receive(long timeoutMs) {
                dealer.setReceiveTimeOut(asInt(timeoutMs));
                byte[] payload = dealer.recv(0);
                if (payload != null && dealer.hasReceiveMore()) {
                    throw new BenchFailure("FRAME_COUNT: more than 1 frame (expected: 1)");
                }
                return payload;
            }
        };
    }

    @Override
    public boolean unstick() {
        ZMQ.Socket nudge = context.socket(SocketType.PAIR);
        try {
            nudge.setLinger(0);
            nudge.bind("tcp://127.0.0.1:*");
        } finally {
            nudge.close();
        }
        return true;
    }

    /** Closes every socket (the context's termination waits for that), then the context. */
    @Override
    public void close() {
        for (ZMQ.Socket s : sockets) {
            s.close();
        }
        sockets.clear();
        context.close();
    }

    private ZMQ.Socket open(SocketType type) {
        ZMQ.Socket s = context.socket(type);
        sockets.add(s);
        s.setLinger(0);
        return s;
    }

    private static int asInt(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
