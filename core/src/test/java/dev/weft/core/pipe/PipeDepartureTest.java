package dev.weft.core.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipe whose connection ends while its reader keeps reading: the messages delivered before the
 * end are all read before the pipe reports itself drained, however the reader's reads and the
 * engine's last batch and end interleave.
 */
@Timeout(300)
class PipeDepartureTest {
    private static final int ROUNDS = 2_000;
    private static final int LAST_BATCH = 3;

    @Test
    void shouldHandOverTheLastBatchDeliveredJustBeforeTheEndToAReaderThatFoundThePipeEmpty()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Owner owner = new Owner();
            Pipe pipe =
                    new Pipe(
                            owner,
                            new IdleEngine(),
                            1000,
                            1000,
                            SocketType.PUSH,
                            Metadata.EMPTY,
                            "tcp://127.0.0.1:1",
                            "127.0.0.1:2",
                            true);
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> engineFailure = new AtomicReference<>();
            Thread engine =
                    new Thread(
                            () -> {
                                try {
                                    go.await();
                                    for (int i = 0; i < LAST_BATCH; i++) {
                                        pipe.deliverInBatch(Message.of(new byte[] {(byte) i}));
                                    }
                                    pipe.endDeliveryBatch();
                                    pipe.connectionClosed();
                                } catch (Throwable t) {
                                    engineFailure.set(t);
                                }
                            });
            engine.start();
            go.countDown();
            int read = 0;
            // Bounded: the engine's three deliveries and the end take microseconds.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!owner.drained && System.nanoTime() - deadline < 0) {
                Message m = pipe.read();
                if (m != null) {
                    read++;
                    m.close();
                }
            }
            engine.join(10_000);

            assertThat(engineFailure.get()).isNull();
            assertThat(owner.drained)
                    .as("round %d: the pipe reported itself drained", round)
                    .isTrue();
            assertThat(read)
                    .as("round %d: messages read before the pipe went", round)
                    .isEqualTo(LAST_BATCH);
            assertThat(pipe.hasInbound()).isFalse();
        }
    }

    /** Records the drain; the reader runs on the test thread, so no lock is needed. */
    private static final class Owner implements PipeOwner {
        volatile boolean drained;

        @Override
        public void pipeReadable(Pipe pipe) {}

        @Override
        public void pipeWritable(Pipe pipe) {}

        @Override
        public void pipeDrained(Pipe pipe) {
            drained = true;
        }
    }

    /** An engine that is never asked for anything in these tests. */
    private static final class IdleEngine implements PipeEngine {
        @Override
        public void outboundReady() {}

        @Override
        public void inboundDrained() {}

        @Override
        public void reject(String reason) {}
    }
}
