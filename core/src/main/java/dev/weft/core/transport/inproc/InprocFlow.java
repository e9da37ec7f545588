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
 * A move is asked for by the sender's write when its queue's consumer was idle (on the application
 * thread, holding the sender's socket lock), and by the receiver's read when the receiving queue
 * drained after being full (holding the receiver's lock; the move then runs on the sender's I/O
 * thread, since it may wake a blocked sender, which takes that sender's lock). Only one thread
 * moves at a time: the others leave their request to it ({@link #pump}).
 *
 * <h2>The lock rule</h2>
 *
 * A thread that may hold a socket lock never waits for another socket's lock: it reports the
 * receiver's readable edge with {@link ConnectionOwner#tryPipeReadable} and, when that lock is
 * busy, leaves the report to the receiver's I/O thread; commands always go through that I/O thread
 * (in order). Two sockets sending to each other from two threads therefore never wait for each
 * other.
 */
final class InprocFlow implements WireAdapter.Receiver {
    private static final int OPEN = 0;
    private static final int FINISH_KEEP = 1;
    private static final int FINISH_MOVE = 2;

    private final IoThread senderIo;
    private final IoThread receiverIo;
    private final ConnectionOwner receiver;
    private final WireAdapter wire;
    private final AtomicInteger requests = new AtomicInteger();
    // Made once, so that the edges of a busy flow allocate nothing.
    private final Runnable resumeTask = () -> pump(true);
    private final Runnable readableTask = this::reportReadableFromIo;

    private volatile Pipe from;
    private volatile Pipe to;
    private volatile int finishMode = OPEN;
    private volatile Runnable onFinished;
    // Mover only (serialized by requests).
    private boolean finished;
    private boolean blocked;

    /**
     * Creates a flow whose pipes come later, with {@link #start}.
     *
     * @param senderIo the sending socket's I/O thread
     * @param receiverIo the receiving socket's I/O thread
     * @param receiver the receiving socket
     */
    InprocFlow(IoThread senderIo, IoThread receiverIo, ConnectionOwner receiver) {
        this.senderIo = senderIo;
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
        pump(true);
    }

    /**
     * Moves what can be moved now, or leaves it to the thread already moving.
     *
     * @param lockFree true when the calling thread holds no socket lock, so it may report edges by
     *     waiting for the receiver's lock
     */
    void pump(boolean lockFree) {
        if (requests.getAndIncrement() != 0) {
            return;
        }
        int seen = 1;
        do {
            runOnce(lockFree);
            seen = requests.addAndGet(-seen);
        } while (seen != 0);
    }

    /** The receiving queue drained after being full: move again, from the sender's I/O thread. */
    void resume() {
        senderIo.execute(resumeTask);
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
        pump(true);
    }

    private void runOnce(boolean lockFree) {
        if (finished) {
            return;
        }
        int mode = finishMode;
        Pipe src = from;
        Pipe dst = to;
        if (mode != OPEN) {
            finished = true;
            if (mode == FINISH_MOVE && src != null && dst != null) {
                move(src, dst, true, lockFree);
            }
            onFinished.run();
            return;
        }
        if (src != null && dst != null) {
            move(src, dst, false, lockFree);
        }
    }

    private void move(Pipe src, Pipe dst, boolean all, boolean lockFree) {
        blocked = false;
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
        if (dst.takeReadableEdge()) {
            if (lockFree) {
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
