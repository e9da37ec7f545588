package dev.weft.core.transport.udp;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.SocketType;
import dev.weft.core.transport.Dialer;
import dev.weft.core.transport.Transport;
import dev.weft.core.transport.TransportSite;
import java.util.function.Consumer;

/**
 * The {@code udp://} transport for RADIO and DISH, in libzmq's datagram format: one datagram per
 * message (a group length octet, the group, the body; see {@link DatagramFormat}). As in libzmq, a
 * DISH binds ({@link UdpReceiver}) and a RADIO connects ({@link UdpSender}); any other use is
 * refused ({@code ENOCOMPATPROTO}). Endpoint forms: see {@link UdpAddress}.
 *
 * <p>There is no connection, handshake, security mechanism, heartbeat or command over udp: a RADIO
 * sends every group to each udp endpoint and the DISH keeps its joined groups. Stateless and safe
 * from any thread.
 */
public final class UdpTransport implements Transport {
    /** Creates the transport. */
    public UdpTransport() {}

    @Override
    public String scheme() {
        return UdpAddress.SCHEME;
    }

    @Override
    public void checkSocketType(SocketType type, boolean binding, String endpoint) {
        SocketType allowed = binding ? SocketType.DISH : SocketType.RADIO;
        if (type != allowed) {
            throw new InvalidEndpointException(
                    (binding ? "bind" : "connect")
                            + " '"
                            + endpoint
                            + "': a "
                            + type
                            + " socket cannot "
                            + (binding ? "bind" : "connect")
                            + " udp:// (expected: udp:// is for RADIO and DISH only: a DISH binds,"
                            + " a RADIO connects, as in libzmq)");
        }
    }

    @Override
    public BindRequest bindRequest(String endpoint) {
        UdpBinding binding = UdpBinding.resolve(UdpAddress.parse(endpoint, true));
        return site -> UdpReceiver.bind(site, binding, endpoint);
    }

    @Override
    public ConnectRequest connectRequest(String endpoint) {
        UdpTarget target = UdpTarget.of(UdpAddress.parse(endpoint, false));
        return new ConnectRequest() {
            @Override
            public Dialer dial(TransportSite site, Consumer<Dialer> stopped) {
                return new UdpSender(site, target, endpoint, stopped);
            }

            @Override
            public boolean subscribesToAll() {
                return true;
            }
        };
    }
}
