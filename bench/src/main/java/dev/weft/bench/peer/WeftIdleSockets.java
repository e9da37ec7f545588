package dev.weft.bench.peer;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;

/**
 * Weft sockets for the idle-connection run: one {@link Context} with one I/O thread for all of
 * them, default options except a zero linger (the run ends by dropping its connections).
 */
final class WeftIdleSockets implements IdleSockets {
    private static final SocketOptions OPTIONS =
            SocketOptions.builder().linger(Duration.ZERO).build();

    private final Context context = Context.create();

    @Override
    public Router bindRouter(String endpoint) {
        RouterSocket router = new RouterSocket(context, OPTIONS);
        String bound = router.bind(endpoint);
        return new Router() {
            @Override
            public String endpoint() {
                return bound;
            }

            @Override
            public Envelope receive(long timeoutMs) {
                try (Message m = router.receive(Duration.ofMillis(timeoutMs))) {
                    if (m == null) {
                        return null;
                    }
                    if (m.size() != 2) {
                        throw new BenchFailure(
                                "FRAME_COUNT: " + m.size() + " frames (expected: 2)");
                    }
                    return new Envelope(m.frame(0).toByteArray(), m.frame(1).toByteArray());
                }
            }

            @Override
            public boolean send(byte[] routingId, byte[] payload, long timeoutMs) {
                return sendOrClose(router::send, Message.of(routingId, payload), timeoutMs);
            }
        };
    }

    @Override
    public Dealer openDealer() {
        DealerSocket dealer = new DealerSocket(context, OPTIONS);
        return new Dealer() {
            @Override
            public void connect(String endpoint) {
                dealer.connect(endpoint);
            }

            @Override
            public boolean send(byte[] payload, long timeoutMs) {
                return sendOrClose(dealer::send, Message.of(payload), timeoutMs);
            }

            @Override
            public byte[] receive(long timeoutMs) {
                try (Message m = dealer.receive(Duration.ofMillis(timeoutMs))) {
                    if (m == null) {
                        return null;
                    }
                    if (m.size() != 1) {
                        throw new BenchFailure(
                                "FRAME_COUNT: " + m.size() + " frames (expected: 1)");
                    }
                    return m.frame(0).toByteArray();
                }
            }
        };
    }

    @Override
    public void close() {
        context.close();
    }

    /** A socket's timed send. */
    private interface TimedSend {
        boolean send(Message m, Duration timeout);
    }

    private static boolean sendOrClose(TimedSend socket, Message m, long timeoutMs) {
        if (socket.send(m, Duration.ofMillis(timeoutMs))) {
            return true;
        }
        m.close();
        return false;
    }
}
