package dev.weft.bench.peer;

/**
 * A run broke one of its checks (timeout, wrong size, wrong frame count). The message starts with
 * the condition's name, e.g. {@code SIZE_MISMATCH: 15 bytes (expected: 16)}. Thrown by the peer
 * loops and socket adapters; turned into an {@code ERROR} line by {@link PeerMain}.
 */
public final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a failure.
     *
     * @param message {@code CONDITION: details}
     */
    public BenchFailure(String message) {
        super(message);
    }
}
