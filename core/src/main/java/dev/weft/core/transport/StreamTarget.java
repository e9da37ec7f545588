package dev.weft.core.transport;

import dev.weft.core.Metadata;
import dev.weft.core.SocketOptions;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * What a stream transport (tcp, ipc) adds to a {@link StreamDialer}: where to connect and how the
 * channel is opened. Used on the dialer's I/O thread.
 */
public interface StreamTarget {
    /**
     * Returns the endpoint, as given to connect.
     *
     * @return e.g. {@code tcp://127.0.0.1:5555}
     */
    String endpoint();

    /**
     * Finds the address for the next attempt: already complete when nothing needs looking up;
     * otherwise it completes, on any thread, once a lookup off the I/O thread ended, failing with
     * an exception whose message says what could not be found.
     *
     * @param site the socket and its resolver
     * @return the address to connect to
     */
    CompletableFuture<SocketAddress> address(TransportSite site);

    /**
     * Opens a channel for one attempt, non-blocking and set up with the socket's options.
     *
     * @param options the socket's options
     * @return an unconnected channel
     * @throws IOException when the channel cannot be opened or set up
     */
    SocketChannel open(SocketOptions options) throws IOException;

    /**
     * Tells what the transport learned of the listening peer once a connect succeeded (an ipc
     * listener's user and group); added to the peer's handshake metadata. A lookup that may block
     * runs off the I/O thread: the dialer starts the handshake when the future completes.
     *
     * @param channel the connected channel
     * @return completes, on any thread, with the properties the transport vouches for (empty by
     *     default), or exceptionally when the channel cannot be examined
     */
    default CompletableFuture<Metadata> connected(SocketChannel channel) {
        return CompletableFuture.completedFuture(Metadata.EMPTY);
    }

    /**
     * Tells whether a failed connect was a refusal (nobody listening there), which {@code
     * reconnectStop} can act on.
     *
     * @param failure what the connect threw, when it started or when it completed
     * @return true for a refusal
     */
    boolean isRefusal(IOException failure);
}
