package dev.weft.core.transport.ipc;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.SocketOptions;
import dev.weft.core.transport.InheritedBinding;
import dev.weft.core.transport.InheritedChannels;
import dev.weft.core.transport.PeerAdmission;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * The binding of {@code ipc://inherited}: the listening Unix-domain socket the service manager
 * handed this process, already bound. It is named by its path and never closed (see {@link
 * InheritedChannels} for why), and its socket file is left to the service manager that made it, as
 * libzmq leaves a socket it was handed ({@code ZMQ_USE_FD}): unbinding stops accepting on it.
 * Accepted peers pass the ipc filter as on any ipc endpoint.
 */
final class InheritedIpcBinding extends InheritedBinding {
    private final PeerCredentialsLookup credentials;

    /**
     * Creates the binding of the inherited socket.
     *
     * @param inherited the channel {@link InheritedChannels} handed over
     * @param credentials reads accepted peers' credentials off the I/O thread
     */
    InheritedIpcBinding(ServerSocketChannel inherited, PeerCredentialsLookup credentials) {
        super(inherited);
        this.credentials = credentials;
    }

    @Override
    public String endpoint(ServerSocketChannel bound) throws IOException {
        UnixDomainSocketAddress local = (UnixDomainSocketAddress) bound.getLocalAddress();
        return IpcAddress.IPC + "://" + local.getPath();
    }

    @Override
    public boolean answersTo(String requested, String bound) {
        try {
            return IpcAddress.parse(requested).isInherited();
        } catch (InvalidEndpointException e) {
            return false;
        }
    }

    @Override
    public CompletableFuture<PeerAdmission> accepted(SocketChannel channel, SocketOptions options) {
        return IpcFilter.of(options).admit(channel, credentials);
    }
}
