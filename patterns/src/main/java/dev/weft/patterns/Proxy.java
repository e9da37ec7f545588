package dev.weft.patterns;

import dev.weft.core.InterruptedOperationException;
import dev.weft.core.Message;
import dev.weft.core.SocketClosedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards whole messages between a frontend and a backend socket, in both directions where the
 * socket types allow (like libzmq's {@code zmq_proxy}): ROUTER/DEALER makes a request-reply broker,
 * XSUB/XPUB a pub-sub forwarder (subscriptions flow upstream as messages), PULL/PUSH a streamer. An
 * optional capture socket gets a copy of every forwarded message.
 *
 * <p>Back-pressure is honoured: a message is read from one side only when the other side can take
 * it, so a full peer slows the proxy down instead of making it drop or queue without bound.
 *
 * <p>{@link #start} runs the proxy on its own thread and returns a handle that can pause, resume,
 * terminate and report statistics (messages and bytes each way); {@link #run} runs it on the
 * calling thread until a socket closes or the thread is interrupted. Thread-safe handle.
 */
public final class Proxy implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Proxy.class.getName());
    private static final int BATCH = 256;

    private final Direction frontToBack;
    private final Direction backToFront;
    private final MessageSender capture;
    private final ReadinessWaiter waiter = new ReadinessWaiter();
    private volatile boolean paused;
    private volatile boolean terminated;
    private Thread thread;

    /**
     * Message and byte counts of a running proxy.
     *
     * @param frontToBackMessages messages forwarded from frontend to backend
     * @param frontToBackBytes their total body bytes
     * @param backToFrontMessages messages forwarded from backend to frontend
     * @param backToFrontBytes their total body bytes
     */
    public record Stats(
            long frontToBackMessages,
            long frontToBackBytes,
            long backToFrontMessages,
            long backToFrontBytes) {}

    /** One forwarding direction; present only when the source receives and the target sends. */
    private static final class Direction {
        final WeftSocket source;
        final WeftSocket target;
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        Direction(WeftSocket source, WeftSocket target) {
            this.source = source;
            this.target = target;
        }

        boolean ready() {
            return source.roleCanReceive() && target.roleCanSend();
        }
    }

    private Proxy(WeftSocket frontend, WeftSocket backend, MessageSender capture) {
        this.frontToBack = direction(frontend, backend);
        this.backToFront = direction(backend, frontend);
        if (frontToBack == null && backToFront == null) {
            throw new IllegalArgumentException(
                    "proxy "
                            + frontend.type()
                            + " -> "
                            + backend.type()
                            + ": no direction can forward (expected: a socket that receives on"
                            + " one side and one that sends on the other)");
        }
        this.capture = capture;
        waiter.watch(frontend);
        waiter.watch(backend);
    }

    /**
     * Starts a proxy on a new thread.
     *
     * @param frontend the socket clients talk to
     * @param backend the socket services talk to
     * @param capture gets a copy of every forwarded message, or null
     * @return the handle to steer it
     * @throws IllegalArgumentException when neither direction can forward
     */
    public static Proxy start(WeftSocket frontend, WeftSocket backend, MessageSender capture) {
        Proxy p = new Proxy(frontend, backend, capture);
        p.thread = new Thread(p::loop, "weft-proxy-" + frontend.type() + "-" + backend.type());
        p.thread.setDaemon(true);
        p.thread.start();
        return p;
    }

    /**
     * Starts a proxy without capture on a new thread.
     *
     * @param frontend the socket clients talk to
     * @param backend the socket services talk to
     * @return the handle to steer it
     */
    public static Proxy start(WeftSocket frontend, WeftSocket backend) {
        return start(frontend, backend, null);
    }

    /**
     * Runs a proxy on the calling thread until either socket closes or the thread is interrupted.
     *
     * @param frontend the socket clients talk to
     * @param backend the socket services talk to
     * @param capture gets a copy of every forwarded message, or null
     */
    public static void run(WeftSocket frontend, WeftSocket backend, MessageSender capture) {
        new Proxy(frontend, backend, capture).loop();
    }

    /** Stops forwarding; messages wait in the sockets' queues until {@link #resume()}. */
    public void pause() {
        paused = true;
        waiter.wakeup();
    }

    /** Forwards again after {@link #pause()}. */
    public void resume() {
        paused = false;
        waiter.wakeup();
    }

    /**
     * Tells whether the proxy is paused.
     *
     * @return true between pause and resume
     */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Stops the proxy and waits (up to 5 s) for its thread to end. The sockets stay open.
     * Idempotent.
     */
    public void terminate() {
        terminated = true;
        waiter.wakeup();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tells whether the proxy still forwards (or is paused).
     *
     * @return false after terminate, or once a socket closed
     */
    public boolean isRunning() {
        Thread t = thread;
        return !terminated && t != null && t.isAlive();
    }

    /**
     * Returns the counts so far.
     *
     * @return a snapshot
     */
    public Stats stats() {
        return new Stats(
                count(frontToBack, true),
                count(frontToBack, false),
                count(backToFront, true),
                count(backToFront, false));
    }

    /** Same as {@link #terminate()}. */
    @Override
    public void close() {
        terminate();
    }

    private void loop() {
        try {
            while (!terminated && !closed(frontToBack) && !closed(backToFront)) {
                waiter.await(System.nanoTime() + Duration.ofSeconds(1).toNanos(), this::readyCount);
                if (paused || terminated) {
                    continue;
                }
                forward(frontToBack);
                forward(backToFront);
            }
        } catch (SocketClosedException | InterruptedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: proxy stopped: {0}", e.getMessage());
        } finally {
            waiter.close();
        }
    }

    private int readyCount() {
        if (terminated) {
            return 1;
        }
        if (paused) {
            return 0;
        }
        int n = 0;
        if (frontToBack != null && frontToBack.ready()) {
            n++;
        }
        if (backToFront != null && backToFront.ready()) {
            n++;
        }
        return n;
    }

    private void forward(Direction d) {
        if (d == null) {
            return;
        }
        MessageReceiver in = (MessageReceiver) d.source;
        MessageSender out = (MessageSender) d.target;
        for (int i = 0; i < BATCH && !paused && d.target.roleCanSend(); i++) {
            Message m = in.tryReceive();
            if (m == null) {
                return;
            }
            long bytes = m.byteSize();
            if (capture != null) {
                Message copy = m.retainedDuplicate();
                if (!capture.trySend(copy)) {
                    copy.close();
                }
            }
            // The target said it can take a message; another thread may have beaten us to it,
            // so wait rather than drop.
            while (!out.send(m, Duration.ofMillis(100))) {
                if (terminated || d.target.isClosed()) {
                    m.close();
                    return;
                }
            }
            d.messages.incrementAndGet();
            d.bytes.addAndGet(bytes);
        }
    }

    private static Direction direction(WeftSocket source, WeftSocket target) {
        return source instanceof MessageReceiver && target instanceof MessageSender
                ? new Direction(source, target)
                : null;
    }

    private static boolean closed(Direction d) {
        return d != null && (d.source.isClosed() || d.target.isClosed());
    }

    private static long count(Direction d, boolean messages) {
        if (d == null) {
            return 0;
        }
        return messages ? d.messages.get() : d.bytes.get();
    }
}
