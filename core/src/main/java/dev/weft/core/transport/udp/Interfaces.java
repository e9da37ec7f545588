package dev.weft.core.transport.udp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Enumeration;

/** Finding network interfaces by name, by address, and by route. Stateless. */
final class Interfaces {
    private Interfaces() {}

    /**
     * Returns the interface an endpoint's source part names: an interface name or one of its
     * addresses. Looks nothing up in DNS.
     *
     * @param source the source part, not {@code *}
     * @return the interface, or null when none has that name or address
     * @throws SocketException when the interfaces cannot be listed
     */
    static NetworkInterface byNameOrAddress(String source) throws SocketException {
        NetworkInterface ni = NetworkInterface.getByName(source);
        if (ni != null) {
            return ni;
        }
        InetAddress address = UdpAddress.literal(source);
        return address == null ? null : NetworkInterface.getByInetAddress(address);
    }

    /**
     * Returns an address of an interface for binding: its first IPv4 address, else its first.
     *
     * @param ni the interface
     * @return the address, or null when it has none
     */
    static InetAddress bindAddress(NetworkInterface ni) {
        InetAddress first = null;
        for (Enumeration<InetAddress> e = ni.getInetAddresses(); e.hasMoreElements(); ) {
            InetAddress a = e.nextElement();
            if (a instanceof Inet4Address) {
                return a;
            }
            if (first == null) {
                first = a;
            }
        }
        return first;
    }

    /**
     * Returns the interface the routing table sends a group's datagrams through: what libzmq gets
     * by joining on {@code INADDR_ANY}, which the JDK's {@code join} cannot express.
     *
     * @param group the multicast group
     * @param port the port, for the probe
     * @return the interface
     * @throws IOException when no route leads to the group, or its interface cannot be told
     */
    static NetworkInterface byRoute(InetAddress group, int port) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(family(group))) {
            // A UDP connect sends nothing: the kernel only picks the route and source address.
            probe.connect(new InetSocketAddress(group, port == 0 ? 9 : port));
            InetAddress local = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
            NetworkInterface ni = NetworkInterface.getByInetAddress(local);
            if (ni == null) {
                throw new IOException("no interface has the address " + local.getHostAddress());
            }
            return ni;
        }
    }

    /**
     * Returns the protocol family of an address.
     *
     * @param address the address
     * @return INET for IPv4, else INET6
     */
    static ProtocolFamily family(InetAddress address) {
        return address instanceof Inet4Address
                ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6;
    }
}
