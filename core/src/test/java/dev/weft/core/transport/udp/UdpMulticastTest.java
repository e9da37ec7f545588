package dev.weft.core.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import dev.weft.core.socket.SocketCore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multicast over the loopback interface, which needs no privilege and no set-up: the endpoints name
 * the interface ({@code udp://127.0.0.1;group:port}), so the group is joined on {@code lo} and sent
 * through it even where {@code lo} lacks the {@code MULTICAST} flag and no route leads to multicast
 * (a fresh network namespace: Linux still joins and loops back on {@code lo} when it is named).
 */
@Timeout(60)
class UdpMulticastTest {
    private static final long RECEIVE_NS = TimeUnit.SECONDS.toNanos(10);

    private Context ctx;
    private final List<SocketCore> sockets = new CopyOnWriteArrayList<>();
    // An organisation-local group (RFC 2365) of its own per run, so parallel runs do not meet.
    private final String group =
            "239.255."
                    + ThreadLocalRandom.current().nextInt(1, 255)
                    + "."
                    + ThreadLocalRandom.current().nextInt(1, 255);

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        sockets.forEach(SocketCore::close);
        ctx.close();
    }

    @Test
    void shouldDeliverEveryDatagramToEachDishBoundToTheGroupOnOneHost() {
        SocketCore first = socket(SocketType.DISH, new GroupRoles.Receiving());
        String bound = first.bind("udp://127.0.0.1;" + group + ":*");
        int port = Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1));
        SocketCore second = socket(SocketType.DISH, new GroupRoles.Receiving());
        // libzmq's SO_REUSEADDR and SO_REUSEPORT: a second receiver shares the group's port.
        second.bind("udp://lo;" + group + ":" + port);
        SocketCore radio = socket(SocketType.RADIO, new GroupRoles.Sending());

        radio.connect("udp://127.0.0.1;" + group + ":" + port);
        radio.send(Message.of("21.5").group("temperature"), 0);

        for (SocketCore dish : List.of(first, second)) {
            try (Message m = dish.receive(RECEIVE_NS)) {
                assertThat(m).isNotNull();
                assertThat(m.group()).isEqualTo("temperature");
                assertThat(m.strings()).containsExactly("21.5");
            }
        }
    }

    @Test
    void shouldSetTheMulticastOptionsOnTheSendingChannel() throws IOException {
        UdpTarget target = UdpTarget.of(UdpAddress.parse("udp://lo;" + group + ":5555", false));
        SocketOptions options =
                SocketOptions.builder().multicastHops(7).multicastLoop(false).build();

        try (DatagramChannel ch = target.open(InetAddress.getByName(group), options)) {
            assertThat(ch.getOption(StandardSocketOptions.IP_MULTICAST_TTL)).isEqualTo(7);
            assertThat(ch.getOption(StandardSocketOptions.IP_MULTICAST_LOOP)).isFalse();
            assertThat(ch.getOption(StandardSocketOptions.IP_MULTICAST_IF))
                    .isEqualTo(NetworkInterface.getByName("lo"));
        }
        try (DatagramChannel ch =
                target.open(InetAddress.getByName(group), SocketOptions.DEFAULTS)) {
            assertThat(ch.getOption(StandardSocketOptions.IP_MULTICAST_TTL))
                    .as("libzmq's default hops")
                    .isEqualTo(1);
            assertThat(ch.getOption(StandardSocketOptions.IP_MULTICAST_LOOP)).isTrue();
        }
    }

    private SocketCore socket(SocketType type, SocketRole role) {
        SocketCore s = new SocketCore(ctx, new RoleContext(type, SocketOptions.DEFAULTS), role);
        sockets.add(s);
        return s;
    }
}
