package dev.weft.core;

/**
 * Thrown by a blocking send or receive whose thread was interrupted while it waited. The socket
 * stays fully usable; the thread's interrupt status is set again, as Java convention asks.
 */
public final class InterruptedOperationException extends WeftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which operation was interrupted
     * @param cause the interruption
     */
    public InterruptedOperationException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
