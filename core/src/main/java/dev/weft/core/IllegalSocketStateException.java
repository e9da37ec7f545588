package dev.weft.core;

/**
 * Thrown when an operation is not allowed in the socket's current state, such as a second request
 * on a REQ socket that has not received its reply. The message says what to do instead.
 */
public final class IllegalSocketStateException extends WeftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is not allowed now, and what is
     */
    public IllegalSocketStateException(String message) {
        super(message);
    }
}
