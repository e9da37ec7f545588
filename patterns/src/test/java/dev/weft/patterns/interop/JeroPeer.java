package dev.weft.patterns.interop;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * One JeroMQ 0.6.0 socket in its own {@link ZContext}, with the same typed calls as {@link
 * LibzmqPeer}, for interop tests against JeroMQ (the only peer here with the draft socket types).
 *
 * <p><b>JeroMQ as the connecting side.</b> JeroMQ 0.6.0 sometimes stalls when it connects: the
 * peer's greeting sits unread and JeroMQ never sends its own (about 1% of connections, more under
 * load; see {@code docs/INTEROP.md}). The cause is in JeroMQ's poller: when the connecter's handle
 * is cancelled and the new engine's handle for the same channel is added within one poll iteration,
 * the engine's registration is lost, and the I/O thread waits for events it will never get until
 * some other handle of that thread changes its interest. Tests where JeroMQ connects should use
 * {@link #connectWithRetry(String, Duration)}: when no handshake completes in time, it first nudges
 * JeroMQ's I/O thread (binds and closes a throwaway socket in the same context, which makes the
 * poller re-register its handles), then, if still nothing, recreates the JeroMQ socket once,
 * replays the options given to {@link #configure} and connects again; each step is logged through
 * {@link System.Logger}. Neither step touches the Weft side, which never gets a retry: a Weft stall
 * is a Weft bug.
 *
 * <p>Options must go through {@link #configure} (or {@link #routingId}, {@link #subscribe}) to
 * survive a recreation; settings made directly on {@link #socket()} do not.
 *
 * <p>Thread safety: not thread-safe, like the JeroMQ socket it wraps; use it from one thread.
 */
public final class JeroPeer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JeroPeer.class.getName());
    private static final AtomicInteger MONITOR_IDS = new AtomicInteger();
    private static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration AFTER_NUDGE_WAIT = Duration.ofSeconds(2);

    private final ZContext context = new ZContext();
    private final SocketType type;
    private final List<Consumer<ZMQ.Socket>> configuration = new ArrayList<>();
    private final List<String> boundEndpoints = new ArrayList<>();
    private ZMQ.Socket socket;
    private int socketRecreations;
    private int ioThreadNudges;

    private JeroPeer(SocketType type) {
        this.type = type;
        this.socket = context.createSocket(type);
    }

    /**
     * Creates a JeroMQ socket of the given type in a new context (LINGER 0, JeroMQ's {@code
     * ZContext} default).
     *
     * @return the peer; the caller must {@link #close()} it
     */
    public static JeroPeer start(SocketType type) {
        return new JeroPeer(type);
    }

    /**
     * Creates a JeroMQ socket from a type name such as {@code DEALER} or {@code dish}.
     *
     * @throws IllegalArgumentException when JeroMQ has no such socket type
     */
    public static JeroPeer start(String typeName) {
        return start(SocketType.valueOf(typeName.toUpperCase(Locale.ROOT)));
    }

    /** The socket type. */
    public SocketType socketType() {
        return type;
    }

    /**
     * The current JeroMQ socket, for calls this class does not offer. It changes when {@link
     * #connectWithRetry} recreates the socket; options set on it directly are then lost.
     */
    public ZMQ.Socket socket() {
        return socket;
    }

    /** Applies {@code option} to the socket now, and again to any socket that replaces it. */
    public void configure(Consumer<ZMQ.Socket> option) {
        option.accept(socket);
        configuration.add(option);
    }

    /** Sets the routing id (ZMQ_ROUTING_ID, JeroMQ's {@code setIdentity}); kept on recreation. */
    public void routingId(byte[] routingId) {
        byte[] copy = routingId.clone();
        configure(s -> s.setIdentity(copy));
    }

    /** Subscribes a SUB socket to {@code topic}; kept on recreation. */
    public void subscribe(byte[] topic) {
        byte[] copy = topic.clone();
        configure(s -> s.subscribe(copy));
    }

    /**
     * Binds the socket.
     *
     * @param endpoint for example {@code tcp://127.0.0.1:*}
     * @return the endpoint actually bound, from {@code getLastEndpoint()}
     * @throws org.zeromq.ZMQException when JeroMQ refuses the endpoint
     */
    public String bind(String endpoint) {
        if (!socket.bind(endpoint)) {
            throw new IllegalStateException("JeroMQ " + type + " could not bind " + endpoint);
        }
        boundEndpoints.add(endpoint);
        return socket.getLastEndpoint();
    }

    /**
     * Connects without any stall protection; prefer {@link #connectWithRetry(String, Duration)}
     * when the other side is a TCP server.
     */
    public void connect(String endpoint) {
        if (!socket.connect(endpoint)) {
            throw new IllegalStateException("JeroMQ " + type + " could not connect " + endpoint);
        }
    }

    /**
     * Connects and waits until JeroMQ reports a completed ZMTP greeting exchange (its monitor's
     * {@code EVENT_HANDSHAKE_PROTOCOL}). If none comes within {@code handshakeWait}, nudges
     * JeroMQ's I/O thread and waits a little more; if still none, recreates the socket once
     * (logging a warning), connects again and waits again the same way.
     *
     * @param handshakeWait how long each attempt may take, a few seconds
     * @throws AssertionError when the second attempt also sees no handshake
     * @throws IllegalStateException when a recreation is needed but the socket also has binds
     */
    public void connectWithRetry(String endpoint, Duration handshakeWait) {
        for (int attempt = 1; ; attempt++) {
            String monitorAddress =
                    "inproc://weft-jero-peer-monitor-" + MONITOR_IDS.incrementAndGet();
            socket.monitor(monitorAddress, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
            ZMQ.Socket monitor = context.createSocket(SocketType.PAIR);
            try {
                monitor.connect(monitorAddress);
                connect(endpoint);
                if (awaitHandshakeEvent(monitor, handshakeWait)
                        || nudgedThen(
                                endpoint, () -> awaitHandshakeEvent(monitor, AFTER_NUDGE_WAIT))) {
                    return;
                }
            } finally {
                socket.monitor(null, 0);
                monitor.close();
            }
            recreateOnceOrFail(attempt, endpoint, handshakeWait);
        }
    }

    /**
     * Like {@link #connectWithRetry(String, Duration)}, but the caller says when the handshake is
     * done, for example from the Weft side's own connection state. Polls {@code handshakeDone} with
     * Awaitility for up to {@code handshakeWait} per attempt.
     *
     * @throws AssertionError when {@code handshakeDone} stays false after one recreation
     */
    public void connectWithRetry(
            String endpoint, Duration handshakeWait, BooleanSupplier handshakeDone) {
        for (int attempt = 1; ; attempt++) {
            connect(endpoint);
            if (handshakeWithin(endpoint, handshakeWait, handshakeDone)
                    || nudgedThen(
                            endpoint,
                            () -> handshakeWithin(endpoint, AFTER_NUDGE_WAIT, handshakeDone))) {
                return;
            }
            recreateOnceOrFail(attempt, endpoint, handshakeWait);
        }
    }

    /** How many times {@link #connectWithRetry} recreated the socket (0 or 1). */
    public int socketRecreations() {
        return socketRecreations;
    }

    /** How many times {@link #connectWithRetry} nudged JeroMQ's I/O thread (at most 2). */
    public int ioThreadNudges() {
        return ioThreadNudges;
    }

    /** Sends one multipart message, waiting up to 5 s; see {@link #send(List, Duration)}. */
    public void send(List<byte[]> frames) {
        send(frames, DEFAULT_SEND_TIMEOUT);
    }

    /**
     * Sends one multipart message. JeroMQ copies the frames; the caller keeps them.
     *
     * @throws IllegalArgumentException when {@code frames} is empty
     * @throws AssertionError when JeroMQ cannot send within {@code timeout} (no peer, HWM reached)
     */
    public void send(List<byte[]> frames, Duration timeout) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a message has at least one frame");
        }
        socket.setSendTimeOut(toMillis(timeout));
        for (int i = 0; i < frames.size(); i++) {
            int flags = i < frames.size() - 1 ? ZMQ.SNDMORE : 0;
            if (!socket.send(frames.get(i), flags)) {
                throw new AssertionError(
                        "JeroMQ " + type + " could not send frame " + i + " within " + timeout);
            }
        }
    }

    /**
     * Receives one multipart message.
     *
     * @return the frames, in order; empty frames are empty arrays
     * @throws AssertionError when nothing arrives within {@code timeout}
     */
    public List<byte[]> receive(Duration timeout) {
        return tryReceive(timeout)
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "JeroMQ " + type + " received nothing within " + timeout));
    }

    /** Receives one multipart message if one arrives within {@code timeout}. */
    public Optional<List<byte[]>> tryReceive(Duration timeout) {
        socket.setReceiveTimeOut(toMillis(timeout));
        byte[] first = socket.recv(0);
        if (first == null) {
            return Optional.empty();
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            // A message arrives whole, so its other frames are already here.
            frames.add(socket.recv(0));
        }
        return Optional.of(List.copyOf(frames));
    }

    /** Closes the socket and its context (LINGER 0). Idempotent. */
    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return "JeroMQ " + type + " peer";
    }

    private boolean handshakeWithin(String endpoint, Duration wait, BooleanSupplier handshakeDone) {
        try {
            Awaitility.await("ZMTP handshake of JeroMQ " + type + " with " + endpoint)
                    .atMost(wait)
                    .pollInterval(Duration.ofMillis(10))
                    .until(handshakeDone::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * Makes JeroMQ's I/O thread re-register its handles (a throwaway listener in the same context
     * changes the poller's handle set), then tells whether the handshake completed after all.
     */
    private boolean nudgedThen(String endpoint, BooleanSupplier handshakeDone) {
        LOG.log(
                Level.WARNING,
                "JeroMQ {0} made no ZMTP handshake with {1} yet; nudging its I/O thread (known"
                        + " JeroMQ 0.6.0 lost poller registration, see JeroPeer)",
                type,
                endpoint);
        ioThreadNudges++;
        ZMQ.Socket nudge = context.createSocket(SocketType.PAIR);
        try {
            nudge.bind("tcp://127.0.0.1:*");
        } finally {
            context.destroySocket(nudge);
        }
        return handshakeDone.getAsBoolean();
    }

    private boolean awaitHandshakeEvent(ZMQ.Socket monitor, Duration wait) {
        long deadlineNs = System.nanoTime() + wait.toNanos();
        for (long leftNs = wait.toNanos(); leftNs > 0; leftNs = deadlineNs - System.nanoTime()) {
            monitor.setReceiveTimeOut(toMillis(Duration.ofNanos(leftNs)));
            ZEvent event = ZEvent.recv(monitor); // null when the receive timeout expires
            if (event != null && event.getEvent() == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
                return true;
            }
        }
        return false;
    }

    private void recreateOnceOrFail(int attempt, String endpoint, Duration handshakeWait) {
        if (attempt > 1) {
            throw new AssertionError(
                    "JeroMQ "
                            + type
                            + " made no ZMTP handshake with "
                            + endpoint
                            + " within "
                            + handshakeWait
                            + ", even after recreating its socket once");
        }
        if (!boundEndpoints.isEmpty()) {
            throw new IllegalStateException(
                    "JeroMQ "
                            + type
                            + " stalled connecting, but cannot be recreated: it is also"
                            + " bound to "
                            + boundEndpoints);
        }
        LOG.log(
                Level.WARNING,
                "JeroMQ {0} made no ZMTP handshake with {1} within {2}; recreating its socket"
                        + " once (known JeroMQ 0.6.0 connect stall, see docs/INTEROP.md)",
                type,
                endpoint,
                handshakeWait);
        socket.close();
        socket = context.createSocket(type);
        configuration.forEach(option -> option.accept(socket));
        socketRecreations++;
    }

    private static int toMillis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
