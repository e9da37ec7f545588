package dev.weft.examples;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an example running until SIGINT or SIGTERM (or a deadline), then lets it close its sockets
 * before the JVM exits: the shutdown hook waits (bounded) for the example to say it is done.
 */
final class Lifetime {
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    private Lifetime() {}

    /**
     * Installs the shutdown hook.
     *
     * @return the lifetime of this run
     */
    static Lifetime install() {
        Lifetime l = new Lifetime();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    l.stopRequested.countDown();
                                    try {
                                        l.cleanedUp.await(5, TimeUnit.SECONDS);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                },
                                "weft-example-shutdown"));
        return l;
    }

    /**
     * Waits one tick or until a stop is requested.
     *
     * @param tick how long to wait at most
     * @return true while the example should keep running
     */
    boolean tick(Duration tick) {
        try {
            return !stopRequested.await(tick.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the example to stop (as a signal would). */
    void requestStop() {
        stopRequested.countDown();
    }

    /** Tells the shutdown hook that sockets are closed and the JVM may exit. */
    void done() {
        cleanedUp.countDown();
    }
}
