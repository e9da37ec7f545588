package dev.weft.patterns;

import java.time.Duration;

/** Checks a timeout a caller passed to a blocking call and turns it into nanoseconds. */
final class Timeouts {
    private Timeouts() {}

    /**
     * Converts a caller's timeout to nanoseconds.
     *
     * @param operation the call, named in the error message (e.g. {@code "send"})
     * @param timeout how long to wait; zero does not wait
     * @return the timeout in nanoseconds, at most {@link Long#MAX_VALUE}
     * @throws IllegalArgumentException when the timeout is null or negative
     */
    static long toNanos(String operation, Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException(
                    operation
                            + " timeout: "
                            + timeout
                            + " (expected: >= 0; Duration.ZERO does not wait, and the call without"
                            + " a timeout waits the socket's configured timeout)");
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
