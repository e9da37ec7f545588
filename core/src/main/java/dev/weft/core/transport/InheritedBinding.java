package dev.weft.core.transport;

import dev.weft.core.SocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * What every transport's binding of an inherited listening socket (socket activation) shares: the
 * channel {@link InheritedChannels} handed over is already bound, so opening returns it, and it is
 * never closed (closing the JDK's inherited channel would also point standard output and error at
 * {@code /dev/null}): unbinding only stops accepting on it. A transport names it and sets accepted
 * connections up.
 */
public abstract class InheritedBinding implements StreamBinding {
    private final ServerSocketChannel inherited;

    /**
     * Creates the binding of the inherited socket.
     *
     * @param inherited the channel {@link InheritedChannels} handed over
     */
    protected InheritedBinding(ServerSocketChannel inherited) {
        this.inherited = inherited;
    }

    @Override
    public final ServerSocketChannel open(SocketOptions options) {
        return inherited;
    }

    @Override
    public final void close(ServerSocketChannel channel) {
        // Kept open for the life of the process; see the class description.
    }
}
