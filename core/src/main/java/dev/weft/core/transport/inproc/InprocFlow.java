package dev.weft.core.transport.inproc;

import dev.weft.core.Message;
import dev.weft.core.io.IoThread;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.SharedMessage;
import dev.weft.core.session.WireAdapter;
import dev.weft.core.transport.ConnectionOwner;
import dev.weft.core.zmtp.ZmtpException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One direction of an inproc link: moves what the sending socket's role wrote into its pipe's
 * outbound queue straight into the receiving socket's pipe's inbound queue, the same {@link
 * Message} objects (no codec, no copy of a body). The sending queue holds up to the sender's {@code
 * sendHwm}, the receiving one up to the receiver's {@code receiveHwm}, so the pair holds their sum,
 * as libzmq's inproc pipes do.
 *
 * <h2>Who moves</h2>
 *
 * A write whose message can go straight on (nothing queued before it, the receiving queue not full,
 * no other thread moving) hands it to the receiving queue at once and skips the sending queue
 * ({@link #writeThrough}, on the application thread, holding the sender's socket lock): the usual
 * case while the receiver keeps up, one queue hop instead of two. Otherwise the message waits in
 * the sending queue, and a move is asked for by the sender's write when that queue's consumer was
 * idle (same thread and lock), and by the receiver's read when the receiving queue drained after
 * being full ({@link #resume}, holding the receiver's lock): the reader then moves the next run of
 * waiting messages itself, with no other thread woken. Only one thread moves at a time: the others
 * leave their request to it ({@link #pump}).
 *
 * <h2>The lock rule</h2>
 *
 * A thread that may hold a socket lock never waits for another socket's lock. A mover that holds
 * the sender's lock reports the receiver's readable edge with {@link
 * ConnectionOwner#tryPipeReadable}; a mover that holds the receiver's lock reports the sender's
 * writable edge (its queue drained after being full) with {@link ConnectionOwner#tryPipeWritable};
 * when that lock is busy, the report goes to that socket's I/O thread, which holds no lock and may
 * wait. Commands always go through the receiver's I/O thread (in order). Two sockets sending to
 * each other from two threads therefore never wait for each other.
 */
final class InprocFlow implements WireAdapter.Receiver {
    private static final int OPEN = 0;
    private static final int FINISH_KEEP = 1;
    private static final int FINISH_MOVE = 2;

    /** The moving thread holds no socket lock: it may wait for either. */
    static final int NO_LOCK = 0;

    /** The moving thread holds the sender's lock (its role is writing). */
    static final int SENDER_LOCK = 1;

    /** The moving thread holds the receiver's lock (its role is reading). */
    static final int RECEIVER_LOCK = 2;

    private final IoThread senderIo;
    private final IoThread receiverIo;
    private final ConnectionOwner sender;
    private final ConnectionOwner receiver;
    private final WireAdapter wire;
    private final AtomicInteger requests = new AtomicInteger();
    // Made once, so that the edges of a busy flow allocate nothing.
    private final Runnable readableTask = this::reportReadableFromIo;
    private final Runnable writableTask = this::reportWritableFromIo;

    private volatile Pipe from;
    private volatile Pipe to;
    private volatile int finishMode = OPEN;
    private volatile Runnable onFinished;
    // Set by the receiver's read when the receiving queue drained after being full.
    private volatile boolean drained;
    // Mover only (serialized by requests).
    private boolean finished;
    // The receiving queue was found full: nothing more goes in until it has drained. Written by
    // the mover only; the sender reads it as a hint (see queued()).
    private volatile boolean blocked;
    // Which socket lock the current mover holds, for the edges it reports.
    private int moverHolds = NO_LOCK;

    /**
     * Creates a flow whose pipes come later, with {@link #start}.
     *
     * @param senderIo the sending socket's I/O thread
     * @param sender the sending socket
     * @param receiverIo the receiving socket's I/O thread
     * @param receiver the receiving socket
     */
    InprocFlow(
            IoThread senderIo,
            ConnectionOwner sender,
            IoThread receiverIo,
            ConnectionOwner receiver) {
        this.senderIo = senderIo;
        this.sender = sender;
        this.receiverIo = receiverIo;
        this.receiver = receiver;
        this.wire = WireAdapter.forSocketType(receiver.socketType());
    }

    /**
     * Joins the two pipes and moves what is already queued. Call with no socket lock held.
     *
     * @param from the sending socket's pipe
     * @param to the receiving socket's pipe
     */
    void start(Pipe from, Pipe to) {
        this.from = from;
        this.to = to;
        pump(NO_LOCK);
    }

    /**
     * Moves what can be moved now, or leaves it to the thread already moving.
     *
     * @param holds which socket lock the calling thread holds: {@link #NO_LOCK}, {@link
     *     #SENDER_LOCK} or {@link #RECEIVER_LOCK}
     */
    void pump(int holds) {
        if (requests.getAndIncrement() != 0) {
            return;
        }
        serve(1, holds);
    }

    /** Runs the requests counted in {@code seen} and those that come meanwhile, then lets go. */
    private void serve(int seen, int holds) {
        do {
            runOnce(holds);
            seen = requests.addAndGet(-seen);
        } while (seen != 0);
    }

    /**
     * Hands a message the sender's role writes straight to the receiving queue when nothing is
     * queued before it, the receiving queue has room and no other thread moves; the caller queues
     * it otherwise. The sender's thread, holding the sender's socket lock.
     *
     * @param message taken over when accepted
     * @return true when delivered (or handed on as a command)
     */
    boolean writeThrough(Message message) {
        if (blocked || !requests.compareAndSet(0, 1)) {
            // The receiving queue is full, or another thread moves: the message queues.
            return false;
        }
        moverHolds = SENDER_LOCK;
        boolean taken = deliverNow(message);
        int seen = requests.addAndGet(-1);
        if (seen != 0) {
            // Requests that came meanwhile (a resume, a finish): served here, as pump would.
            serve(seen, SENDER_LOCK);
        }
        return taken;
    }

    private boolean deliverNow(Message message) {
        Pipe src = from;
        Pipe dst = to;
        if (finished || finishMode != OPEN || src == null || dst == null) {
            return false;
        }
        takeDrained();
        if (blocked || src.hasOutbound()) {
            return false;
        }
        receive(message);
        reportReadable(dst);
        return true;
    }

    /**
     * The sender's role queued a message while the sending queue's consumer was idle: moves it,
     * unless the flow waits for the receiver to drain. That wait ends with {@link #resume}, whose
     * move takes this message too: the flow cleared {@code blocked} before it last found the
     * sending queue empty, so a sender that sees it set queued before that move looks. The sender's
     * thread, holding the sender's socket lock.
     */
    void queued() {
        if (!blocked) {
            pump(SENDER_LOCK);
        }
    }

    /**
     * The receiving queue drained after being full: moves the next run of waiting messages on the
     * reader's thread. Called by the receiver's read, holding the receiver's socket lock.
     */
    void resume() {
        drained = true;
        pump(RECEIVER_LOCK);
    }

    /** Mover only: lets messages into the receiving queue again once it has drained. */
    private void takeDrained() {
        if (drained) {
            drained = false;
            blocked = false;
        }
    }

    /**
     * Stops the flow for good: with {@code move}, everything the sender queued goes to the receiver
     * first, regardless of its high-water mark (the sender's linger); without, it stays where it is
     * (released with the sender's pipe, or kept by a persistent one). Call with no socket lock
     * held.
     *
     * @param move whether to hand over what is queued
     * @param whenDone run once, on whichever thread finished the flow; must not block
     */
    void finish(boolean move, Runnable whenDone) {
        this.onFinished = whenDone;
        this.finishMode = move ? FINISH_MOVE : FINISH_KEEP;
        pump(NO_LOCK);
    }

    /**
     * Reports the sender's writable edge, found while moving (its queue drained to the low-water
     * mark after its role found it full), when the mover may not wait for the sender's lock.
     *
     * @return true when reported here; false when the caller may tell the sender itself, since the
     *     mover holds no lock or the sender's own
     */
    boolean senderWritable() {
        if (moverHolds != RECEIVER_LOCK) {
            return false;
        }
        Pipe src = from;
        if (src != null && !sender.tryPipeWritable(src)) {
            senderIo.execute(writableTask);
        }
        return true;
    }

    private void runOnce(int holds) {
        if (finished) {
            return;
        }
        moverHolds = holds;
        int mode = finishMode;
        Pipe src = from;
        Pipe dst = to;
        if (mode != OPEN) {
            finished = true;
            if (mode == FINISH_MOVE && src != null && dst != null) {
                move(src, dst, true);
            }
            onFinished.run();
            return;
        }
        if (src != null && dst != null) {
            move(src, dst, false);
        }
    }

    private void move(Pipe src, Pipe dst, boolean all) {
        takeDrained();
        Object next;
        while ((all || !blocked) && (next = src.nextOutbound()) != null) {
            if (next instanceof Message m) {
                receive(m);
            } else if (next instanceof SharedMessage shared) {
                // One subscriber's share of a fan-out: a message of its own over the same bytes.
                Message m = shared.message().retainedDuplicate();
                shared.release();
                receive(m);
            } else {
                command((PeerCommand) next);
            }
        }
        reportReadable(dst);
    }

    /** Reports the receiver's readable edge, if the deliveries found one, by the lock rule. */
    private void reportReadable(Pipe dst) {
        if (dst.takeReadableEdge()) {
            if (moverHolds == NO_LOCK) {
                receiver.pipeReadable(dst);
            } else if (!receiver.tryPipeReadable(dst)) {
                receiverIo.execute(readableTask);
            }
        }
    }

    /** Passes a message through the receiver's wire adapter, which never refuses a Weft peer's. */
    private void receive(Message m) {
        try {
            wire.received(m, this);
        } catch (ZmtpException e) {
            // Both ends are Weft roles: only a bug makes a message break its type's form here.
            throw new IllegalStateException("inproc message refused by the wire adapter", e);
        }
    }

    private void reportReadableFromIo() {
        Pipe dst = to;
        if (dst != null) {
            receiver.pipeReadable(dst);
        }
    }

    private void reportWritableFromIo() {
        Pipe src = from;
        if (src != null) {
            sender.pipeWritable(src);
        }
    }

    /**
     * Delivers one message to the receiving pipe; the flow pauses when that fills up, until the
     * receiver drains it. Called by the wire adapter while moving.
     *
     * @param message taken over
     */
    @Override
    public void message(Message message) {
        if (to.deliverInBatch(message)) {
            blocked = true;
        }
    }

    /**
     * Hands a command (SUBSCRIBE, CANCEL, ...) to the receiving socket, in order, on its I/O
     * thread. Called while moving.
     *
     * @param command the command
     */
    @Override
    public void command(PeerCommand command) {
        Pipe dst = to;
        receiverIo.execute(() -> receiver.commandReceived(dst, command));
    }
}
