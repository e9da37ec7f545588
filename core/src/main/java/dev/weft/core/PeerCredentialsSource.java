package dev.weft.core;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Reads the user and group of the process at the other end of an {@code ipc://} connection. The JDK
 * names the kernel's numeric ids ({@code SO_PEERCRED}) from the system's user and group databases
 * as it reads them, which may wait on a directory service (LDAP, NSS); a {@link Context} therefore
 * calls its source on one of its resolver threads, never on an I/O thread, and the connection's
 * handshake starts once the answer is there, while the I/O thread serves its other connections.
 *
 * <p>Implementations may block and must be thread-safe: a context runs up to {@value
 * Context#RESOLVER_THREADS} lookups at once. Set one with {@link Context.Builder#peerCredentials};
 * the default is {@link #SYSTEM}.
 */
@FunctionalInterface
public interface PeerCredentialsSource {
    /** The JDK's reading, {@link ExtendedSocketOptions#SO_PEERCRED}. */
    PeerCredentialsSource SYSTEM = channel -> channel.getOption(ExtendedSocketOptions.SO_PEERCRED);

    /**
     * Reads the credentials of a connected channel's peer.
     *
     * @param channel a connected Unix-domain channel, never read from or written to here
     * @return the peer's user and group, as the JDK's {@code SO_PEERCRED} gives them
     * @throws IOException when they cannot be told; the connection is then closed (an accepted one
     *     with a {@code START_FAILED} log line, a connected one retried after the reconnect
     *     interval)
     */
    UnixDomainPrincipal read(SocketChannel channel) throws IOException;
}
