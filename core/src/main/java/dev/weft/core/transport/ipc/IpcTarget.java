package dev.weft.core.transport.ipc;

import dev.weft.core.Metadata;
import dev.weft.core.SocketOptions;
import dev.weft.core.transport.StreamTarget;
import dev.weft.core.transport.TransportSite;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Where an ipc dialer connects: a path, used as it is on every attempt. A connect is a refusal when
 * nobody listens on the path ({@code ECONNREFUSED}: a socket file left by a process that ended) or
 * when there is no file at the path; {@code reconnectStop(CONNECTION_REFUSED)} stops on either.
 * libzmq 4.3 retries an ipc connect whatever the error and ignores that condition on ipc; Weft
 * treats both as tcp's refusal, since both mean that nobody listens there.
 */
final class IpcTarget implements StreamTarget {
    private final IpcAddress address;
    private final String endpoint;
    private final PeerCredentialsLookup credentials;

    /**
     * Creates the target of one connect.
     *
     * @param address a concrete path
     * @param credentials reads the listener's credentials off the I/O thread
     */
    IpcTarget(IpcAddress address, PeerCredentialsLookup credentials) {
        this.address = address;
        this.credentials = credentials;
        this.endpoint = address.toString();
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<SocketAddress> address(TransportSite site) {
        return CompletableFuture.completedFuture(address.socketAddress());
    }

    @Override
    public SocketChannel open(SocketOptions options) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public CompletableFuture<Metadata> connected(SocketChannel channel) {
        return credentials.lookUp(channel).thenApply(PeerCredentials::metadata);
    }

    @Override
    public boolean isRefusal(IOException failure) {
        return failure instanceof ConnectException || Files.notExists(Path.of(address.path()));
    }
}
