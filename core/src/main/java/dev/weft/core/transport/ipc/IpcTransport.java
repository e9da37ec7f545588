package dev.weft.core.transport.ipc;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.PeerCredentialsSource;
import dev.weft.core.transport.InheritedChannels;
import dev.weft.core.transport.StreamDialer;
import dev.weft.core.transport.StreamListener;
import dev.weft.core.transport.Transport;
import java.util.concurrent.Executor;

/**
 * The {@code ipc://} transport: ZMTP over Unix-domain stream sockets, wire-compatible with libzmq's
 * ipc. Endpoint forms are those of {@link IpcAddress}.
 *
 * <p>Binding a path replaces a socket file nobody listens on (left by a process that ended) and
 * refuses a path where a process listens, or that is not a socket (Weft never deletes it). libzmq
 * deletes whatever is at the path; Weft differs for safety. The socket file is removed when the
 * endpoint is unbound or its socket closed, if it is still the file this bind made; libzmq 4.3
 * leaves it (it removes only {@code ipc://*} files), which is harmless to libzmq, since its next
 * bind deletes it anyway.
 *
 * <p>Each accepted peer's credentials are read from the kernel ({@code SO_PEERCRED}): they join its
 * connection metadata ({@link dev.weft.core.Metadata#PEER_UID} and the others) and, with {@link
 * dev.weft.core.SocketOptions#ipcFilterUids()} or {@code ipcFilterGids} set, decide whether it is
 * served. A connecting socket sees the listener's credentials the same way. The JDK names the ids
 * from the system's user and group databases as it reads them, which can wait on a directory
 * service (LDAP, NSS), so credentials are read on the context's lookup threads: the connection's
 * handshake starts once they are there, and its I/O thread serves other connections meanwhile. A
 * reading that outlasts the socket's {@code handshakeTimeout} gives the connection up: an accepted
 * peer is closed as a failed handshake, a connecting socket retries. libzmq reads only the numeric
 * ids (its {@code Peer-Address} property ends in {@code :uid:gid:pid}); Weft's {@code Peer-Uid} and
 * {@code Peer-Gid} carry them, and the filters use them alone.
 *
 * <p>Safe from any thread.
 */
public final class IpcTransport implements Transport {
    private final PeerCredentialsLookup credentials;

    /**
     * Creates the transport of one context.
     *
     * @param lookupThreads where peers' credentials are read; never an I/O thread, since reading
     *     them may wait on the system's user and group databases
     * @param source reads the credentials, e.g. {@link PeerCredentialsSource#SYSTEM}
     */
    public IpcTransport(Executor lookupThreads, PeerCredentialsSource source) {
        this.credentials = new PeerCredentialsLookup(lookupThreads, source);
    }

    @Override
    public String scheme() {
        return IpcAddress.IPC;
    }

    @Override
    public BindRequest bindRequest(String endpoint) {
        IpcAddress address = IpcAddress.parse(endpoint);
        if (address.isInherited()) {
            return site ->
                    StreamListener.bind(
                            site,
                            new InheritedIpcBinding(
                                    InheritedChannels.process().takeListeningIpc(), credentials),
                            endpoint,
                            "");
        }
        return site ->
                StreamListener.bind(site, new IpcBinding(address, credentials), endpoint, "");
    }

    @Override
    public ConnectRequest connectRequest(String endpoint) {
        IpcAddress address = IpcAddress.parse(endpoint);
        if (address.isWildcard() || address.isInherited()) {
            throw new InvalidEndpointException(
                    "connect '"
                            + endpoint
                            + "': needs a path (expected: ipc:///path/to/socket or"
                            + " ipc://relative/path; "
                            + address.path()
                            + " is for bind only)");
        }
        return (site, stopped) ->
                new StreamDialer(site, new IpcTarget(address, credentials), stopped);
    }
}
