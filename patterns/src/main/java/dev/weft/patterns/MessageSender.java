package dev.weft.patterns;

import dev.weft.core.Message;
import java.time.Duration;

/**
 * Sending side of a socket. Implemented by every socket type that can send.
 *
 * <p>Ownership: a {@link Message} belongs to the socket once a send returns true; when it returns
 * false or throws, the caller still owns it (and must send it again or close it). Thread-safe.
 */
public interface MessageSender {
    /**
     * Sends a message, waiting up to the socket's {@code sendTimeout} (without limit by default).
     *
     * @param message taken over when this returns true
     * @return true when sent; false when the send timeout passed (the caller keeps the message)
     * @throws dev.weft.core.SocketClosedException when the socket is closed
     * @throws dev.weft.core.InterruptedOperationException when the waiting thread is interrupted
     */
    boolean send(Message message);

    /**
     * Sends a message, waiting up to the given time.
     *
     * @param message taken over when this returns true
     * @param timeout how long to wait for the socket to take it
     * @return true when sent; false when the timeout passed (the caller keeps the message)
     * @throws IllegalArgumentException when the timeout is null or negative
     */
    boolean send(Message message, Duration timeout);

    /**
     * Sends a message only if that needs no waiting.
     *
     * @param message taken over when this returns true
     * @return true when sent; false when it would wait (the caller keeps the message)
     */
    boolean trySend(Message message);

    /**
     * Tells whether a send would not wait now.
     *
     * @return true when a message would be taken at once
     */
    boolean canSend();

    /**
     * Sends UTF-8 text frames as one message, waiting up to the socket's {@code sendTimeout}.
     *
     * @param frames the frames' text, in order
     * @return true when sent; false when the send timeout passed (nothing was sent)
     */
    default boolean send(String... frames) {
        Message m = Message.of(frames);
        boolean sent = false;
        try {
            sent = send(m);
            return sent;
        } finally {
            if (!sent) {
                m.close();
            }
        }
    }
}
