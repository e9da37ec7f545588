package dev.weft.core.socket;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.ToLongFunction;

/**
 * The pipes whose peer has left while messages from it were still unread, oldest departure first,
 * and what they hold against the socket's {@link dev.weft.core.SocketOptions#departedPeerBudget()
 * departed-peer budget}.
 *
 * <p>What a departed pipe holds is weighed in bytes of memory, estimated: its unread frames' bytes,
 * plus {@value #FRAME_OVERHEAD} bytes per frame and {@value #MESSAGE_OVERHEAD} per message for the
 * objects around them, plus {@value #PIPE_OVERHEAD} bytes for the pipe itself (its two queues'
 * first chunks and the peer's bookkeeping), so that many small messages from many short-lived peers
 * count for what they cost, not only for their few bytes of payload. A frame that is a slice of a
 * larger buffer (the decoder does not copy large bodies out of its read buffer) keeps that whole
 * buffer alive: each such buffer is weighed once more, at its capacity, for as long as the pipe is
 * held, so that small slices of large read buffers cannot pin far more than the budget.
 *
 * <p>The newest departure is kept whole even past the budget (see {@link #takeOldestOverBudget}),
 * so the ledger holds at most the budget plus one peer's unread messages.
 *
 * <p>Each departure costs one walk of that pipe's queue; each message read from a departed pipe,
 * one lookup; the pipes of live peers cost nothing. Not thread-safe: used under the socket lock.
 */
final class DepartedPipes {
    /** Estimated memory of a departed pipe beyond its messages, in bytes. */
    static final long PIPE_OVERHEAD = 4096;

    /** Estimated memory of one queued message beyond its frames, in bytes. */
    static final long MESSAGE_OVERHEAD = 64;

    /** Estimated memory of one frame beyond its bytes (frame, buffer object, array header). */
    static final long FRAME_OVERHEAD = 96;

    private final long budgetBytes;
    private final LinkedHashMap<Pipe, Held> held = new LinkedHashMap<>();
    private long heldBytes;
    private long heldMessages;

    /** What one departed pipe still holds. */
    private static final class Held {
        long bytes;
        long messages;
    }

    /**
     * Creates an empty ledger.
     *
     * @param budgetBytes most bytes the departed pipes may hold together
     */
    DepartedPipes(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * Records a pipe whose connection ended with unread inbound messages, as the newest departure.
     *
     * @param pipe a pipe whose connection has ended; not already recorded
     */
    void add(Pipe pipe) {
        Held h = new Held();
        h.messages = pipe.inboundDepth();
        h.bytes = PIPE_OVERHEAD + pipe.weighInbound(new PinnedBuffers());
        held.put(pipe, h);
        heldBytes += h.bytes;
        heldMessages += h.messages;
    }

    /**
     * Notes that the role took a message from a pipe (no-op for a pipe not recorded). The buffers
     * its frames pinned stay counted until the pipe is forgotten.
     *
     * @param pipe the pipe
     * @param message the message taken, not yet changed by the role
     */
    void messageRead(Pipe pipe, Message message) {
        Held h = held.get(pipe);
        if (h == null) {
            return;
        }
        long w = weigh(message);
        h.bytes -= w;
        h.messages--;
        heldBytes -= w;
        heldMessages--;
    }

    /**
     * Forgets a pipe (it was read dry or detached); no-op for a pipe not recorded.
     *
     * @param pipe the pipe
     */
    void remove(Pipe pipe) {
        Held h = held.remove(pipe);
        if (h != null) {
            heldBytes -= h.bytes;
            heldMessages -= h.messages;
        }
    }

    /**
     * Takes the oldest departed pipe out of the ledger while the ledger is over its budget. The
     * newest departure is never taken, however much it holds: one peer that sends and leaves (a
     * PUSH that closes after its last message) keeps what it sent, as in libzmq, and it holds no
     * more than a live peer may (its receive high-water mark). It goes once a later peer leaves
     * while the ledger is over budget.
     *
     * @return the pipe whose messages must go, or null when within budget or only the newest
     *     departure is left
     */
    Pipe takeOldestOverBudget() {
        if (heldBytes <= budgetBytes || held.size() <= 1) {
            return null;
        }
        Iterator<Pipe> oldest = held.keySet().iterator();
        Pipe p = oldest.next();
        remove(p);
        return p;
    }

    /**
     * Returns how many departed pipes are recorded.
     *
     * @return the count
     */
    int pipes() {
        return held.size();
    }

    /**
     * Returns the estimated bytes the departed pipes hold together.
     *
     * @return bytes, at most the budget after each departure
     */
    long bytes() {
        return heldBytes;
    }

    /**
     * Returns how many unread messages the departed pipes hold together.
     *
     * @return the count
     */
    long messages() {
        return heldMessages;
    }

    /** Estimated memory of one queued message, in bytes, not counting buffers its frames pin. */
    static long weigh(Message m) {
        int frames = m.size();
        return MESSAGE_OVERHEAD + frames * FRAME_OVERHEAD + m.byteSize();
    }

    /**
     * Weighs the messages of one pipe, oldest first, adding the capacity of each larger buffer that
     * their frames are slices of. Consecutive frames of one read buffer share it, so a buffer is
     * counted again only when another came between (an overestimate, never an underestimate).
     */
    private static final class PinnedBuffers implements ToLongFunction<Message> {
        private ByteBuf lastPinned;

        @Override
        public long applyAsLong(Message m) {
            long w = weigh(m);
            for (int i = 0; i < m.size(); i++) {
                ByteBuf content = m.frame(i).content();
                ByteBuf root = root(content);
                if (root != lastPinned && root.capacity() > content.readableBytes()) {
                    lastPinned = root;
                    w += root.capacity();
                }
            }
            return w;
        }

        /** The buffer under every slice and wrapper (a leak detector's, a read-only view). */
        private static ByteBuf root(ByteBuf b) {
            ByteBuf r = b;
            for (ByteBuf u = r.unwrap(); u != null; u = r.unwrap()) {
                r = u;
            }
            return r;
        }
    }
}
