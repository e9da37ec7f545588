package dev.weft.core.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import dev.weft.core.socket.SocketCore;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code udp://} transport between socket cores with stand-in roles, plain Java datagram
 * sockets and a Python sender: libzmq's datagram format both ways, drops counted, the high-water
 * mark, the socket types allowed, and the endpoint's life.
 */
@Timeout(60)
class UdpEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long RECEIVE_NS = TimeUnit.SECONDS.toNanos(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Context ctx;
    private final List<SocketCore> sockets = new CopyOnWriteArrayList<>();
    private final List<DatagramSocket> plain = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        sockets.forEach(SocketCore::close);
        ctx.close();
        plain.forEach(DatagramSocket::close);
    }

    @Test
    void shouldBindReportTheEphemeralPortAndFreeItOnUnbind() throws IOException {
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        SocketCore dish =
                socket(SocketType.DISH, SocketOptions.DEFAULTS, new GroupRoles.Receiving());
        dish.addMonitor(events::add);

        String bound = dish.bind("udp://127.0.0.1:*");

        assertThat(bound).matches("udp://127\\.0\\.0\\.1:\\d+");
        assertThat(dish.lastEndpoint()).isEqualTo(bound);
        int port = port(bound);
        assertThat(port).isPositive();
        dish.unbind("udp://127.0.0.1:*");
        assertThat(events)
                .extracting(MonitorEvent::type)
                .containsExactly(MonitorEvent.Type.LISTENING, MonitorEvent.Type.CLOSED);
        // Without SO_REUSEADDR this bind fails while another socket holds the port. The JDK
        // releases a closed channel's socket when the I/O thread next selects (as for tcp).
        Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> canBind(port));
    }

    private static boolean canBind(int port) throws IOException {
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return again.getLocalPort() == port;
        }
    }

    @Test
    void shouldRefuseUdpForEverySocketTypeButDishBindingAndRadioConnecting() {
        SocketCore pub = socket(SocketType.PUB, SocketOptions.DEFAULTS, new GroupRoles.Sending());
        SocketCore radio =
                socket(SocketType.RADIO, SocketOptions.DEFAULTS, new GroupRoles.Sending());
        SocketCore dish =
                socket(SocketType.DISH, SocketOptions.DEFAULTS, new GroupRoles.Receiving());

        assertThatThrownBy(() -> pub.bind("udp://127.0.0.1:*"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage(
                        "bind 'udp://127.0.0.1:*': a PUB socket cannot bind udp:// (expected:"
                                + " udp:// is for RADIO and DISH only: a DISH binds, a RADIO"
                                + " connects, as in libzmq)");
        assertThatThrownBy(() -> pub.connect("udp://127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("a PUB socket cannot connect udp://");
        assertThatThrownBy(() -> radio.bind("udp://127.0.0.1:*"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("a RADIO socket cannot bind udp://");
        assertThatThrownBy(() -> dish.connect("udp://127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("a DISH socket cannot connect udp://");
        assertThat(radio.stats().peers()).as("nothing was connected").isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownInterface() {
        SocketCore dish =
                socket(SocketType.DISH, SocketOptions.DEFAULTS, new GroupRoles.Receiving());

        assertThatThrownBy(() -> dish.bind("udp://nosuchif0;239.255.1.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("no interface is named or has the address 'nosuchif0'");
        assertThatThrownBy(() -> dish.bind("udp://nosuchhost.invalid:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("is neither an interface nor a known host");
    }

    @Test
    void shouldDeliverLibzmqDatagramsFromAPlainJavaSenderWithTheirGroups() throws IOException {
        SocketCore dish =
                socket(SocketType.DISH, SocketOptions.DEFAULTS, new GroupRoles.Receiving());
        int port = port(dish.bind("udp://127.0.0.1:*"));
        DatagramSocket sender = plainSocket();

        send(sender, port, "07" + hex("weather") + hex("sunny"));
        send(sender, port, "04" + hex("news"));
        send(sender, port, "01" + hex("t") + "00ff00");

        try (Message m = dish.receive(RECEIVE_NS)) {
            assertThat(m.group()).isEqualTo("weather");
            assertThat(m.strings()).containsExactly("sunny");
        }
        try (Message m = dish.receive(RECEIVE_NS)) {
            assertThat(m.group()).isEqualTo("news");
            assertThat(m.frame(0).size()).isZero();
        }
        try (Message m = dish.receive(RECEIVE_NS)) {
            assertThat(m.group()).isEqualTo("t");
            assertThat(m.frame(0).toByteArray()).isEqualTo(new byte[] {0, (byte) 0xff, 0});
        }
        assertThat(dish.stats().droppedDatagrams()).isZero();
    }

    @Test
    void shouldDropAndCountEveryMalformedDatagramAndKeepReading() throws IOException {
        SocketCore dish =
                socket(
                        SocketType.DISH,
                        SocketOptions.builder().maxMessageSize(100).build(),
                        new GroupRoles.Receiving());
        int port = port(dish.bind("udp://127.0.0.1:*"));
        DatagramSocket sender = plainSocket();

        send(sender, port, "");
        send(sender, port, "00" + hex("no group"));
        send(sender, port, "09" + hex("short"));
        send(sender, port, "02" + "c0af");
        send(sender, port, "01" + hex("g") + "00".repeat(101));
        send(sender, port, "01" + hex("g") + "00".repeat(DatagramFormat.MAX_DATAGRAM));
        send(sender, port, "02" + hex("ok") + hex("after"));

        try (Message m = dish.receive(RECEIVE_NS)) {
            assertThat(m.group()).isEqualTo("ok");
            assertThat(m.strings()).containsExactly("after");
        }
        assertThat(dish.stats().droppedDatagrams()).isEqualTo(6);
        assertThat(dish.receive(0)).isNull();
    }

    @Test
    void shouldSendEachMessageAsOneDatagramInLibzmqFormat() throws IOException {
        DatagramSocket receiver = plainSocket();
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        GroupRoles.Sending role = new GroupRoles.Sending();
        // immediate: a udp endpoint still gets its pipe at connect, since no handshake follows.
        SocketCore radio =
                socket(SocketType.RADIO, SocketOptions.builder().immediate(true).build(), role);
        radio.addMonitor(events::add);
        String endpoint = "udp://127.0.0.1:" + receiver.getLocalPort();

        radio.connect(endpoint);
        assertThat(role.pipes).hasSize(1);
        assertThat(role.pipes.get(0).isSubscribedToAll()).isTrue();
        assertThat(radio.send(Message.of("hello").group("weather"), 0)).isTrue();
        assertThat(radio.send(Message.of(new byte[0]).group("g"), 0)).isTrue();

        assertThat(HexFormat.of().formatHex(receive(receiver)))
                .isEqualTo("07" + hex("weather") + hex("hello"));
        assertThat(HexFormat.of().formatHex(receive(receiver))).isEqualTo("01" + hex("g"));
        Awaitility.await()
                .atMost(WAIT)
                .until(
                        () ->
                                events.stream()
                                        .anyMatch(e -> e.type() == MonitorEvent.Type.CONNECTED));
        MonitorEvent connected =
                events.stream()
                        .filter(e -> e.type() == MonitorEvent.Type.CONNECTED)
                        .findFirst()
                        .orElseThrow();
        assertThat(connected.endpoint()).isEqualTo(endpoint);
        assertThat(connected.peerAddress()).isEqualTo("127.0.0.1:" + receiver.getLocalPort());

        radio.disconnect(endpoint);
        Awaitility.await().atMost(WAIT).until(() -> role.pipes.isEmpty());
        assertThat(events).extracting(MonitorEvent::type).contains(MonitorEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldDropAndCountMessagesThatAreNotOneDatagram() throws IOException {
        DatagramSocket receiver = plainSocket();
        SocketCore radio =
                socket(SocketType.RADIO, SocketOptions.DEFAULTS, new GroupRoles.Sending());
        radio.connect("udp://127.0.0.1:" + receiver.getLocalPort());

        radio.send(Message.of(new byte[DatagramFormat.MAX_DATAGRAM]).group("big"), 0);
        radio.send(Message.of("no group"), 0);
        try (Message twoFrames = Message.of("two", "frames").group("g")) {
            // The socket refuses it before any transport sees it (single-part draft type).
            assertThatThrownBy(() -> radio.send(twoFrames, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        radio.send(Message.of("fits").group("g"), 0);

        assertThat(HexFormat.of().formatHex(receive(receiver)))
                .isEqualTo("01" + hex("g") + hex("fits"));
        assertThat(radio.stats().droppedDatagrams()).isEqualTo(2);
    }

    @Test
    void shouldSendWhatIsQueuedWhenTheRadioClosesWithinItsLinger() throws IOException {
        DatagramSocket receiver = plainSocket();
        SocketCore radio =
                socket(SocketType.RADIO, SocketOptions.DEFAULTS, new GroupRoles.Sending());
        radio.connect("udp://127.0.0.1:" + receiver.getLocalPort());
        int count = 50;
        for (int i = 0; i < count; i++) {
            radio.send(Message.of(Integer.toString(i)).group("g"), 0);
        }

        radio.close();

        for (int i = 0; i < count; i++) {
            assertThat(HexFormat.of().formatHex(receive(receiver)))
                    .isEqualTo("01" + hex("g") + hex(Integer.toString(i)));
        }
        assertThat(radio.stats().droppedOnClose()).isZero();
    }

    @Test
    void shouldLookTheRadiosHostNameUpOffTheIoThread() throws IOException {
        DatagramSocket receiver = plainSocket();
        SocketCore radio =
                socket(SocketType.RADIO, SocketOptions.DEFAULTS, new GroupRoles.Sending());

        radio.connect("udp://localhost:" + receiver.getLocalPort());
        radio.send(Message.of("by name").group("g"), 0);

        assertThat(HexFormat.of().formatHex(receive(receiver)))
                .isEqualTo("01" + hex("g") + hex("by name"));
    }

    @Test
    void shouldStopReadingAtTheHighWaterMarkAndResumeOnceRead() throws IOException {
        GroupRoles.Receiving role = new GroupRoles.Receiving();
        SocketCore dish =
                socket(SocketType.DISH, SocketOptions.builder().receiveHwm(4).build(), role);
        int port = port(dish.bind("udp://127.0.0.1:*"));
        DatagramSocket sender = plainSocket();
        int count = 40;

        for (int i = 0; i < count; i++) {
            send(sender, port, "01" + hex("g") + hex(Integer.toString(i)));
        }
        // The endpoint stops at the mark: the rest wait in the kernel's receive buffer.
        // Without the pause the depth would pass 4 on its way to 40 faster than this polls.
        Awaitility.await().atMost(WAIT).until(() -> role.pipes.get(0).inboundDepth() == 4);

        for (int i = 0; i < count; i++) {
            try (Message m = dish.receive(RECEIVE_NS)) {
                assertThat(m).as("message " + i).isNotNull();
                assertThat(m.strings()).containsExactly(Integer.toString(i));
            }
        }
        assertThat(dish.stats().droppedDatagrams()).isZero();
    }

    @Test
    void shouldDeliverDatagramsAPythonSenderWritesWithThePlainSocketModule() throws Exception {
        SocketCore dish =
                socket(SocketType.DISH, SocketOptions.DEFAULTS, new GroupRoles.Receiving());
        int port = port(dish.bind("udp://127.0.0.1:*"));
        String script =
                String.join(
                        "\n",
                        "import socket, sys",
                        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                        "port = int(sys.argv[1])",
                        "def radio(group, body):",
                        "    g = group.encode()",
                        "    s.sendto(bytes([len(g)]) + g + body, ('127.0.0.1', port))",
                        "s.sendto(b'\\x09bad', ('127.0.0.1', port))",
                        "radio('sensors/temp', b'21.5')",
                        "radio('sensors/hum', b'')",
                        "print('sent')");
        Process python =
                new ProcessBuilder("/usr/bin/python3", "-c", script, Integer.toString(port))
                        .redirectErrorStream(true)
                        .start();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("sent\n");

        try (Message m = dish.receive(RECEIVE_NS)) {
            assertThat(m.group()).isEqualTo("sensors/temp");
            assertThat(m.strings()).containsExactly("21.5");
        }
        try (Message m = dish.receive(RECEIVE_NS)) {
            assertThat(m.group()).isEqualTo("sensors/hum");
            assertThat(m.frame(0).size()).isZero();
        }
        assertThat(dish.stats().droppedDatagrams()).isEqualTo(1);
    }

    @Test
    void shouldReleaseUnreadMessagesWhenTheDishCloses() throws IOException {
        GroupRoles.Receiving role = new GroupRoles.Receiving();
        SocketCore dish = socket(SocketType.DISH, SocketOptions.DEFAULTS, role);
        int port = port(dish.bind("udp://127.0.0.1:*"));
        DatagramSocket sender = plainSocket();
        for (int i = 0; i < 5; i++) {
            send(sender, port, "01" + hex("g") + hex("unread"));
        }
        Awaitility.await().atMost(WAIT).until(() -> role.pipes.get(0).inboundDepth() == 5);

        dish.close();

        // The leak detector (PARANOID) fails the class if the unread bodies were not released.
        Awaitility.await().atMost(WAIT).until(() -> role.pipes.isEmpty());
    }

    private SocketCore socket(SocketType type, SocketOptions options, SocketRole role) {
        SocketCore s = new SocketCore(ctx, new RoleContext(type, options), role);
        sockets.add(s);
        return s;
    }

    private DatagramSocket plainSocket() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout((int) WAIT.toMillis());
        plain.add(s);
        return s;
    }

    private static void send(DatagramSocket sender, int port, String hex) throws IOException {
        byte[] b = HexFormat.of().parseHex(hex);
        sender.send(new DatagramPacket(b, b.length, LOOPBACK, port));
    }

    private static byte[] receive(DatagramSocket receiver) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        receiver.receive(p);
        byte[] b = new byte[p.getLength()];
        System.arraycopy(p.getData(), p.getOffset(), b, 0, p.getLength());
        return b;
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
