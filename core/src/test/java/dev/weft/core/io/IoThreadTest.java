package dev.weft.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.PipeOwner;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class IoThreadTest {
    /** Far longer than any test waits: a loop that spins this long has not slept. */
    private static final long LONG_SPIN_NS = TimeUnit.SECONDS.toNanos(30);

    private IoThread io;

    @AfterEach
    void stop() {
        if (io != null) {
            assertThat(io.shutdown(10_000)).isTrue();
        }
    }

    @Test
    void shouldWakeTheSleepingLoopOncePerTaskItMustRun() throws Exception {
        io = new IoThread("test-io", LONG_SPIN_NS);
        IoThread.expectMoreTasks(); // off an I/O thread: nothing to do
        await().until(io::isSleeping);

        runAndAwait(io);

        assertThat(io.wakeups()).isEqualTo(1);
    }

    @Test
    void shouldStayAwakeForTheNextTaskAfterATaskReportedAStream() throws Exception {
        io = new IoThread("test-io", LONG_SPIN_NS);
        CountDownLatch streamed = new CountDownLatch(1);
        io.execute(
                () -> {
                    IoThread.expectMoreTasks();
                    streamed.countDown();
                });
        assertThat(streamed.await(10, TimeUnit.SECONDS)).isTrue();
        long wakeupsBefore = io.wakeups();
        assertThat(io.isSleeping()).as("spinning, not sleeping").isFalse();

        runAndAwait(io);

        assertThat(io.wakeups()).as("the task found the loop awake").isEqualTo(wakeupsBefore);
    }

    @Test
    void shouldSleepAfterTheSpinAndStillBeWokenByTheNextTask() throws Exception {
        io = new IoThread("test-io", TimeUnit.MILLISECONDS.toNanos(1));
        CountDownLatch streamed = new CountDownLatch(1);
        io.execute(
                () -> {
                    IoThread.expectMoreTasks();
                    streamed.countDown();
                });
        assertThat(streamed.await(10, TimeUnit.SECONDS)).isTrue();
        await().until(io::isSleeping);
        long wakeupsBefore = io.wakeups();

        runAndAwait(io);

        assertThat(io.wakeups()).isEqualTo(wakeupsBefore + 1);
    }

    @Test
    void shouldRunATimerThatFallsDueWhileTheLoopSpins() throws Exception {
        io = new IoThread("test-io", LONG_SPIN_NS);
        CountDownLatch fired = new CountDownLatch(1);
        io.execute(
                () -> {
                    io.schedule(TimeUnit.MILLISECONDS.toNanos(10), fired::countDown);
                    IoThread.expectMoreTasks();
                });

        assertThat(fired.await(10, TimeUnit.SECONDS))
                .as("the spin ends at the timer's deadline, not after %d s", 30)
                .isTrue();
    }

    @Test
    void shouldKeepTheLoopAwakeAfterAPipeDrainedAStream() throws Exception {
        io = new IoThread("test-io", LONG_SPIN_NS);
        Pipe pipe = unconnectedPipe();
        CountDownLatch drained = new CountDownLatch(1);
        io.execute(
                () -> {
                    writeAndDrain(pipe, Pipe.STREAM_RUN);
                    drained.countDown();
                });
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        long wakeupsBefore = io.wakeups();

        runAndAwait(io);

        assertThat(io.wakeups()).as("the next edge found the loop awake").isEqualTo(wakeupsBefore);
    }

    @Test
    void shouldLetTheLoopSleepAfterAPipeDrainedARunOfLargeMessages() throws Exception {
        io = new IoThread("test-io", LONG_SPIN_NS);
        Pipe pipe = unconnectedPipe();
        CountDownLatch drained = new CountDownLatch(1);
        io.execute(
                () -> {
                    writeAndDrain(pipe, Pipe.STREAM_RUN, Pipe.STREAM_MAX_AVERAGE_BYTES + 1);
                    drained.countDown();
                });
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(io::isSleeping);
    }

    @Test
    void shouldLetTheLoopSleepAfterAPipeDrainedASingleMessage() throws Exception {
        io = new IoThread("test-io", LONG_SPIN_NS);
        Pipe pipe = unconnectedPipe();
        CountDownLatch drained = new CountDownLatch(1);
        io.execute(
                () -> {
                    writeAndDrain(pipe, 1);
                    drained.countDown();
                });
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();

        // With a 30 s spin, only a loop that got no stream hint sleeps within the wait.
        await().atMost(Duration.ofSeconds(10)).until(io::isSleeping);
        long wakeupsBefore = io.wakeups();
        runAndAwait(io);
        assertThat(io.wakeups()).isEqualTo(wakeupsBefore + 1);
    }

    private static void runAndAwait(IoThread io) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        io.execute(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the task ran").isTrue();
    }

    /** Producer and consumer side on the calling thread, as an engine's I/O thread would drain. */
    private static void writeAndDrain(Pipe pipe, int messages) {
        writeAndDrain(pipe, messages, 2);
    }

    private static void writeAndDrain(Pipe pipe, int messages, int bytes) {
        for (int i = 0; i < messages; i++) {
            assertThat(pipe.write(Message.of(new byte[bytes]))).isTrue();
        }
        Object next;
        int taken = 0;
        while ((next = pipe.nextOutbound()) != null) {
            ((Message) next).close();
            taken++;
        }
        assertThat(taken).isEqualTo(messages);
    }

    private static Pipe unconnectedPipe() {
        NoPeer none = new NoPeer();
        return new Pipe(
                none,
                none,
                0,
                0,
                SocketType.PUSH,
                Metadata.EMPTY,
                "tcp://127.0.0.1:1",
                "test",
                true);
    }

    /** A pipe's owner and engine that ignore every edge. */
    private static final class NoPeer implements PipeOwner, PipeEngine {
        @Override
        public void pipeReadable(Pipe pipe) {}

        @Override
        public void pipeWritable(Pipe pipe) {}

        @Override
        public void pipeDrained(Pipe pipe) {}

        @Override
        public void outboundReady() {}

        @Override
        public void inboundDrained() {}

        @Override
        public void reject(String reason) {}
    }
}
