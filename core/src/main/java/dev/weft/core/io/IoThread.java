package dev.weft.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One I/O thread: a {@link Selector} loop that owns channels, engines, listeners, dialers and
 * timers (DESIGN §3). Other threads reach it only through {@link #execute}, which wakes the
 * selector only when the loop sleeps.
 *
 * <p>While a producer streams work to it (see {@link #expectMoreTasks()}), the loop spins for a few
 * microseconds before it sleeps, so that the producer's next task finds it awake: a {@link
 * Selector#wakeup()} is a system call for the producer, and the sleep and the wake-up are a context
 * switch for each side.
 *
 * <p>The loop never dies: anything a handler or task throws is logged, counted and reported to that
 * handler, which closes only its own connection.
 */
public final class IoThread implements Executor {
    private static final System.Logger LOG = System.getLogger(IoThread.class.getName());

    // How long the loop waits for the next task before it sleeps, after a task reported a stream
    // (expectMoreTasks): long enough for a producer that is running, or that the loop has just
    // woken at its queue's low-water mark, to write again; short against a scheduler time slice.
    // Measured on a loaded 2-core VM: 10 us left half the sleeps, 35 us cut them to a third with
    // fewer context switches in all than 70 or 150 us, whose longer spins get preempted instead.
    static final long STREAM_SPIN_NS = 35_000;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong wakeups = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long timerSequence;
    // Loop thread only: the selector is handing out keys, so it must not select now.
    private boolean dispatching;
    // Loop thread only: a handler closed channels whose addresses must be freed after its event.
    private boolean releaseAfterDispatch;
    private final long streamSpinNs;
    // Loop thread only: a task reported a stream since the loop last slept.
    private boolean streaming;

    /**
     * Starts an I/O thread.
     *
     * @param name the thread name
     * @throws UncheckedIOException when no selector can be opened
     */
    public IoThread(String name) {
        this(name, STREAM_SPIN_NS);
    }

    /** Starts an I/O thread that waits {@code streamSpinNs} for a stream's next task (tests). */
    IoThread(String name, long streamSpinNs) {
        this.streamSpinNs = streamSpinNs;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
        this.thread = new LoopThread(this, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Runs a task on this I/O thread, soon. Safe from any thread; never blocks.
     *
     * @param task the task
     */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            wakeups.incrementAndGet();
            selector.wakeup();
        }
    }

    /**
     * Tells whether the caller runs on this I/O thread.
     *
     * @return true on the I/O thread
     */
    public boolean inThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Tells the I/O thread the caller runs on that its tasks are being fed by a stream: a task has
     * just taken a batch of work that a producer queued faster than this thread woke up, and found
     * the queue empty, so the producer's next edge will likely come within microseconds. The loop
     * then waits for a task a little, spinning without system calls, before it sleeps. Does nothing
     * when called off an I/O thread.
     */
    public static void expectMoreTasks() {
        if (Thread.currentThread() instanceof LoopThread loop) {
            loop.ioThread.streaming = true;
        }
    }

    /**
     * Schedules a task; call on this I/O thread.
     *
     * @param delayNs how long from now
     * @param task what to run on this thread
     * @return a handle to cancel it
     */
    public Timer schedule(long delayNs, Runnable task) {
        Timer t = new Timer(System.nanoTime() + delayNs, task, timerSequence++);
        timers.add(t);
        return t;
    }

    /**
     * Registers a channel with this thread's selector; call on this I/O thread.
     *
     * @param channel a non-blocking channel
     * @param ops the interest set
     * @param handler told when the channel is ready
     * @return the selection key
     * @throws ClosedChannelException when the channel is closed
     */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler)
            throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    /**
     * Returns how many failures handlers and tasks threw so far.
     *
     * @return the failure count
     */
    public long failures() {
        return failures.get();
    }

    /**
     * Returns how many times {@link #execute} had to wake the sleeping loop so far.
     *
     * @return the count of {@link Selector#wakeup()} calls
     */
    long wakeups() {
        return wakeups.get();
    }

    /**
     * Tells whether the loop has announced that it sleeps (or is about to) in the selector.
     *
     * @return true while the next {@link #execute} will wake it
     */
    boolean isSleeping() {
        return sleeping.get();
    }

    /**
     * Stops the loop after the tasks already queued, and waits for it to end.
     *
     * @param timeoutMs how long to wait
     * @return true when the thread ended in time
     */
    public boolean shutdown(long timeoutMs) {
        execute(() -> running = false);
        try {
            return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Makes the selector let go of the channels closed on this thread so far, so that their
     * addresses are free when this returns: the JDK closes a registered channel's descriptor only
     * when its key is deregistered, at the selector's next selection. Call on this I/O thread,
     * after closing listening channels that the caller may want to bind again. From inside a
     * handler's event (the selector is then handing out keys) it happens right after that event
     * instead.
     *
     * @throws UncheckedIOException when the selector fails
     */
    public void releaseClosedChannels() {
        if (dispatching) {
            releaseAfterDispatch = true;
            return;
        }
        try {
            // Keys this selection finds ready stay in the selected set for the loop to dispatch.
            selector.selectNow();
        } catch (IOException e) {
            throw new UncheckedIOException("selector of " + thread.getName() + " failed", e);
        }
    }

    private void run() {
        try {
            while (running) {
                runTasks();
                long timeoutMs = runTimers();
                if (!running) {
                    break;
                }
                if (streaming) {
                    streaming = false;
                    awaitTask(timeoutMs);
                }
                sleeping.set(true);
                if (!tasks.isEmpty() || !selector.selectedKeys().isEmpty()) {
                    sleeping.set(false);
                    selector.selectNow();
                } else if (timeoutMs < 0) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, timeoutMs));
                }
                sleeping.set(false);
                dispatchSelected();
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "I/O thread " + thread.getName() + " failed", t);
        } finally {
            closeAll();
            stopped.countDown();
        }
    }

    /**
     * Spins until a task is queued or the stream spin (at most until the next timer) has passed.
     * {@code sleeping} stays false meanwhile, so a producer's {@link #execute} adds its task
     * without waking the selector; no system call is made.
     */
    private void awaitTask(long timeoutMs) {
        long spinNs =
                timeoutMs < 0
                        ? streamSpinNs
                        : Math.min(streamSpinNs, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
        long deadline = System.nanoTime() + spinNs;
        while (tasks.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                failures.incrementAndGet();
                LOG.log(System.Logger.Level.ERROR, "task failed on " + thread.getName(), t);
            }
        }
    }

    private long runTimers() {
        while (true) {
            Timer t = timers.peek();
            if (t == null) {
                return -1;
            }
            if (t.cancelled) {
                timers.poll();
                continue;
            }
            long remainingNs = t.deadlineNs - System.nanoTime();
            if (remainingNs > 0) {
                return TimeUnit.NANOSECONDS.toMillis(remainingNs) + 1;
            }
            timers.poll();
            try {
                t.task.run();
            } catch (Throwable e) {
                failures.incrementAndGet();
                LOG.log(System.Logger.Level.ERROR, "timer failed on " + thread.getName(), e);
            }
        }
    }

    private void dispatchSelected() throws IOException {
        dispatching = true;
        try {
            dispatchSelectedKeys();
        } finally {
            dispatching = false;
        }
        if (releaseAfterDispatch) {
            releaseAfterDispatch = false;
            selector.selectNow();
        }
    }

    private void dispatchSelectedKeys() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            IoHandler handler = (IoHandler) key.attachment();
            if (!key.isValid()) {
                continue;
            }
            try {
                handler.onReady(key.readyOps());
            } catch (Throwable t) {
                failures.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "handler failed on " + thread.getName(), t);
                try {
                    handler.onFailure(t);
                } catch (Throwable again) {
                    LOG.log(System.Logger.Level.ERROR, "handler cleanup failed", again);
                }
            }
        }
    }

    private void closeAll() {
        runTasks();
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a channel at shutdown failed", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the selector failed", e);
        }
    }

    /** The loop's thread, which knows its I/O thread (see {@link #expectMoreTasks()}). */
    private static final class LoopThread extends Thread {
        final IoThread ioThread;

        LoopThread(IoThread ioThread, String name) {
            super(ioThread::run, name);
            this.ioThread = ioThread;
        }
    }
}
