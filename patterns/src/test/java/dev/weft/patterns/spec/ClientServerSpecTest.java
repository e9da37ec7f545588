package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitConnectedPeers;
import static dev.weft.patterns.spec.Traffic.awaitEveryPeer;
import static dev.weft.patterns.spec.Traffic.fillUntilBlocked;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.patterns.ClientSocket;
import dev.weft.patterns.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 41/CLIENTSERVER, the CLIENT and SERVER socket types: one test per SHALL that the API makes
 * observable and that other tests do not cover (a peer sending multipart messages is in {@code
 * SinglePartTest}, many threads on one socket in {@code DraftConcurrencyTest}).
 */
@Timeout(60)
@DisplayName("RFC 41 CLIENT and SERVER")
class ClientServerSpecTest {
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
            "CLIENT: \"SHALL route outgoing messages to available peers using a round-robin"
                    + " strategy.\"")
    void clientShouldSendRoundRobin() {
        ClientSocket client = new ClientSocket(ctx);
        List<ServerSocket> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServerSocket server = new ServerSocket(ctx);
            client.connect(server.bind("tcp://127.0.0.1:*"));
            servers.add(server);
        }
        awaitConnectedPeers(client, 3);

        for (int i = 0; i < 30; i++) {
            assertThat(client.send(Integer.toString(i))).isTrue();
        }

        for (ServerSocket server : servers) {
            List<Integer> seqs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seqs.add(Integer.parseInt(texts(server).get(0)));
            }
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i) - seqs.get(i - 1))
                        .as("every third message goes to the same server: %s", seqs)
                        .isEqualTo(3);
            }
        }
    }

    @Test
    @DisplayName(
            "CLIENT: \"SHALL receive incoming messages from its peers using a fair-queuing"
                    + " strategy.\"")
    void clientShouldReceiveFairly() {
        ClientSocket client = new ClientSocket(ctx);
        ServerSocket a = new ServerSocket(ctx);
        ServerSocket b = new ServerSocket(ctx);
        client.connect(a.bind("tcp://127.0.0.1:*"));
        client.connect(b.bind("tcp://127.0.0.1:*"));
        client.send("hello");
        client.send("hello");
        int idAtA = receiveHello(a);
        int idAtB = receiveHello(b);
        for (int i = 0; i < 5; i++) {
            a.send(idAtA, "a");
            b.send(idAtB, "b");
        }
        awaitEveryPeer(client, 2, p -> p.inboundDepth() == 5);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            order.add(texts(client).get(0));
        }
        for (int i = 1; i < order.size(); i++) {
            assertThat(order.get(i))
                    .as("turns alternate: %s", order)
                    .isNotEqualTo(order.get(i - 1));
        }
    }

    @Test
    @DisplayName(
            "CLIENT: \"SHALL block on sending, or return a suitable error, when it has no"
                    + " available peers.\"")
    void clientShouldBlockWithNoPeer() {
        ClientSocket client = new ClientSocket(ctx);
        client.bind("tcp://127.0.0.1:*");
        try (Message m = Message.of("nobody")) {
            assertThat(client.canSend()).isFalse();
            assertThat(client.trySend(m)).isFalse();
            assertThat(client.send(m, BLOCKED)).isFalse();
        }
    }

    @Test
    @DisplayName(
            "SERVER: \"SHALL identify each double queue using a unique \"routing id\", which is a"
                    + " non-zero 32-bit unsigned integer value.\"")
    void serverShouldGiveEachPeerAUniqueNonZeroRoutingId() {
        ServerSocket server = new ServerSocket(ctx);
        String ep = server.bind("tcp://127.0.0.1:*");
        List<ClientSocket> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ClientSocket client = new ClientSocket(ctx);
            client.connect(ep);
            client.send("client-" + i);
            clients.add(client);
        }

        Map<String, Integer> idByName = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            try (Message m = server.receive(WAIT)) {
                assertThat(m).isNotNull();
                idByName.put(m.strings().get(0), m.routingId());
            }
        }
        Set<Integer> ids = new HashSet<>(idByName.values());
        assertThat(ids).hasSize(clients.size()).doesNotContain(0);

        // "SHALL provide the application with an API to set the message routing-id": each answer
        // reaches the client the id names.
        idByName.forEach((name, id) -> assertThat(server.send(id, "to " + name)).isTrue());
        for (int i = 0; i < clients.size(); i++) {
            assertThat(texts(clients.get(i))).containsExactly("to client-" + i);
        }
    }

    @Test
    @DisplayName(
            "SERVER: \"SHALL return an error if the queue does not exist.\" (Weft: dropped and"
                    + " counted by default; mandatory throws, as libzmq always does)")
    void serverShouldDropOrRefuseAMessageForAnUnknownRoutingId() {
        ServerSocket server = new ServerSocket(ctx);
        ClientSocket client = new ClientSocket(ctx);
        client.connect(server.bind("tcp://127.0.0.1:*"));
        client.send("hello");
        int known = receiveHello(server);
        int unknown = known + 1 == 0 ? 2 : known + 1;

        assertThat(server.send(unknown, "lost")).isTrue();
        assertThat(server.stats().droppedUnroutable()).isEqualTo(1);

        server.mandatory(true);
        assertThat(server.isMandatory()).isTrue();
        try (Message m = Message.of("refused").routingId(unknown)) {
            assertThatThrownBy(() -> server.send(m))
                    .isInstanceOf(HostUnreachableException.class)
                    .hasMessageContaining(Integer.toUnsignedString(unknown));
            assertThat(m.frame(0).content().refCnt()).as("the caller keeps the message").isOne();
            assertThat(m.routingId()).isEqualTo(unknown);
        }
        assertThat(server.stats().droppedUnroutable()).isEqualTo(1);
        assertThat(server.send(known, "still here")).isTrue();
        assertThat(texts(client)).containsExactly("still here");
    }

    @Test
    @DisplayName("SERVER: a message without a routing id names no peer and is refused")
    void serverShouldRefuseAMessageWithoutRoutingId() {
        ServerSocket server = new ServerSocket(ctx);
        try (Message m = Message.of("to whom?")) {
            assertThatThrownBy(() -> server.send(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SERVER send: no routing id");
        }
        assertThatThrownBy(() -> server.send(0, "zero"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routingId: 0");
    }

    @Test
    @DisplayName(
            "SERVER: \"SHALL block on sending, if the queue is full, unless otherwise configured.\""
                    + " and \"SHALL NOT discard messages that it cannot queue.\"")
    void serverShouldWaitForAFullPeerAndDropNothing() {
        ServerSocket server = new ServerSocket(ctx, tiny());
        ClientSocket client = new ClientSocket(ctx, tiny());
        client.connect(server.bind("tcp://127.0.0.1:*"));
        client.send("hello");
        int id = receiveHello(server);

        int accepted = fillUntilBlocked(server, seq -> Traffic.bigOnePart(seq).routingId(id));

        Message refused = Traffic.bigOnePart(accepted).routingId(id);
        boolean sent = false;
        try {
            assertThat(server.trySend(refused)).isFalse();
            assertThat(refused.routingId()).as("the caller keeps the id").isEqualTo(id);
            for (int i = 0; i < accepted; i++) {
                try (Message m = client.receive(WAIT)) {
                    assertThat(m).isNotNull();
                    assertThat(Traffic.seqOnePart(m)).isEqualTo(i);
                }
            }
            sent = server.send(refused, WAIT);
            assertThat(sent).as("sent once the client read").isTrue();
        } finally {
            if (!sent) {
                refused.close();
            }
        }
        try (Message m = client.receive(WAIT)) {
            assertThat(m).as("the message that waited").isNotNull();
            assertThat(Traffic.seqOnePart(m)).isEqualTo(accepted);
        }
        assertThat(server.stats().droppedAtHwm()).isZero();
        assertThat(server.stats().droppedUnroutable()).isZero();
    }

    @Test
    @DisplayName("CLIENT and SERVER: \"MUST NOT send multipart messages.\"")
    void neitherShouldSendAMultipartMessage() {
        ServerSocket server = new ServerSocket(ctx);
        ClientSocket client = new ClientSocket(ctx);
        client.connect(server.bind("tcp://127.0.0.1:*"));
        try (Message m = Message.of("two", "frames")) {
            assertThatThrownBy(() -> client.send(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "CLIENT send: a message of 2 frames (expected: 1 frame; CLIENT is a"
                                    + " thread-safe draft type, which sends single-part messages"
                                    + " only)");
            m.routingId(7);
            assertThatThrownBy(() -> server.send(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SERVER send: a message of 2 frames");
            assertThat(m.frame(1).content().refCnt()).as("the caller keeps the message").isOne();
        }
        assertThat(client.stats().messagesSent()).isZero();
    }

    private static int receiveHello(ServerSocket server) {
        try (Message m = server.receive(WAIT)) {
            assertThat(m).as("hello on %s", server).isNotNull();
            assertThat(m.strings()).containsExactly("hello");
            assertThat(m.routingId()).isNotZero();
            return m.routingId();
        }
    }
}
