package dev.weft.core.pipe;

/**
 * The field layout of {@link PipeQueue}: the producer's fields, the consumer's fields and the
 * shared flags each on cache lines of their own, so that the producer writing its position for
 * every element does not evict the consumer's position from the consumer's cache, and the other way
 * round (false sharing; JCTools and Agrona lay out their queues the same way).
 *
 * <p>Java has no portable way to place fields, but HotSpot lays out a superclass's fields before
 * its subclass's: each class below adds one block, and the padding classes put 64 octets (a cache
 * line) between the blocks. HotSpot also fills a 4-octet gap left by one class with a later class's
 * {@code int}: each padding class has one, so that the gap gets padding rather than a field of the
 * other side. This is layout, not reuse: nothing here has behaviour, and only {@link PipeQueue}
 * extends it.
 */
final class PipeQueueLayout {
    private PipeQueueLayout() {}

    /** A run of linked slots; the consumer nulls every slot it takes. */
    static final class Chunk {
        final Object[] slots = new Object[PipeQueue.CHUNK];
        volatile Chunk next;
    }

    /** Keeps the producer's fields off whatever precedes the queue in memory. */
    abstract static class LeadingPad {
        int p0;
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** Written by the producer only. */
    abstract static class ProducerFields extends LeadingPad {
        Chunk tail;
        int tailIndex;
        volatile long produced;
        // The consumer's position as the producer last read it: never ahead of the real one, so
        // a depth computed from it is never too small.
        long consumedSeen;
        int chunksAllocated = 1;
    }

    /** Between the producer's and the consumer's fields. */
    abstract static class MiddlePad extends ProducerFields {
        int p1;
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    /** Written by the consumer only. */
    abstract static class ConsumerFields extends MiddlePad {
        Chunk head;
        int headIndex;
        volatile long consumed;
    }

    /** Between the consumer's fields and the flags both sides read. */
    abstract static class TrailingPad extends ConsumerFields {
        int p2;
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }
}
