package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.io.IoThread;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContextTest {

    @Test
    void shouldCountTheFailuresItsIoThreadsCaughtAndKeepServing() throws Exception {
        try (Context ctx = Context.builder().ioThreads(2).build()) {
            assertThat(ctx.ioFailures()).isZero();
            IoThread first = ctx.nextIoThread();
            IoThread second = ctx.nextIoThread();
            first.execute(
                    () -> {
                        throw new IllegalStateException("a task that fails on purpose");
                    });
            second.execute(
                    () ->
                            second.schedule(
                                    0,
                                    () -> {
                                        throw new IllegalStateException(
                                                "a timer that fails on purpose");
                                    }));
            await().until(() -> ctx.ioFailures() == 2);

            CountDownLatch stillServing = new CountDownLatch(2);
            first.execute(stillServing::countDown);
            second.execute(stillServing::countDown);
            assertThat(stillServing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ctx.ioFailures()).isEqualTo(2);
        }
    }
}
