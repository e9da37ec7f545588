package dev.weft.core.pipe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.ToLongFunction;

/**
 * A single-producer single-consumer queue with a high-water mark and edge signals, one direction of
 * a {@link Pipe}.
 *
 * <p>Elements live in linked chunks of {@value #CHUNK}, so neither side locks. The consumer hands
 * each chunk it has emptied back to the producer (one spare at a time), so a queue that stays under
 * a chunk's length deep cycles two chunks and allocates nothing; a deeper one allocates a chunk
 * only when the spare is already taken. Two edges are reported, each to exactly one side and only
 * once per edge:
 *
 * <ul>
 *   <li>{@link #offer} returns true when the consumer had found the queue empty and gone idle: the
 *       producer must then wake it.
 *   <li>{@link #poll} calls the producer-wake hook when the queue drops to the low-water mark after
 *       the producer found it full ({@link #markProducerBlocked}).
 * </ul>
 *
 * <p>Thread-safety: one producer thread (or callers serialized by a lock) and one consumer thread
 * at a time.
 *
 * @param <T> the element type
 */
public final class PipeQueue<T> extends PipeQueueLayout.TrailingPad {
    static final int CHUNK = 256;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle PRODUCED;
    private static final VarHandle CONSUMED;
    private static final VarHandle CONSUMER_IDLE;
    private static final VarHandle PRODUCER_BLOCKED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PRODUCED =
                    l.findVarHandle(PipeQueueLayout.ProducerFields.class, "produced", long.class);
            CONSUMED =
                    l.findVarHandle(PipeQueueLayout.ConsumerFields.class, "consumed", long.class);
            CONSUMER_IDLE = l.findVarHandle(PipeQueue.class, "consumerIdle", boolean.class);
            PRODUCER_BLOCKED = l.findVarHandle(PipeQueue.class, "producerBlocked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int hwm;
    private final int lwm;
    private final Runnable producerWake;

    // An emptied chunk on its way back to the producer: the consumer only sets it when null, the
    // producer only clears it, so neither overwrites the other. The consumer's volatile store
    // publishes the chunk's nulled slots and cleared link before the producer reuses it.
    private volatile PipeQueueLayout.Chunk spare;

    // The consumer starts idle: nobody has looked yet, so the first offer must wake it.
    private volatile boolean consumerIdle = true;
    private volatile boolean producerBlocked;

    /**
     * Creates a queue.
     *
     * @param hwm most elements queued before {@link #isFull()}; 0 for no limit
     * @param producerWake run by the consumer when a blocked producer may go on
     */
    public PipeQueue(int hwm, Runnable producerWake) {
        this.hwm = hwm;
        this.lwm = hwm == 0 ? 0 : Math.max(0, hwm - Math.max(1, hwm / 2));
        this.producerWake = producerWake;
        this.head = this.tail = new PipeQueueLayout.Chunk();
    }

    /**
     * Tells the producer whether the queue is at its high-water mark (producer only). Reads the
     * consumer's position only when the queue looks full from the position last read, so a producer
     * well below the mark does not touch the consumer's cache line.
     *
     * @return true when {@code hwm > 0} and that many elements are queued
     */
    public boolean isFull() {
        if (hwm == 0) {
            return false;
        }
        long p = produced;
        if (p - consumedSeen < hwm) {
            return false;
        }
        consumedSeen = consumed;
        return p - consumedSeen >= hwm;
    }

    /**
     * Returns how many elements are queued (exact from either side's own point of view, a snapshot
     * otherwise).
     *
     * @return the queue depth
     */
    public int size() {
        return (int) (produced - consumed);
    }

    /**
     * Appends an element (producer only). Does not check the high-water mark: callers check {@link
     * #isFull()} first where the mark applies.
     *
     * @param element not null
     * @return true when the consumer is idle and must be woken
     */
    public boolean offer(T element) {
        int i = tailIndex;
        if (i == CHUNK) {
            PipeQueueLayout.Chunk next = nextChunk();
            tail.next = next;
            tail = next;
            i = 0;
        }
        SLOT.setRelease(tail.slots, i, element);
        tailIndex = i + 1;
        // A volatile store: it must not pass the read of consumerIdle below (Dekker-style
        // handshake with poll(), which sets the flag and then looks at the queue again).
        PRODUCED.setVolatile(this, produced + 1);
        return consumerIdle && CONSUMER_IDLE.compareAndSet(this, true, false);
    }

    /** Producer side: the spare chunk the consumer handed back, or a new one. */
    private PipeQueueLayout.Chunk nextChunk() {
        PipeQueueLayout.Chunk c = spare;
        if (c == null) {
            chunksAllocated++;
            return new PipeQueueLayout.Chunk();
        }
        spare = null;
        return c;
    }

    /**
     * Returns how many chunks the producer has allocated so far, the first one included (producer
     * only; for tests of chunk reuse).
     */
    int chunksAllocated() {
        return chunksAllocated;
    }

    /**
     * Records that the producer found the queue full and wants {@code producerWake} to run when it
     * drains; then checks again, since the consumer may have drained it meanwhile.
     *
     * @return true when the queue is still full (the wake will come), false when it is not
     */
    public boolean markProducerBlocked() {
        PRODUCER_BLOCKED.setVolatile(this, true);
        if (isFull()) {
            return true;
        }
        PRODUCER_BLOCKED.compareAndSet(this, true, false);
        return false;
    }

    /**
     * Takes the oldest element (consumer only). When the queue is empty the consumer is marked
     * idle, so the next {@link #offer} reports that it must be woken.
     *
     * @return the element, or null when the queue is empty
     */
    @SuppressWarnings("unchecked")
    public T poll() {
        T e = take();
        if (e == null) {
            CONSUMER_IDLE.setVolatile(this, true);
            // The flag store must be visible before we look at the queue again.
            VarHandle.fullFence();
            e = take();
            if (e == null) {
                return null;
            }
            // An element raced in: stay active. If the producer already claimed the wake-up,
            // a spurious wake follows, which consumers tolerate.
            CONSUMER_IDLE.compareAndSet(this, true, false);
        }
        return e;
    }

    /**
     * Takes the oldest element without touching the idle flag (consumer only), for draining a queue
     * that nobody will refill.
     *
     * @return the element, or null when empty
     */
    public T drain() {
        return take();
    }

    /**
     * Adds up a function of every queued element, oldest first, without taking any (consumer only;
     * elements offered during the walk may or may not be included).
     *
     * @param weigh what one element weighs
     * @return the sum
     */
    @SuppressWarnings("unchecked")
    public long sum(ToLongFunction<? super T> weigh) {
        long total = 0;
        PipeQueueLayout.Chunk c = head;
        int i = headIndex;
        while (true) {
            if (i == CHUNK) {
                c = c.next;
                if (c == null) {
                    return total;
                }
                i = 0;
            }
            Object e = SLOT.getAcquire(c.slots, i);
            if (e == null) {
                return total;
            }
            total += weigh.applyAsLong((T) e);
            i++;
        }
    }

    /**
     * Tells whether the consumer went idle (saw the queue empty and expects a wake-up).
     *
     * @return true when idle
     */
    public boolean isConsumerIdle() {
        return consumerIdle;
    }

    /**
     * Consumer side: offers a chunk it has left to the producer. Every slot was nulled by {@link
     * #take()}, and the producer has moved past it (its {@code next} was set), so neither side
     * touches it until the producer takes it from {@code spare}.
     */
    private void recycle(PipeQueueLayout.Chunk done) {
        if (spare == null) {
            done.next = null;
            spare = done;
        }
    }

    @SuppressWarnings("unchecked")
    private T take() {
        int i = headIndex;
        if (i == CHUNK) {
            PipeQueueLayout.Chunk next = head.next;
            if (next == null) {
                return null;
            }
            recycle(head);
            head = next;
            i = 0;
            headIndex = 0;
        }
        Object e = SLOT.getAcquire(head.slots, i);
        if (e == null) {
            return null;
        }
        head.slots[i] = null;
        headIndex = i + 1;
        long c = consumed + 1;
        // Volatile, so it cannot pass the read of producerBlocked below.
        CONSUMED.setVolatile(this, c);
        if (producerBlocked
                && produced - c <= lwm
                && PRODUCER_BLOCKED.compareAndSet(this, true, false)) {
            producerWake.run();
        }
        return (T) e;
    }
}
