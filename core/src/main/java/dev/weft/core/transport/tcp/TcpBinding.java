package dev.weft.core.transport.tcp;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.SocketOptions;
import dev.weft.core.transport.PeerAdmission;
import dev.weft.core.transport.StreamBinding;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * A tcp listener's binding: opens a listening socket on an address (with {@code SO_REUSEADDR}, and
 * {@code SO_REUSEPORT} when the socket asks), names it with its concrete port, and sets accepted
 * connections up with {@code TCP_NODELAY} and the socket's keepalive options.
 */
final class TcpBinding implements StreamBinding {
    private static final int BACKLOG = 128;

    private final TcpAddress requested;
    private final InetSocketAddress local;

    /**
     * Creates the binding of one bind.
     *
     * @param requested the endpoint as given to bind
     * @param local its address, the host already looked up
     */
    TcpBinding(TcpAddress requested, InetSocketAddress local) {
        this.requested = requested;
        this.local = local;
    }

    @Override
    public ServerSocketChannel open(SocketOptions options) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (options.reusePort()) {
                if (!server.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new IOException(
                            "reusePort: SO_REUSEPORT is not supported on this platform"
                                    + " (expected: Linux, BSD or macOS)");
                }
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(local, BACKLOG);
            return server;
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String endpoint(ServerSocketChannel bound) throws IOException {
        int port = ((InetSocketAddress) bound.getLocalAddress()).getPort();
        String host = requested.isWildcardHost() ? "0.0.0.0" : requested.host();
        return new TcpAddress(TcpAddress.TCP, host, port).toString();
    }

    @Override
    public boolean answersTo(String requestedText, String bound) {
        TcpAddress wanted;
        try {
            wanted = TcpAddress.parse(requestedText);
        } catch (InvalidEndpointException e) {
            return false;
        }
        if (wanted.isInherited()) {
            return false;
        }
        TcpAddress concrete = TcpAddress.parse(bound);
        boolean sameHost =
                wanted.isWildcardHost()
                        ? concrete.host().equals("0.0.0.0")
                        : wanted.host().equals(concrete.host());
        return sameHost && (wanted.port() == 0 || wanted.port() == concrete.port());
    }

    @Override
    public CompletableFuture<PeerAdmission> accepted(SocketChannel channel, SocketOptions options)
            throws IOException {
        setUpAccepted(channel, options);
        return CompletableFuture.completedFuture(PeerAdmission.SERVED);
    }

    /**
     * Sets an accepted tcp connection up: {@code TCP_NODELAY} and the socket's keepalive options.
     *
     * @param channel the accepted channel
     * @param options the socket's options
     * @throws IOException when an option cannot be set
     */
    static void setUpAccepted(SocketChannel channel, SocketOptions options) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        TcpKeepalive.apply(channel, options);
    }

    @Override
    public void close(ServerSocketChannel channel) throws IOException {
        channel.close();
    }
}
