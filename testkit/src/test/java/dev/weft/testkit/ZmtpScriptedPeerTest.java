package dev.weft.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.zmtp.FrameFlags;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the scripted peer itself: it completes NULL handshakes with Weft ROUTER and DEALER sockets
 * whichever side binds, exchanges multipart messages both ways, and its expectations fail with
 * messages that say what was expected and what arrived.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmtpScriptedPeerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(200);

    private Context context;

    @BeforeEach
    void setUp() {
        context = Context.create();
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    // ---- Against Weft sockets. ----

    @Test
    void shouldCompleteNullHandshakeWithBoundRouterAndExchangeMultipart() {
        try (RouterSocket router = new RouterSocket(context);
                ZmtpScriptedPeer peer =
                        ZmtpScriptedPeer.connect(router.bind("tcp://127.0.0.1:*"))) {
            peer.sendGreeting().sendReady("DEALER");
            ZmtpScriptedPeer.PeerGreeting greeting = peer.expectGreeting(TIMEOUT);
            assertThat(greeting).isEqualTo(new ZmtpScriptedPeer.PeerGreeting(3, 1, "NULL", false));
            assertThat(peer.expectReady(TIMEOUT).socketType()).isEqualTo("ROUTER");

            peer.sendMessage(bytes("hello"), bytes("world"));
            byte[] routingId;
            try (Message m = router.receive(TIMEOUT)) {
                assertThat(m).as("message from the scripted DEALER").isNotNull();
                assertThat(m.strings()).hasSize(3).endsWith("hello", "world");
                routingId = m.frame(0).toByteArray();
            }
            assertThat(router.sendTo(routingId, "x", "y")).isTrue();
            assertThat(strings(peer.expectMessage(TIMEOUT))).containsExactly("x", "y");
        }
    }

    @Test
    void shouldAnnounceIdentityToRouter() {
        try (RouterSocket router = new RouterSocket(context);
                ZmtpScriptedPeer peer =
                        ZmtpScriptedPeer.connect(router.bind("tcp://127.0.0.1:*"))) {
            peer.sendGreeting().sendReady("DEALER", bytes("peer-1"));
            peer.expectGreeting(TIMEOUT);
            peer.expectReady(TIMEOUT);

            peer.sendMessage(bytes("hi"));
            try (Message m = router.receive(TIMEOUT)) {
                assertThat(m).as("message from the scripted DEALER").isNotNull();
                assertThat(m.strings()).containsExactly("peer-1", "hi");
            }
            assertThat(router.sendTo(bytes("peer-1"), "a", "b", "c")).isTrue();
            assertThat(strings(peer.expectMessage(TIMEOUT))).containsExactly("a", "b", "c");
        }
    }

    @Test
    void shouldCompleteNullHandshakeWithConnectingRouter() {
        try (RouterSocket router = new RouterSocket(context);
                ZmtpScriptedPeer peer = ZmtpScriptedPeer.listen()) {
            router.connect(peer.endpoint());
            peer.accept(TIMEOUT);
            assertThat(peer.handshake("DEALER", TIMEOUT).socketType()).isEqualTo("ROUTER");

            peer.sendMessage(bytes("one"), new byte[0], bytes("three"));
            byte[] routingId;
            try (Message m = router.receive(TIMEOUT)) {
                assertThat(m).isNotNull();
                assertThat(m.strings()).hasSize(4).endsWith("one", "", "three");
                routingId = m.frame(0).toByteArray();
            }
            assertThat(router.sendTo(routingId, "back")).isTrue();
            assertThat(strings(peer.expectMessage(TIMEOUT))).containsExactly("back");
        }
    }

    @Test
    void shouldCompleteNullHandshakeWithBoundDealerAndExchangeMultipart() {
        try (DealerSocket dealer = new DealerSocket(context);
                ZmtpScriptedPeer peer =
                        ZmtpScriptedPeer.connect(dealer.bind("tcp://127.0.0.1:*"))) {
            assertThat(peer.handshake("ROUTER", TIMEOUT).socketType()).isEqualTo("DEALER");

            assertThat(dealer.send(Message.of("a", "b"), TIMEOUT)).isTrue();
            assertThat(strings(peer.expectMessage(TIMEOUT))).containsExactly("a", "b");
            peer.sendMessage(bytes("c"), bytes("d"));
            assertThat(receiveStrings(dealer)).containsExactly("c", "d");
        }
    }

    @Test
    void shouldCompleteNullHandshakeWithConnectingDealerAndExchangeMultipart() {
        try (DealerSocket dealer = new DealerSocket(context);
                ZmtpScriptedPeer peer = ZmtpScriptedPeer.listen()) {
            dealer.connect(peer.endpoint());
            peer.accept(TIMEOUT);
            peer.sendGreeting().sendReady("ROUTER");
            assertThat(peer.expectGreeting(TIMEOUT).mechanism()).isEqualTo("NULL");
            assertThat(peer.expectReady(TIMEOUT).socketType()).isEqualTo("DEALER");

            byte[] big = new byte[1000];
            Arrays.fill(big, (byte) 'z');
            peer.sendMessage(bytes("head"), big);
            try (Message m = dealer.receive(TIMEOUT)) {
                assertThat(m).isNotNull();
                assertThat(m.size()).isEqualTo(2);
                assertThat(m.frame(1).contentEquals(big)).isTrue();
            }
            assertThat(dealer.send(Message.of("x", "y", "z"), TIMEOUT)).isTrue();
            assertThat(strings(peer.expectMessage(TIMEOUT))).containsExactly("x", "y", "z");
        }
    }

    // ---- Peer to peer: the peer's own encoding, parsing and failure messages. ----

    @Test
    void shouldParseWhatAnotherPeerSends() {
        try (ZmtpScriptedPeer server = ZmtpScriptedPeer.listen();
                ZmtpScriptedPeer client = ZmtpScriptedPeer.connect(server.endpoint())) {
            server.accept(TIMEOUT);
            assertThat(client.localAddress()).startsWith("127.0.0.1:");

            client.sendGreeting(3, 0, "PLAIN");
            assertThat(server.expectGreeting(TIMEOUT))
                    .isEqualTo(new ZmtpScriptedPeer.PeerGreeting(3, 0, "PLAIN", false));

            client.sendReady("DEALER", bytes("me"));
            Metadata ready = server.expectReady(TIMEOUT);
            assertThat(ready.socketType()).isEqualTo("DEALER");
            assertThat(ready.identity()).isEqualTo(bytes("me"));

            client.sendCommand("PING", new byte[] {0, 10, 'c'});
            assertThat(server.expectCommand("PING", TIMEOUT)).containsExactly(0, 10, 'c');

            byte[] longFrame = new byte[300];
            longFrame[299] = 7;
            client.sendMessage(longFrame, new byte[0]);
            List<byte[]> frames = server.expectMessage(TIMEOUT);
            assertThat(frames).hasSize(2);
            assertThat(frames.get(0)).isEqualTo(longFrame);
            assertThat(frames.get(1)).isEmpty();

            // A short body may still travel with an eight-octet size.
            client.sendFrame(FrameFlags.LONG, bytes("long-form"));
            assertThat(strings(server.expectMessage(TIMEOUT))).containsExactly("long-form");
        }
    }

    @Test
    void shouldSayWhatArrivedWhenAnotherFrameWasExpected() {
        try (ZmtpScriptedPeer server = ZmtpScriptedPeer.listen();
                ZmtpScriptedPeer client = ZmtpScriptedPeer.connect(server.endpoint())) {
            server.accept(TIMEOUT);

            client.sendMessage(bytes("surprise"));
            assertThatThrownBy(() -> server.expectCommand("READY", TIMEOUT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected command READY")
                    .hasMessageContaining("MSG")
                    .hasMessageContaining("7375727072697365");

            client.sendCommand("ERROR", errorData("Invalid socket type"));
            assertThatThrownBy(() -> server.expectCommand("READY", TIMEOUT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("got command ERROR with reason 'Invalid socket type'");

            client.sendCommand("PING", new byte[] {0, 0});
            assertThatThrownBy(() -> server.expectMessage(TIMEOUT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected a message, got CMD PING");

            client.sendRaw(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            assertThatThrownBy(() -> server.expectGreeting(SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("did not arrive in time (got 12 of 64 octets");

            // Last: the rest of this frame stays unread.
            client.sendFrame(0x80, bytes("x"));
            assertThatThrownBy(() -> server.expectMessage(TIMEOUT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("reserved flag bits set: 0x80");
        }
    }

    @Test
    void shouldReportSilenceAndClose() {
        try (ZmtpScriptedPeer server = ZmtpScriptedPeer.listen();
                ZmtpScriptedPeer client = ZmtpScriptedPeer.connect(server.endpoint())) {
            server.accept(TIMEOUT);

            assertThat(server.awaitClosedByPeer(SHORT)).as("open connection").isFalse();
            assertThatThrownBy(() -> server.expectMessage(SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected a message")
                    .hasMessageContaining("did not arrive in time");

            client.sendRaw(bytes("tail")).shutdownOutput();
            assertThatThrownBy(() -> server.expectGreeting(TIMEOUT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("peer closed the connection after 4 of 64 octets");
            assertThat(server.awaitClosedByPeer(TIMEOUT)).isTrue();
        }
    }

    @Test
    void shouldDiscardDataWhileWaitingForClose() {
        try (ZmtpScriptedPeer server = ZmtpScriptedPeer.listen()) {
            try (ZmtpScriptedPeer client = ZmtpScriptedPeer.connect(server.endpoint())) {
                server.accept(TIMEOUT);
                client.sendGreeting().sendReady("PAIR").sendMessage(bytes("ignored"));
            }
            assertThat(server.awaitClosedByPeer(TIMEOUT)).isTrue();
        }
    }

    @Test
    void shouldRefuseMisuse() {
        assertThatThrownBy(() -> ZmtpScriptedPeer.connect("inproc://nowhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: tcp://host:port");
        assertThatThrownBy(() -> ZmtpScriptedPeer.greetingBytes(3, 1, "A-MECHANISM-NAME-TOO-LONG"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: at most 20");
        try (ZmtpScriptedPeer server = ZmtpScriptedPeer.listen()) {
            assertThatThrownBy(() -> server.sendGreeting())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("accept(Duration)");
            assertThatThrownBy(() -> server.accept(SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("none arrived");
        }
    }

    @Test
    void shouldBuildGreetingsByTheGrammar() {
        byte[] g = ZmtpScriptedPeer.greetingBytes(3, 1, "NULL");
        assertThat(g).hasSize(64);
        assertThat(g[0]).isEqualTo((byte) 0xFF);
        assertThat(g[9]).isEqualTo((byte) 0x7F);
        assertThat(Arrays.copyOfRange(g, 10, 16)).containsExactly(3, 1, 'N', 'U', 'L', 'L');
        assertThat(Arrays.copyOfRange(g, 16, 64)).containsOnly(0);
        assertThat(ZmtpScriptedPeer.commandBody("PING", new byte[] {1}))
                .containsExactly(4, 'P', 'I', 'N', 'G', 1);
    }

    // ---- Helpers. ----

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static List<String> strings(List<byte[]> frames) {
        return frames.stream().map(f -> new String(f, UTF_8)).toList();
    }

    private static List<String> receiveStrings(DealerSocket dealer) {
        try (Message m = dealer.receive(TIMEOUT)) {
            assertThat(m).as("message on the Weft DEALER").isNotNull();
            return m.strings();
        }
    }

    private static byte[] errorData(String reason) {
        byte[] r = bytes(reason);
        byte[] data = new byte[1 + r.length];
        data[0] = (byte) r.length;
        System.arraycopy(r, 0, data, 1, r.length);
        return data;
    }
}
