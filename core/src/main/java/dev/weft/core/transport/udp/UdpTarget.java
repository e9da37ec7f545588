package dev.weft.core.transport.udp;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.SocketOptions;
import dev.weft.core.transport.TransportSite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Where a RADIO's {@code udp://} connect sends: a unicast peer (address or host name, looked up off
 * the I/O thread) or a multicast group, with the interface to send a group's datagrams through.
 * Immutable.
 */
final class UdpTarget {
    private final UdpAddress address;
    private final NetworkInterface multicastInterface;

    private UdpTarget(UdpAddress address, NetworkInterface multicastInterface) {
        this.address = address;
        this.multicastInterface = multicastInterface;
    }

    /**
     * Checks a connect's endpoint; an interface it names is looked up (locally, never in DNS). Runs
     * on the application thread.
     *
     * @param address the parsed endpoint
     * @return the target
     * @throws InvalidEndpointException when the named interface does not exist
     */
    static UdpTarget of(UdpAddress address) {
        String source = address.source();
        if (source == null || source.equals(UdpAddress.WILDCARD)) {
            return new UdpTarget(address, null);
        }
        try {
            NetworkInterface ni = Interfaces.byNameOrAddress(source);
            if (ni == null) {
                throw new InvalidEndpointException(
                        "connect '"
                                + address.text()
                                + "': no interface is named or has the address '"
                                + source
                                + "' (expected: an interface name such as lo or eth0, one of its"
                                + " addresses, or *)");
            }
            return new UdpTarget(address, ni);
        } catch (SocketException e) {
            throw new InvalidEndpointException(
                    "connect '" + address.text() + "': cannot list interfaces: " + e.getMessage());
        }
    }

    /**
     * Returns the endpoint.
     *
     * @return the parsed endpoint
     */
    UdpAddress address() {
        return address;
    }

    /**
     * Resolves the destination: at once for an address, else by the site's resolver.
     *
     * @param site the socket, whose resolver looks host names up off the I/O thread
     * @return the destination address; may complete on any thread
     */
    CompletableFuture<InetAddress> resolve(TransportSite site) {
        InetAddress literal = address.hostLiteral();
        return literal != null
                ? CompletableFuture.completedFuture(literal)
                : site.resolver().apply(address.host());
    }

    /**
     * Opens the sending channel for a destination, with the multicast options when it is a group
     * (libzmq sets loop and hops, and the interface when one is named). Runs on the I/O thread.
     *
     * @param destination the resolved destination
     * @param options the socket's options ({@code multicastHops}, {@code multicastLoop})
     * @return an unbound, non-blocking channel
     * @throws IOException when the channel or an option cannot be set up
     */
    DatagramChannel open(InetAddress destination, SocketOptions options) throws IOException {
        DatagramChannel ch = DatagramChannel.open(Interfaces.family(destination));
        try {
            if (destination.isMulticastAddress()) {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, options.multicastLoop());
                ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.multicastHops());
                if (multicastInterface != null) {
                    ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, multicastInterface);
                }
            }
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
