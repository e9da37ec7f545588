package dev.weft.core.transport.udp;

import dev.weft.core.InvalidEndpointException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;

/**
 * What a DISH's {@code udp://} bind opens, resolved on the application thread (interface names,
 * host names): a unicast address to bind, or a multicast group to join on an interface.
 *
 * <p>As libzmq does: the channel sets {@code SO_REUSEADDR}; for a group it binds the wildcard
 * address on the port, sets {@code SO_REUSEPORT} too (so several receivers on one host share the
 * group's port, each getting every datagram) and joins the group.
 */
final class UdpBinding {
    private final UdpAddress address;
    private final InetSocketAddress local;
    private final InetAddress group;
    private final NetworkInterface joinInterface;

    private UdpBinding(
            UdpAddress address,
            InetSocketAddress local,
            InetAddress group,
            NetworkInterface joinInterface) {
        this.address = address;
        this.local = local;
        this.group = group;
        this.joinInterface = joinInterface;
    }

    /**
     * Resolves a bind's endpoint: {@code *}, an interface name, a local address or host name, or a
     * multicast group. Runs on the application thread; may look a host name up.
     *
     * @param address the parsed endpoint
     * @return the binding
     * @throws InvalidEndpointException when an interface or host is unknown
     */
    static UdpBinding resolve(UdpAddress address) {
        NetworkInterface source = sourceInterface(address);
        if (address.isWildcardHost()) {
            // libzmq binds IPv4's wildcard unless ZMQ_IPV6 is set; Weft has no such option.
            return new UdpBinding(
                    address, new InetSocketAddress(anyIpv4(), address.port()), null, null);
        }
        InetAddress host = address.hostLiteral();
        if (host == null) {
            host = interfaceOrHost(address);
        }
        if (host.isMulticastAddress()) {
            InetAddress any = host instanceof Inet4Address ? anyIpv4() : anyIpv6();
            return new UdpBinding(
                    address, new InetSocketAddress(any, address.port()), host, source);
        }
        return new UdpBinding(address, new InetSocketAddress(host, address.port()), null, null);
    }

    /**
     * Opens the channel: bound, and joined to the group if there is one. Runs on the I/O thread.
     *
     * @return a bound, blocking-mode channel
     * @throws IOException when the address cannot be bound or the group joined
     */
    DatagramChannel open() throws IOException {
        InetAddress family = group != null ? group : local.getAddress();
        DatagramChannel ch = DatagramChannel.open(Interfaces.family(family));
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (group != null
                    && ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.bind(local);
            if (group != null) {
                NetworkInterface ni = joinInterface;
                if (ni == null) {
                    ni = Interfaces.byRoute(group, address.port());
                }
                ch.join(group, ni);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Returns the group joined.
     *
     * @return the multicast group, or null for a unicast bind
     */
    InetAddress group() {
        return group;
    }

    /**
     * Returns the endpoint a bind reports.
     *
     * @param ch the bound channel
     * @return the endpoint as given, with the bound port
     * @throws IOException when the channel's address cannot be read
     */
    String endpoint(DatagramChannel ch) throws IOException {
        return address.withPort(((InetSocketAddress) ch.getLocalAddress()).getPort());
    }

    /**
     * Tells whether an unbind's text names this binding.
     *
     * @param requested the text given to unbind
     * @param bound the endpoint the bind reported
     * @return true for the text given to bind or the reported endpoint
     */
    boolean answersTo(String requested, String bound) {
        return requested.equals(address.text()) || requested.equals(bound);
    }

    private static NetworkInterface sourceInterface(UdpAddress address) {
        String source = address.source();
        if (source == null || source.equals(UdpAddress.WILDCARD)) {
            return null;
        }
        try {
            NetworkInterface ni = Interfaces.byNameOrAddress(source);
            if (ni == null) {
                throw new InvalidEndpointException(
                        "bind '"
                                + address.text()
                                + "': no interface is named or has the address '"
                                + source
                                + "' (expected: an interface name such as lo or eth0, one of its"
                                + " addresses, or *)");
            }
            return ni;
        } catch (SocketException e) {
            throw new InvalidEndpointException(
                    "bind '" + address.text() + "': cannot list interfaces: " + e.getMessage());
        }
    }

    /** libzmq's order for a bind's host: an interface name first, then a host name. */
    private static InetAddress interfaceOrHost(UdpAddress address) {
        try {
            NetworkInterface ni = NetworkInterface.getByName(address.host());
            if (ni != null) {
                InetAddress a = Interfaces.bindAddress(ni);
                if (a == null) {
                    throw new InvalidEndpointException(
                            "bind '"
                                    + address.text()
                                    + "': interface "
                                    + address.host()
                                    + " has no address");
                }
                return a;
            }
        } catch (SocketException e) {
            // Not an interface we can read: try it as a host name.
        }
        try {
            return InetAddress.getByName(address.host());
        } catch (UnknownHostException e) {
            throw new InvalidEndpointException(
                    "bind '"
                            + address.text()
                            + "': '"
                            + address.host()
                            + "' is neither an interface nor a known host (expected: *, an"
                            + " interface name, a local address or a multicast group)");
        }
    }

    private static InetAddress anyIpv4() {
        return UdpAddress.literal("0.0.0.0");
    }

    private static InetAddress anyIpv6() {
        return UdpAddress.literal("::");
    }
}
