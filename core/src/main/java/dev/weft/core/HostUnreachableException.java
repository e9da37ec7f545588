package dev.weft.core;

/**
 * Thrown by a ROUTER-like socket in mandatory mode when a message names a routing id that no
 * connected peer has. The message stays with the caller.
 */
public final class HostUnreachableException extends WeftException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which routing id was unknown
     */
    public HostUnreachableException(String message) {
        super(message);
    }
}
