package dev.weft.core;

/**
 * Thrown by an operation on a socket that is closed, or whose context is closed, including callers
 * that were blocked in it when it closed.
 */
public final class SocketClosedException extends WeftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which socket and operation
     */
    public SocketClosedException(String message) {
        super(message);
    }
}
