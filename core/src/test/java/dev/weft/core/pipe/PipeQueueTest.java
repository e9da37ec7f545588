package dev.weft.core.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PipeQueueTest {
    @Test
    void shouldKeepOrderAcrossChunkBoundaries() {
        PipeQueue<Integer> q = new PipeQueue<>(0, () -> {});
        for (int i = 0; i < PipeQueue.CHUNK * 3 + 7; i++) {
            q.offer(i);
        }
        for (int i = 0; i < PipeQueue.CHUNK * 3 + 7; i++) {
            assertThat(q.poll()).isEqualTo(i);
        }
        assertThat(q.poll()).isNull();
        assertThat(q.size()).isZero();
    }

    @Test
    void shouldAskToWakeTheConsumerOnlyOnTheEmptyToNonEmptyEdge() {
        PipeQueue<String> q = new PipeQueue<>(0, () -> {});
        assertThat(q.offer("first")).as("a consumer that never looked is idle").isTrue();
        assertThat(q.offer("second")).isFalse();
        assertThat(q.poll()).isEqualTo("first");
        assertThat(q.poll()).isEqualTo("second");
        assertThat(q.poll()).isNull();
        assertThat(q.isConsumerIdle()).isTrue();
        assertThat(q.offer("third")).isTrue();
        assertThat(q.offer("fourth")).isFalse();
    }

    @Test
    void shouldReportFullAtTheHighWaterMarkAndWakeTheProducerAtTheLowWaterMark() {
        AtomicInteger wakes = new AtomicInteger();
        PipeQueue<Integer> q = new PipeQueue<>(10, wakes::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            assertThat(q.isFull()).isFalse();
            q.offer(i);
        }
        assertThat(q.isFull()).isTrue();
        assertThat(q.markProducerBlocked()).isTrue();
        for (int i = 0; i < 4; i++) {
            q.poll();
        }
        assertThat(wakes.get()).as("not yet down to the low-water mark").isZero();
        q.poll();
        assertThat(wakes.get()).isEqualTo(1);
        q.poll();
        assertThat(wakes.get()).as("one wake per blocked episode").isEqualTo(1);
    }

    @Test
    void shouldNotPromiseAWakeWhenTheQueueDrainedMeanwhile() {
        PipeQueue<Integer> q = new PipeQueue<>(2, () -> {});
        q.offer(1);
        assertThat(q.markProducerBlocked()).isFalse();
    }

    @Test
    void shouldReuseEmptiedChunksWhenTheQueueStaysShallow() {
        PipeQueue<Integer> q = new PipeQueue<>(0, () -> {});
        int next = 0;
        int expected = 0;
        for (int round = 0; round < PipeQueue.CHUNK * 4; round++) {
            for (int k = 0; k < 50; k++) {
                q.offer(next++);
            }
            for (int k = 0; k < 50; k++) {
                assertThat(q.poll()).isEqualTo(expected++);
            }
        }
        assertThat(q.poll()).isNull();
        assertThat(next / PipeQueue.CHUNK).as("chunk cycles").isGreaterThan(100);
        assertThat(q.chunksAllocated()).isEqualTo(2);
    }

    @Test
    void shouldKeepOrderWhenBurstsSpanManyChunksAndTheSpareIsTaken() {
        PipeQueue<Integer> q = new PipeQueue<>(0, () -> {});
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50; round++) {
            int burst = PipeQueue.CHUNK * (1 + round % 4) + round;
            for (int k = 0; k < burst; k++) {
                q.offer(next++);
            }
            for (int k = 0; k < burst - round % 3; k++) {
                assertThat(q.poll()).isEqualTo(expected++);
            }
        }
        while (expected < next) {
            assertThat(q.poll()).isEqualTo(expected++);
        }
        assertThat(q.poll()).isNull();
        assertThat(q.size()).isZero();
    }

    @Test
    void shouldPassEveryElementInOrderBetweenTwoThreads() throws Exception {
        passEveryElementInOrderBetweenTwoThreads(500_000, 1000);
    }

    @Test
    void shouldReuseChunksAndLoseNothingBetweenTwoThreadsBelowAChunkDeep() throws Exception {
        // The high-water mark keeps the producer within one chunk of the consumer, so the chunk
        // the consumer left is always back before the producer needs the next one.
        PipeQueue<Integer> q = passEveryElementInOrderBetweenTwoThreads(300_000, 100);
        assertThat(q.chunksAllocated()).isEqualTo(2);
    }

    private static PipeQueue<Integer> passEveryElementInOrderBetweenTwoThreads(int count, int hwm)
            throws Exception {
        Semaphore consumerWake = new Semaphore(0);
        Semaphore producerWake = new Semaphore(0);
        PipeQueue<Integer> q = new PipeQueue<>(hwm, producerWake::release);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        Thread consumer =
                new Thread(
                        () -> {
                            int expected = 0;
                            while (expected < count) {
                                Integer v = q.poll();
                                if (v == null) {
                                    try {
                                        consumerWake.tryAcquire(1, TimeUnit.SECONDS);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                    continue;
                                }
                                if (v != expected) {
                                    outOfOrder.incrementAndGet();
                                }
                                expected++;
                                received.incrementAndGet();
                            }
                        });
        consumer.start();
        for (int i = 0; i < count; i++) {
            while (q.isFull() && q.markProducerBlocked()) {
                producerWake.tryAcquire(1, TimeUnit.SECONDS);
            }
            if (q.offer(i)) {
                consumerWake.release();
            }
        }
        consumer.join(30_000);
        assertThat(received.get()).isEqualTo(count);
        assertThat(outOfOrder.get()).isZero();
        return q;
    }
}
