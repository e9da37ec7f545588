package dev.weft.core.transport.tcp;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.transport.InheritedChannels;
import dev.weft.core.transport.StreamDialer;
import dev.weft.core.transport.StreamListener;
import dev.weft.core.transport.Transport;
import java.net.InetSocketAddress;

/**
 * The {@code tcp://} transport: {@code tcp://host:port}, {@code tcp://*:port}, an ephemeral {@code
 * :*}, IPv6 literals in brackets, host names (see {@link TcpAddress}), and {@code tcp://inherited}
 * for a listening socket handed in by the service manager. Stateless and safe from any thread.
 */
public final class TcpTransport implements Transport {
    private static final String HINT = " (is the port in use, or the address not local?)";

    @Override
    public String scheme() {
        return TcpAddress.TCP;
    }

    @Override
    public BindRequest bindRequest(String endpoint) {
        TcpAddress address = TcpAddress.parse(endpoint);
        if (address.isInherited()) {
            return site ->
                    StreamListener.bind(
                            site,
                            new InheritedTcpBinding(InheritedChannels.process().takeListeningTcp()),
                            endpoint,
                            "");
        }
        // A host name is looked up here, on the caller's thread, never on the I/O thread.
        InetSocketAddress local = address.bindAddress();
        return site -> StreamListener.bind(site, new TcpBinding(address, local), endpoint, HINT);
    }

    @Override
    public ConnectRequest connectRequest(String endpoint) {
        TcpAddress address = TcpAddress.parse(endpoint);
        if (address.isWildcardHost() || address.isInherited() || address.port() == 0) {
            throw new InvalidEndpointException(
                    "connect '"
                            + endpoint
                            + "': needs a concrete host and port"
                            + " (expected: tcp://host:port)");
        }
        return (site, stopped) -> new StreamDialer(site, new TcpTarget(address), stopped);
    }
}
