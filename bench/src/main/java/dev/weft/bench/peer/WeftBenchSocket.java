package dev.weft.bench.peer;

import dev.weft.bench.SocketKind;
import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.patterns.ClientSocket;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PairSocket;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import dev.weft.patterns.RadioSocket;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.RouterSocket;
import dev.weft.patterns.ServerSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.WeftSocket;
import dev.weft.patterns.XPubSocket;
import java.time.Duration;

/**
 * A Weft socket behind {@link BenchSocket}, used the way an application would: {@code byte[]}
 * payloads wrapped with {@link Message#of(byte[]...)}, received messages closed after use, and echo
 * by sending the received message itself (a ROUTER routes it by its routing-id frame, a REP by the
 * envelope it kept).
 *
 * <p>Default high-water marks (1000 each way), one I/O thread, linger long enough for the end
 * marker to go out.
 */
public final class WeftBenchSocket implements BenchSocket {
    private static final Duration LINGER = Duration.ofSeconds(10);

    private final Context context;
    private final boolean ownsContext;
    private final WeftSocket socket;
    private final MessageSender sender;
    private final MessageReceiver receiver;
    private final SocketKind kind;
    private final Duration stall;
    private final MonitorTrail trail = new MonitorTrail();

    /**
     * Opens a socket in a new context.
     *
     * @param kind the socket type
     * @param stallTimeoutMs longest wait of any send or receive
     */
    public WeftBenchSocket(SocketKind kind, long stallTimeoutMs) {
        this(Context.create(), true, kind, stallTimeoutMs);
    }

    /**
     * Opens a socket in a context shared with other sockets of this process (inproc runs); closing
     * the socket leaves the context open.
     *
     * @param context the shared context, closed by its owner
     * @param kind the socket type
     * @param stallTimeoutMs longest wait of any send or receive
     */
    public WeftBenchSocket(Context context, SocketKind kind, long stallTimeoutMs) {
        this(context, false, kind, stallTimeoutMs);
    }

    private WeftBenchSocket(
            Context context, boolean ownsContext, SocketKind kind, long stallTimeoutMs) {
        this.context = context;
        this.ownsContext = ownsContext;
        this.kind = kind;
        this.stall = Duration.ofMillis(stallTimeoutMs);
        Duration linger =
                kind == SocketKind.SUB ? Duration.ofMillis(FanOutRun.SUBSCRIBER_LINGER_MS) : LINGER;
        SocketOptions options = SocketOptions.builder().linger(linger).build();
        this.socket =
                switch (kind) {
                    case DEALER -> new DealerSocket(context, options);
                    case ROUTER -> new RouterSocket(context, options);
                    case PAIR -> new PairSocket(context, options);
                    case PUSH -> new PushSocket(context, options);
                    case PULL -> new PullSocket(context, options);
                    case REQ -> new ReqSocket(context, options);
                    case REP -> new RepSocket(context, options);
                    case XPUB -> new XPubSocket(context, options).verbose(true);
                    case SUB -> new SubSocket(context, options);
                    case RADIO -> new RadioSocket(context, options);
                    case DISH -> new DishSocket(context, options);
                    case CLIENT -> new ClientSocket(context, options);
                    case SERVER -> new ServerSocket(context, options);
                    default ->
                            throw new IllegalArgumentException("Weft has no " + kind + " socket");
                };
        socket.addMonitor(trail);
        this.sender = socket instanceof MessageSender s ? s : null;
        this.receiver = socket instanceof MessageReceiver r ? r : null;
    }

    @Override
    public String bind(String endpoint) {
        return socket.bind(endpoint);
    }

    @Override
    public void connect(String endpoint) {
        socket.connect(endpoint);
    }

    @Override
    public String diagnostics() {
        return trail.describe() + "\n" + socket.stats();
    }

    @Override
    public boolean send(byte[] payload) {
        Message m = Message.of(payload);
        if (socket instanceof RadioSocket radio) {
            // Never waits: a message for a full dish is dropped and counted.
            radio.send(m.group(GroupsRun.GROUP));
            return true;
        }
        if (sender().send(m, stall)) {
            return true;
        }
        m.close();
        return false;
    }

    @Override
    public int receive() {
        try (Message m = receiver().receive(stall)) {
            if (m == null) {
                return -1;
            }
            return payloadSize(m);
        }
    }

    @Override
    public int echo() {
        Message m = receiver().receive(stall);
        if (m == null) {
            return -1;
        }
        boolean sent = false;
        try {
            int n = payloadSize(m);
            sent = sender().send(m, stall);
            return sent ? n : -1;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }

    @Override
    public void subscribeAll() {
        if (socket instanceof DishSocket dish) {
            dish.join(GroupsRun.GROUP);
            return;
        }
        if (!(socket instanceof SubSocket sub)) {
            throw new IllegalStateException(kind + " sockets have no subscriptions");
        }
        sub.subscribe(new byte[0]);
    }

    @Override
    public void unsubscribeAll() {
        if (!(socket instanceof SubSocket sub)) {
            throw new IllegalStateException(kind + " sockets have no subscriptions");
        }
        sub.unsubscribe(new byte[0]);
    }

    @Override
    public boolean awaitCancelAll(long waitMs) {
        byte[] body = receiveSubscription(Duration.ofMillis(waitMs));
        if (body == null) {
            return false;
        }
        Subscriptions.checkCancelAll(body);
        return true;
    }

    @Override
    public boolean awaitSubscriptions(int count) {
        for (int i = 0; i < count; i++) {
            byte[] body = receiveSubscription(stall);
            if (body == null) {
                return false;
            }
            Subscriptions.checkSubscribeAll(body);
        }
        return true;
    }

    /** Receives one single-frame subscription message on the XPUB; null when none came in time. */
    private byte[] receiveSubscription(Duration wait) {
        xpub();
        try (Message m = receiver().receive(wait)) {
            if (m == null) {
                return null;
            }
            if (m.size() != 1) {
                throw new BenchFailure(
                        "FRAME_COUNT: a subscription of " + m.size() + " frames (expected: 1)");
            }
            return m.frame(0).toByteArray();
        }
    }

    @Override
    public void dropWhenFull(boolean drop) {
        xpub().noDrop(!drop);
    }

    @Override
    public void close() {
        socket.close();
        if (ownsContext) {
            context.close();
            SocketStats stats = socket.stats();
            if (stats.droppedOnClose() > 0 || stats.droppedOnDisconnect() > 0) {
                System.err.println(
                        "weft: messages dropped at close or disconnect:\n" + diagnostics());
            }
        }
    }

    private XPubSocket xpub() {
        if (!(socket instanceof XPubSocket x)) {
            throw new IllegalStateException(kind + " sockets do not publish subscriptions");
        }
        return x;
    }

    private MessageSender sender() {
        if (sender == null) {
            throw new IllegalStateException(kind + " sockets cannot send");
        }
        return sender;
    }

    private MessageReceiver receiver() {
        if (receiver == null) {
            throw new IllegalStateException(kind + " sockets cannot receive");
        }
        return receiver;
    }

    private int payloadSize(Message m) {
        int expected = kind.hasEnvelope() ? 2 : 1;
        if (m.size() != expected) {
            throw new BenchFailure(
                    "FRAME_COUNT: " + m.size() + " frames (expected: " + expected + ")");
        }
        return m.frame(expected - 1).size();
    }
}
