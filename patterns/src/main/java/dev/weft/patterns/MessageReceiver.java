package dev.weft.patterns;

import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Receiving side of a socket. Implemented by every socket type that can receive.
 *
 * <p>Ownership: a received {@link Message} belongs to the caller, who must close it; {@link
 * #receiveString()}, {@link #receiveStrings()} and {@link #receiveBytes()} copy and release for
 * you. Thread-safe.
 */
public interface MessageReceiver {
    /**
     * Receives a message, waiting up to the socket's {@code receiveTimeout} (without limit by
     * default).
     *
     * @return the message, which the caller must close; null when the receive timeout passed
     * @throws dev.weft.core.SocketClosedException when the socket is or becomes closed
     * @throws dev.weft.core.InterruptedOperationException when the waiting thread is interrupted
     */
    Message receive();

    /**
     * Receives a message, waiting up to the given time.
     *
     * @param timeout how long to wait
     * @return the message, which the caller must close; null when the timeout passed
     * @throws IllegalArgumentException when the timeout is null or negative
     */
    Message receive(Duration timeout);

    /**
     * Receives a message only if one is ready.
     *
     * @return the message, which the caller must close, or null
     */
    Message tryReceive();

    /**
     * Tells whether a message is ready.
     *
     * @return true when {@link #tryReceive()} would return one
     */
    boolean canReceive();

    /**
     * Receives a single-frame message as UTF-8 text.
     *
     * @return the text, or null when the receive timeout passed
     * @throws IllegalSocketStateException when the message has more than one frame (it is released;
     *     use {@link #receiveStrings()} for multipart messages)
     */
    default String receiveString() {
        try (Message m = receive()) {
            if (m == null) {
                return null;
            }
            if (m.size() != 1) {
                throw new IllegalSocketStateException(
                        "receiveString: the message has "
                                + m.size()
                                + " frames (expected: 1; use receiveStrings() or receive())");
            }
            return m.frame(0).toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Receives a message as UTF-8 text, one string per frame.
     *
     * @return the frames' text, or null when the receive timeout passed
     */
    default List<String> receiveStrings() {
        try (Message m = receive()) {
            return m == null ? null : m.strings();
        }
    }

    /**
     * Receives a message as byte arrays, one per frame.
     *
     * @return copies of the frames, or null when the receive timeout passed
     */
    default List<byte[]> receiveBytes() {
        try (Message m = receive()) {
            if (m == null) {
                return null;
            }
            List<byte[]> out = new ArrayList<>(m.size());
            for (int i = 0; i < m.size(); i++) {
                out.add(m.frame(i).toByteArray());
            }
            return out;
        }
    }
}
