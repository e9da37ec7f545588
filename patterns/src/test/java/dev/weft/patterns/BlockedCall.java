package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A blocking call on its own thread, known to be waiting before the test goes on (its thread is in
 * {@code WAITING} or {@code TIMED_WAITING}), so that what the test does next is what must wake it.
 *
 * @param <T> what the call returns
 */
public final class BlockedCall<T> {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    private BlockedCall(Supplier<T> call) {
        thread =
                new Thread(
                        () -> {
                            try {
                                result.complete(call.get());
                            } catch (RuntimeException e) {
                                result.completeExceptionally(e);
                            }
                        },
                        "weft-test-blocked-call");
        thread.setDaemon(true);
    }

    /**
     * Starts the call and returns once its thread waits.
     *
     * @param call the blocking call
     * @param <T> what the call returns
     * @return the waiting call
     * @throws AssertionError when the call returned or threw instead of waiting
     */
    public static <T> BlockedCall<T> start(Supplier<T> call) {
        BlockedCall<T> b = new BlockedCall<>(call);
        b.thread.start();
        await("the call's thread to wait")
                .atMost(WAIT)
                .until(
                        () ->
                                b.result.isDone()
                                        || b.thread.getState() == Thread.State.WAITING
                                        || b.thread.getState() == Thread.State.TIMED_WAITING);
        assertThat(b.result).as("the call waits").isNotDone();
        return b;
    }

    /**
     * Returns the call's outcome.
     *
     * @return completed with the call's result, or exceptionally with what it threw
     */
    public CompletableFuture<T> result() {
        return result;
    }
}
