package dev.weft.core.transport.tcp;

import dev.weft.core.SocketOptions;
import dev.weft.core.transport.StreamTarget;
import dev.weft.core.transport.TransportSite;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where a tcp dialer connects: an IP literal as it is, a host name looked up again on every attempt
 * by the context's resolver (off the I/O thread); each channel gets {@code TCP_NODELAY} and the
 * socket's keepalive options.
 */
final class TcpTarget implements StreamTarget {
    private final TcpAddress address;
    private final String endpoint;

    /**
     * Creates the target of one connect.
     *
     * @param address a concrete host and port
     */
    TcpTarget(TcpAddress address) {
        this.address = address;
        this.endpoint = address.toString();
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<SocketAddress> address(TransportSite site) {
        if (address.hasLiteralHost()) {
            return CompletableFuture.completedFuture(address.connectAddress());
        }
        return site.resolver()
                .apply(address.host())
                .handle(
                        (resolved, failure) -> {
                            if (failure != null) {
                                throw new CompletionException(lookupFailed(failure));
                            }
                            return address.connectAddress(resolved);
                        });
    }

    private UnknownHostException lookupFailed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return new UnknownHostException(
                "cannot resolve host '"
                        + address.host()
                        + "': "
                        + cause.getClass().getSimpleName()
                        + ": "
                        + cause.getMessage());
    }

    @Override
    public SocketChannel open(SocketOptions options) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            TcpKeepalive.apply(ch, options);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public boolean isRefusal(IOException failure) {
        // The JDK reports ECONNREFUSED only in the message.
        return failure instanceof ConnectException
                && failure.getMessage() != null
                && failure.getMessage().startsWith("Connection refused");
    }
}
