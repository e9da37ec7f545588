package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.ChannelSocket;
import dev.weft.patterns.PeerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 51/P2P (PEER) and RFC 52/CHANNEL: the SHALLs that differ from SERVER's and PAIR's, which
 * their own spec tests cover (a peer sending multipart messages is in {@code SinglePartTest}).
 */
@Timeout(60)
@DisplayName("RFC 51 PEER and RFC 52 CHANNEL")
class PeerChannelSpecTest {
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    @DisplayName(
            "PEER: \"SHALL provide the application with an API to connect and retrieve the"
                    + " \"routing id\" of the double queue in atomic manner.\"")
    void connectPeerShouldReturnTheIdThePeersMessagesCarry() {
        PeerSocket a = new PeerSocket(ctx);
        PeerSocket b = new PeerSocket(ctx);
        String ep = a.bind("tcp://127.0.0.1:*");

        int idOfA = b.connectPeer(ep);
        assertThat(idOfA).isNotZero();
        // The queue exists before the connection: this waits there until the handshake.
        assertThat(b.send(idOfA, "hello")).isTrue();

        int idOfB;
        try (Message m = a.receive(WAIT)) {
            assertThat(m.strings()).containsExactly("hello");
            idOfB = m.routingId();
        }
        assertThat(idOfB).isNotZero();
        assertThat(a.send(idOfB, "back")).isTrue();
        try (Message m = b.receive(WAIT)) {
            assertThat(m.strings()).containsExactly("back");
            assertThat(m.routingId()).as("the id connectPeer returned").isEqualTo(idOfA);
        }
    }

    @Test
    @DisplayName(
            "PEER: \"SHALL identify each double queue using a unique \"routing id\", which is a"
                    + " non-zero 32-bit unsigned integer value.\"")
    void connectPeerShouldGiveEachEndpointItsOwnId() {
        PeerSocket hub = new PeerSocket(ctx);
        PeerSocket x = new PeerSocket(ctx);
        PeerSocket y = new PeerSocket(ctx);
        int idOfX = hub.connectPeer(x.bind("tcp://127.0.0.1:*"));
        String epY = y.bind("tcp://127.0.0.1:*");
        int idOfY = hub.connectPeer(epY);

        assertThat(idOfX).isNotEqualTo(idOfY).isNotZero();
        assertThat(idOfY).isNotZero();
        assertThat(hub.connectPeer(epY))
                .as("connecting again gives the same peer")
                .isEqualTo(idOfY);
        hub.send(idOfX, "for x");
        hub.send(idOfY, "for y");
        assertThat(texts(x)).containsExactly("for x");
        assertThat(texts(y)).containsExactly("for y");
    }

    @Test
    @DisplayName("PEER: connectPeer needs immediate off, as libzmq's zmq_connect_peer does")
    void connectPeerShouldRefuseImmediate() {
        PeerSocket peer = new PeerSocket(ctx, SocketOptions.builder().immediate(true).build());
        assertThatThrownBy(() -> peer.connectPeer("tcp://127.0.0.1:5555"))
                .isInstanceOf(IllegalSocketStateException.class)
                .hasMessageContaining("immediate is on");
        assertThat(peer.stats().peers()).isEmpty();
    }

    @Test
    @DisplayName(
            "PEER: \"SHALL return an error if the queue does not exist.\" (Weft: dropped and"
                    + " counted by default; mandatory throws)")
    void peerShouldDropOrRefuseAnUnknownRoutingId() {
        PeerSocket peer = new PeerSocket(ctx);
        assertThat(peer.send(42, "lost")).isTrue();
        assertThat(peer.stats().droppedUnroutable()).isEqualTo(1);
        peer.mandatory(true);
        assertThatThrownBy(() -> peer.send(42, "refused"))
                .isInstanceOf(HostUnreachableException.class)
                .hasMessageContaining("PEER send: no connected peer has routing id 42");
    }

    @Test
    @DisplayName("PEER: \"MUST NOT send multi-part messages.\"")
    void peerShouldNotSendAMultipartMessage() {
        PeerSocket peer = new PeerSocket(ctx);
        try (Message m = Message.of("two", "frames").routingId(1)) {
            assertThatThrownBy(() -> peer.send(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PEER send: a message of 2 frames");
        }
    }

    @Test
    @DisplayName(
            "CHANNEL: \"MAY be connected to at most one CHANNEL peer.\" and \"MAY both send and"
                    + " receive messages in any order.\"")
    void channelShouldRefuseASecondPeer() {
        ChannelSocket channel = new ChannelSocket(ctx);
        Traffic.Events events = Traffic.Events.of(channel);
        String ep = channel.bind("tcp://127.0.0.1:*");
        ChannelSocket first = new ChannelSocket(ctx);
        first.connect(ep);
        awaitPeers(channel, 1);
        ChannelSocket second = new ChannelSocket(ctx);
        second.connect(ep);

        assertThat(events.awaitFirst(MonitorEvent.Type.PEER_REJECTED).detail())
                .contains("CHANNEL already has a peer");
        awaitPeers(channel, 1);
        channel.send("first");
        first.send("ping");
        assertThat(texts(channel)).containsExactly("ping");
        assertThat(texts(first)).containsExactly("first");
    }

    @Test
    @DisplayName(
            "CHANNEL: \"SHALL block on sending, or return a suitable error, when it has no"
                    + " available peer.\" and \"MUST NOT send multipart messages.\"")
    void channelShouldBlockWithNoPeerAndRefuseMultipart() {
        ChannelSocket channel = new ChannelSocket(ctx);
        channel.bind("tcp://127.0.0.1:*");
        try (Message m = Message.of("nobody")) {
            assertThat(channel.trySend(m)).isFalse();
            assertThat(channel.send(m, BLOCKED)).isFalse();
        }
        try (Message m = Message.of("two", "frames")) {
            assertThatThrownBy(() -> channel.send(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CHANNEL send: a message of 2 frames");
        }
    }
}
