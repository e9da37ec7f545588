package dev.weft.core;

/**
 * Base of Weft's unchecked exceptions. Each subclass is documented where it is thrown; messages
 * name the offending value and what is allowed.
 */
public class WeftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and what to do
     */
    public WeftException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public WeftException(String message, Throwable cause) {
        super(message, cause);
    }
}
