package dev.weft.core;

/**
 * Thrown by {@code bind} when the operating system refuses the address (in use, not local, no
 * permission), and by other calls that fail at the transport level.
 */
public final class TransportException extends WeftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, for which endpoint
     * @param cause the I/O error
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
