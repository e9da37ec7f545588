package dev.weft.core;

/** Thrown by {@code bind} and {@code connect} when a transport finds an endpoint malformed. */
public final class InvalidEndpointException extends WeftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which endpoint and what form is expected
     */
    public InvalidEndpointException(String message) {
        super(message);
    }
}
