package dev.weft.bench.micro;

import dev.weft.core.pipe.PipeQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pipe queue between application and I/O threads: enqueue then dequeue on one thread (the
 * uncontended cost, including the consumer-idle handshake when the queue runs empty), a burst of 64
 * each way, and a producer and a consumer on two threads.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class PipeQueueBenchmark {
    private static final int BURST = 64;
    private static final int HWM = 1000;
    private static final Object ELEMENT = new Object();

    private PipeQueue<Object> queue;

    /** Creates an empty queue with libzmq's default high-water mark. */
    @Setup(Level.Iteration)
    public void setUp() {
        queue = new PipeQueue<>(HWM, () -> {});
    }

    /** Empties the queue so iterations start alike. */
    @TearDown(Level.Iteration)
    public void tearDown() {
        while (queue.drain() != null) {
            // Dropping leftovers of the two-thread group.
        }
    }

    /**
     * One offer then one poll on the same thread; every poll empties the queue.
     *
     * @return the polled element
     */
    @Benchmark
    @Group("single")
    public Object offerPoll() {
        queue.offer(ELEMENT);
        return queue.poll();
    }

    /**
     * {@value #BURST} offers then {@value #BURST} polls; reported per element.
     *
     * @param bh consumes the elements
     */
    @Benchmark
    @Group("burst")
    @OperationsPerInvocation(BURST)
    public void offerPollBurst(Blackhole bh) {
        for (int i = 0; i < BURST; i++) {
            queue.offer(ELEMENT);
        }
        for (int i = 0; i < BURST; i++) {
            bh.consume(queue.poll());
        }
    }

    /**
     * The producer of the two-thread pair: offers unless at the high-water mark.
     *
     * @return whether it offered
     */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public boolean produce() {
        if (queue.isFull()) {
            return false;
        }
        queue.offer(ELEMENT);
        return true;
    }

    /**
     * The consumer of the two-thread pair.
     *
     * @return the element, or null when the queue was empty
     */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public Object consume() {
        return queue.poll();
    }
}
