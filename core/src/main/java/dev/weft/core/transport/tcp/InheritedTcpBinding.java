package dev.weft.core.transport.tcp;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.SocketOptions;
import dev.weft.core.transport.InheritedBinding;
import dev.weft.core.transport.InheritedChannels;
import dev.weft.core.transport.PeerAdmission;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * The binding of {@code tcp://inherited}: the listening socket the service manager handed this
 * process, already bound. It is named by its concrete address and never closed (see {@link
 * InheritedChannels} for why): unbinding stops accepting on it.
 */
final class InheritedTcpBinding extends InheritedBinding {
    /**
     * Creates the binding of the inherited socket.
     *
     * @param inherited the channel {@link InheritedChannels} handed over
     */
    InheritedTcpBinding(ServerSocketChannel inherited) {
        super(inherited);
    }

    @Override
    public String endpoint(ServerSocketChannel bound) throws IOException {
        InetSocketAddress local = (InetSocketAddress) bound.getLocalAddress();
        return new TcpAddress(TcpAddress.TCP, local.getAddress().getHostAddress(), local.getPort())
                .toString();
    }

    @Override
    public boolean answersTo(String requested, String bound) {
        try {
            return TcpAddress.parse(requested).isInherited();
        } catch (InvalidEndpointException e) {
            return false;
        }
    }

    @Override
    public CompletableFuture<PeerAdmission> accepted(SocketChannel channel, SocketOptions options)
            throws IOException {
        TcpBinding.setUpAccepted(channel, options);
        return CompletableFuture.completedFuture(PeerAdmission.SERVED);
    }
}
