package dev.weft.core.io;

/** Something registered with an {@link IoThread}'s selector: told when its channel is ready. */
public interface IoHandler {
    /**
     * The channel is ready for the given operations. Called on the I/O thread.
     *
     * @param readyOps the {@link java.nio.channels.SelectionKey} ready set
     */
    void onReady(int readyOps);

    /**
     * Something this handler ran threw. Called on the I/O thread; the handler should close its
     * channel. The I/O thread itself goes on.
     *
     * @param failure what was thrown
     */
    void onFailure(Throwable failure);
}
