package dev.weft.core.transport;

import dev.weft.core.SocketOptions;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * What a stream transport (tcp, ipc) adds to a {@link StreamListener}: how its listening channel is
 * opened and named, and how an accepted channel is set up. Used on the listener's I/O thread.
 */
public interface StreamBinding {
    /**
     * Opens the listening channel, bound.
     *
     * @param options the socket's options
     * @return a bound, listening channel
     * @throws IOException when the address cannot be bound
     */
    ServerSocketChannel open(SocketOptions options) throws IOException;

    /**
     * Names the bound endpoint, as {@code bind} reports it.
     *
     * @param bound the channel {@link #open} returned
     * @return e.g. {@code tcp://127.0.0.1:40111}
     * @throws IOException when the channel's address cannot be read
     */
    String endpoint(ServerSocketChannel bound) throws IOException;

    /**
     * Tells whether an {@code unbind} naming an endpoint as it was requested means this binding.
     *
     * @param requested the endpoint text given to unbind
     * @param bound the endpoint {@link #endpoint} returned
     * @return true when it names this binding
     */
    boolean answersTo(String requested, String bound);

    /**
     * Sets an accepted channel up (options such as {@code TCP_NODELAY}) before its handshake, and
     * decides whether the peer is served: a refused peer is closed at once, reported as {@code
     * PEER_REJECTED} and counted, and the listener goes on serving others.
     *
     * <p>A decision that needs a lookup which may block (an ipc peer's credentials) is made off the
     * I/O thread: the returned future completes later, on any thread, and the listener starts the
     * connection's handshake then, serving its other connections meanwhile.
     *
     * @param channel the accepted channel, non-blocking
     * @param options the socket's options
     * @return completes with {@link PeerAdmission#SERVED}, the facts the transport learned of the
     *     peer, or a refusal; or exceptionally when the peer cannot be examined
     * @throws IOException when an option cannot be set
     */
    CompletableFuture<PeerAdmission> accepted(SocketChannel channel, SocketOptions options)
            throws IOException;

    /**
     * The listener stopped: closes the listening channel and releases what the binding holds.
     *
     * @param channel the channel {@link #open} returned
     * @throws IOException when closing fails
     */
    void close(ServerSocketChannel channel) throws IOException;
}
