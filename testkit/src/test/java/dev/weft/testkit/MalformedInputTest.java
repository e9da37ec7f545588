package dev.weft.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.zmtp.FrameFlags;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad peer input closes that connection only (DESIGN §6). A Weft ROUTER bound on an ephemeral port
 * serves a good Weft DEALER while a {@link ZmtpScriptedPeer} breaks one ZMTP rule per test. Each
 * test checks that Weft closed the bad connection, reported the broken rule in a monitor event,
 * counted the failure where it happened during the handshake, and still routes the good DEALER's
 * messages, which also proves the I/O thread lives. Leaked buffers fail the class (weft-core's test
 * extension).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MalformedInputTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final long SEED = 0x5EED_0F_B17E5L;

    private Queue<MonitorEvent> events;
    private Context context;
    private RouterSocket router;
    private DealerSocket dealer;
    private String endpoint;
    private String goodPeerAddress;
    private int roundTrips;

    @BeforeEach
    void setUp() {
        context = Context.create();
        serve(SocketOptions.DEFAULTS);
    }

    @AfterEach
    void tearDown() {
        closeSockets();
        context.close();
    }

    // ---- Greeting. ----

    @Test
    void shouldCloseConnectionThatSendsRandomBytes() {
        byte[] junk = new byte[256];
        new Random(SEED).nextBytes(junk);
        junk[0] = 0x42; // never a valid signature start, whatever the seed gives
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendRaw(junk);
            assertRejectedDuringHandshake(peer, "BAD_SIGNATURE");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectGreetingWhoseFirstOctetIsNotFF() {
        byte[] greeting = ZmtpScriptedPeer.greetingBytes(3, 1, "NULL");
        greeting[0] = (byte) 0xFE;
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendRaw(greeting);
            MonitorEvent e = assertRejectedDuringHandshake(peer, "BAD_SIGNATURE");
            assertThat(e.detail()).contains("first octet 0xfe");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectGreetingWhoseTenthOctetIsNot7F() {
        byte[] greeting = ZmtpScriptedPeer.greetingBytes(3, 1, "NULL");
        greeting[9] = 0x7E;
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendRaw(greeting);
            MonitorEvent e = assertRejectedDuringHandshake(peer, "BAD_SIGNATURE");
            assertThat(e.detail()).contains("tenth octet 0x7e");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectZmtpMajorVersion2() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting(2, 0, "NULL");
            MonitorEvent e = assertRejectedDuringHandshake(peer, "UNSUPPORTED_VERSION");
            assertThat(e.detail()).contains("version 2");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectUnknownMechanism() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting(3, 1, "FOO");
            MonitorEvent e = assertRejectedDuringHandshake(peer, "MECHANISM_MISMATCH");
            assertThat(e.detail()).contains("FOO");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldDropPeerThatClosesHalfwayThroughGreeting() {
        byte[] greeting = ZmtpScriptedPeer.greetingBytes(3, 1, "NULL");
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            String address = peer.localAddress();
            peer.sendRaw(Arrays.copyOf(greeting, 32)).shutdownOutput();

            MonitorEvent e = assertRejectedDuringHandshake(peer, "HANDSHAKE_INCOMPLETE");
            assertThat(e.detail()).contains("peer closed the connection after 32 octets");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldTimeOutPeerThatGoesSilentHalfwayThroughGreeting() {
        restartRouter(SocketOptions.builder().handshakeTimeout(Duration.ofMillis(300)).build());
        byte[] greeting = ZmtpScriptedPeer.greetingBytes(3, 1, "NULL");
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendRaw(Arrays.copyOf(greeting, 32));
            MonitorEvent e = assertRejectedDuringHandshake(peer, "HANDSHAKE_TIMEOUT");
            assertThat(e.detail()).contains("300 ms");
        }
        assertServingAfter(1);
    }

    // ---- Handshake commands. ----

    @Test
    void shouldAnswerIncompatibleSocketTypeWithErrorThenClose() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting().sendReady("PUB");
            peer.expectGreeting(TIMEOUT);
            assertThat(peer.expectReady(TIMEOUT).socketType()).isEqualTo("ROUTER");
            assertThat(errorReason(peer.expectCommand("ERROR", TIMEOUT))).isNotEmpty();
            MonitorEvent e = assertRejectedDuringHandshake(peer, "INCOMPATIBLE_SOCKET_TYPE");
            assertThat(e.detail()).contains("PUB");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectReadyWithoutSocketType() {
        byte[] metadata =
                ZmtpScriptedPeer.encodeMetadata(
                        Metadata.builder().put("Identity", "no-type".getBytes(UTF_8)).build());
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting().sendCommand("READY", metadata);
            peer.expectGreeting(TIMEOUT);
            peer.expectReady(TIMEOUT);
            peer.expectCommand("ERROR", TIMEOUT);
            MonitorEvent e = assertRejectedDuringHandshake(peer, "INCOMPATIBLE_SOCKET_TYPE");
            assertThat(e.detail()).contains("no Socket-Type");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectMessageFrameBeforeReady() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting().sendMessage("too early".getBytes(UTF_8));
            assertRejectedDuringHandshake(peer, "UNEXPECTED_COMMAND");
        }
        assertServingAfter(1);
    }

    // ---- Framing, during and after the handshake. ----

    @Test
    void shouldRejectHugeCommandDuringHandshake() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting().sendFrameHeader(FrameFlags.COMMAND | FrameFlags.LONG, 1L << 62);
            MonitorEvent e = assertRejectedDuringHandshake(peer, "FRAME_TOO_LARGE");
            assertThat(e.detail()).contains(Long.toString(1L << 62));
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectHugeFrameAfterHandshake() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.handshake("DEALER", TIMEOUT);
            peer.sendFrameHeader(FrameFlags.LONG, 1L << 62);
            MonitorEvent e = assertDisconnectedAfterHandshake(peer, "FRAME_TOO_LARGE");
            assertThat(e.detail()).contains(Long.toString(1L << 62));
        }
        assertServingAfter(0);
    }

    @Test
    void shouldRejectReservedFlagBitsDuringHandshake() {
        byte[] ready =
                ZmtpScriptedPeer.commandBody(
                        "READY",
                        ZmtpScriptedPeer.encodeMetadata(
                                Metadata.builder().put("Socket-Type", "DEALER").build()));
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting().sendFrame(0x80 | FrameFlags.COMMAND, ready);
            assertRejectedDuringHandshake(peer, "BAD_FLAGS");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectReservedFlagBitsAfterHandshake() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.handshake("DEALER", TIMEOUT);
            peer.sendFrame(0x10, "reserved".getBytes(UTF_8));
            MonitorEvent e = assertDisconnectedAfterHandshake(peer, "BAD_FLAGS");
            assertThat(e.detail()).contains("0x10");
        }
        assertServingAfter(0);
    }

    @Test
    void shouldRejectMoreFlagOnCommandDuringHandshake() {
        byte[] ready =
                ZmtpScriptedPeer.commandBody(
                        "READY",
                        ZmtpScriptedPeer.encodeMetadata(
                                Metadata.builder().put("Socket-Type", "DEALER").build()));
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.sendGreeting().sendFrame(FrameFlags.COMMAND | FrameFlags.MORE, ready);
            assertRejectedDuringHandshake(peer, "BAD_FLAGS");
        }
        assertServingAfter(1);
    }

    @Test
    void shouldRejectMoreFlagOnCommandAfterHandshake() {
        try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
            peer.handshake("DEALER", TIMEOUT);
            peer.sendFrame(
                    FrameFlags.COMMAND | FrameFlags.MORE,
                    ZmtpScriptedPeer.commandBody("PING", new byte[] {0, 0}));
            MonitorEvent e = assertDisconnectedAfterHandshake(peer, "BAD_FLAGS");
            assertThat(e.detail()).contains("MORE");
        }
        assertServingAfter(0);
    }

    // ---- Many in a row. ----

    @Test
    void shouldKeepServingAfterFiftyBadConnectionsInARow() {
        Random random = new Random(SEED);
        int bad = 50;
        for (int i = 0; i < bad; i++) {
            try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(endpoint)) {
                switch (i % 5) {
                    case 0 -> {
                        byte[] junk = new byte[1 + random.nextInt(200)];
                        random.nextBytes(junk);
                        junk[0] = 0x00;
                        peer.sendRaw(junk);
                    }
                    case 1 -> peer.sendGreeting(1, 0, "NULL");
                    case 2 -> peer.sendGreeting(3, 1, "CURVE");
                    case 3 -> peer.sendGreeting().sendReady("SUB");
                    default -> peer.sendGreeting().sendMessage(new byte[] {1, 2, 3});
                }
                assertThat(peer.awaitClosedByPeer(TIMEOUT))
                        .as("bad connection %d closed by Weft", i)
                        .isTrue();
            }
        }
        await().atMost(TIMEOUT)
                .pollInterval(POLL)
                .untilAsserted(
                        () -> assertThat(count(MonitorEvent.Type.HANDSHAKE_FAILED)).isEqualTo(bad));
        assertServingAfter(bad);
        assertThat(router.stats().peers()).as("only the good DEALER is attached").hasSize(1);
    }

    // ---- Harness. ----

    private void serve(SocketOptions routerOptions) {
        Queue<MonitorEvent> routerEvents = new ConcurrentLinkedQueue<>();
        events = routerEvents;
        router = new RouterSocket(context, routerOptions);
        router.addMonitor(routerEvents::add);
        endpoint = router.bind("tcp://127.0.0.1:*");
        dealer = new DealerSocket(context);
        dealer.connect(endpoint);
        // Know the good DEALER's connection, to check later that it was never dropped.
        goodPeerAddress =
                awaitEvent(e -> e.type() == MonitorEvent.Type.HANDSHAKE_SUCCEEDED).peerAddress();
        assertGoodDealerRoundTrips();
    }

    private void restartRouter(SocketOptions routerOptions) {
        closeSockets();
        serve(routerOptions);
    }

    private void closeSockets() {
        if (dealer != null) {
            dealer.close();
        }
        if (router != null) {
            router.close();
        }
    }

    /** (a) Weft closed the connection, (b) a HANDSHAKE_FAILED event names the rule. */
    private MonitorEvent assertRejectedDuringHandshake(ZmtpScriptedPeer peer, String rule) {
        return assertClosedFor(peer, MonitorEvent.Type.HANDSHAKE_FAILED, rule);
    }

    /** (a) Weft closed the connection, (b) a DISCONNECTED event names the rule. */
    private MonitorEvent assertDisconnectedAfterHandshake(ZmtpScriptedPeer peer, String rule) {
        return assertClosedFor(peer, MonitorEvent.Type.DISCONNECTED, rule);
    }

    private MonitorEvent assertClosedFor(
            ZmtpScriptedPeer peer, MonitorEvent.Type type, String rule) {
        String address = peer.localAddress();
        assertThat(peer.awaitClosedByPeer(TIMEOUT))
                .as("Weft closed the connection of a peer breaking %s", rule)
                .isTrue();
        MonitorEvent e = awaitEvent(address, type);
        assertThat(e.detail()).as("detail of %s", e).startsWith(rule + ": ");
        return e;
    }

    private MonitorEvent awaitEvent(String peerAddress, MonitorEvent.Type... types) {
        List<MonitorEvent.Type> wanted = List.of(types);
        return awaitEvent(e -> peerAddress.equals(e.peerAddress()) && wanted.contains(e.type()));
    }

    private MonitorEvent awaitEvent(Predicate<MonitorEvent> wanted) {
        return await().atMost(TIMEOUT)
                .pollInterval(POLL)
                .until(
                        () -> events.stream().filter(wanted).findFirst().orElse(null),
                        e -> e != null);
    }

    private long count(MonitorEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    /**
     * (c) the good DEALER still round-trips on its first connection, (d) so the I/O thread lives,
     * and the handshake failures counted match.
     *
     * @param handshakeFailures the count expected, or -1 not to check it
     */
    private void assertServingAfter(long handshakeFailures) {
        assertGoodDealerRoundTrips();
        assertThat(events)
                .as("events of the good DEALER's connection %s", goodPeerAddress)
                .filteredOn(e -> goodPeerAddress.equals(e.peerAddress()))
                .extracting(MonitorEvent::type)
                .containsExactly(MonitorEvent.Type.ACCEPTED, MonitorEvent.Type.HANDSHAKE_SUCCEEDED);
        if (handshakeFailures >= 0) {
            await().atMost(TIMEOUT)
                    .pollInterval(POLL)
                    .untilAsserted(
                            () ->
                                    assertThat(router.stats().handshakeFailures())
                                            .isEqualTo(handshakeFailures));
        }
    }

    private void assertGoodDealerRoundTrips() {
        int n = ++roundTrips;
        Message request = Message.of("ping-" + n);
        boolean sent = false;
        try {
            sent = dealer.send(request, TIMEOUT);
        } finally {
            if (!sent) {
                request.close();
            }
        }
        assertThat(sent).as("the good DEALER could send").isTrue();
        byte[] routingId;
        try (Message m = router.receive(TIMEOUT)) {
            assertThat(m).as("the ROUTER got the good DEALER's message").isNotNull();
            assertThat(m.strings()).hasSize(2).endsWith("ping-" + n);
            routingId = m.frame(0).toByteArray();
        }
        assertThat(router.sendTo(routingId, "pong-" + n)).isTrue();
        try (Message reply = dealer.receive(TIMEOUT)) {
            assertThat(reply).as("the good DEALER got the ROUTER's reply").isNotNull();
            assertThat(reply.strings()).containsExactly("pong-" + n);
        }
    }

    private static String errorReason(byte[] data) {
        assertThat(data).as("ERROR data: reason length + reason").isNotEmpty();
        int len = data[0] & 0xFF;
        assertThat(data).hasSize(1 + len);
        return new String(data, 1, len, UTF_8);
    }
}
