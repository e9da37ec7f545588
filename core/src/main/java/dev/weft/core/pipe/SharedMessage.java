package dev.weft.core.pipe;

import dev.weft.core.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One message queued in several pipes at once (RFC 29 fan-out): the publisher hands the same object
 * to every matching subscriber's pipe instead of a duplicate per subscriber, so fan-out allocates
 * nothing per subscriber and touches the frames' reference counts once per message rather than once
 * per subscriber.
 *
 * <p>Ownership: each holder (a pipe's outbound queue, then the engine that takes it from there)
 * owns one share and gives it back with {@link #release()} exactly once; the last share closes the
 * message. Holders only read the message ({@link #message()}): they must not add, remove or close
 * frames, nor move a frame's reader or writer index, since other holders read it at the same time,
 * possibly on other I/O threads.
 *
 * <p>Thread-safety: {@link #release()} may be called from any thread.
 */
public final class SharedMessage {
    private static final VarHandle SHARES;

    static {
        try {
            SHARES = MethodHandles.lookup().findVarHandle(SharedMessage.class, "shares", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Message message;
    private volatile int shares;

    /**
     * Shares a message among a known number of holders.
     *
     * @param message taken over: closed when the last share is released
     * @param shares how many holders will each call {@link #release()} once; at least 1
     * @throws IllegalArgumentException when {@code shares} is below 1
     */
    public SharedMessage(Message message, int shares) {
        if (shares < 1) {
            throw new IllegalArgumentException("shares: " + shares + " (expected: >= 1)");
        }
        this.message = message;
        this.shares = shares;
    }

    /**
     * Returns the shared message, to read only (see the class comment).
     *
     * @return the message; valid until this holder's {@link #release()}
     */
    public Message message() {
        return message;
    }

    /**
     * Gives back one share; the last one closes the message.
     *
     * @return true when this was the last share and the message is now closed
     */
    public boolean release() {
        // getAndAdd is a full volatile read-modify-write: every holder's reads of the frames happen
        // before the last holder's close.
        int left = (int) SHARES.getAndAdd(this, -1) - 1;
        if (left == 0) {
            message.close();
            return true;
        }
        if (left < 0) {
            throw new IllegalStateException("SharedMessage released more often than shared");
        }
        return false;
    }

    /**
     * Returns how many shares are still held (a snapshot; for tests and diagnostics).
     *
     * @return the share count
     */
    public int shares() {
        return shares;
    }
}
