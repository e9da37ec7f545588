package dev.weft.patterns.interop;

import static dev.weft.patterns.interop.Interop.WAIT;
import static dev.weft.patterns.interop.Interop.bytes;
import static dev.weft.patterns.interop.Interop.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.SocketStats;
import dev.weft.patterns.ChannelSocket;
import dev.weft.patterns.ClientSocket;
import dev.weft.patterns.GatherSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.PeerSocket;
import dev.weft.patterns.ScatterSocket;
import dev.weft.patterns.ServerSocket;
import dev.weft.patterns.WeftSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.ZFrame;

/**
 * The thread-safe draft types against JeroMQ 0.6.0 (ZMTP 3.0) over tcp, with Weft binding and with
 * JeroMQ binding: CLIENT with SERVER both ways round, SCATTER to GATHER both ways round, PEER with
 * PEER and CHANNEL with CHANNEL. Never against Debian's libzmq, which has no draft API and aborts
 * when such a socket connects (see {@code LibzmqPeerTest}).
 */
@Timeout(120)
class DraftTypesInteropTest extends InteropTestBase {
    private final List<JeroPeer> jeroPeers = new ArrayList<>();

    @AfterEach
    void closeJeroPeers() {
        jeroPeers.forEach(JeroPeer::close);
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftClientShouldTalkToAJeromqServer(boolean weftBinds) {
        ClientSocket client = new ClientSocket(ctx);
        JeroPeer server = jero("SERVER");
        link(client, server, weftBinds);

        for (int i = 0; i < 3; i++) {
            assertThat(client.send("request " + i)).isTrue();
            ZFrame request = receiveFrame(server);
            assertThat(request.getString(StandardCharsets.UTF_8)).isEqualTo("request " + i);
            assertThat(request.getRoutingId()).isNotZero();
            ZFrame reply = new ZFrame("reply " + i);
            reply.setRoutingId(request.getRoutingId());
            assertThat(reply.send(server.socket(), 0)).isTrue();
            assertThat(receiveText(client)).isEqualTo("reply " + i);
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void jeromqClientShouldTalkToAWeftServer(boolean weftBinds) {
        ServerSocket server = new ServerSocket(ctx);
        JeroPeer client = jero("CLIENT");
        link(server, client, weftBinds);

        for (int i = 0; i < 3; i++) {
            client.send(List.of(bytes("request " + i)));
            int id;
            try (Message m = server.receive(WAIT)) {
                assertThat(m).isNotNull();
                assertThat(m.strings()).containsExactly("request " + i);
                id = m.routingId();
            }
            assertThat(id).isNotZero();
            assertThat(server.send(id, "reply " + i)).isTrue();
            assertThat(text(client.receive(WAIT).get(0))).isEqualTo("reply " + i);
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftScatterShouldFeedAJeromqGather(boolean weftBinds) {
        ScatterSocket scatter = new ScatterSocket(ctx);
        JeroPeer gather = jero("GATHER");
        link(scatter, gather, weftBinds);

        for (int i = 0; i < 5; i++) {
            assertThat(scatter.send("task " + i)).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(gather.receive(WAIT))
                    .singleElement()
                    .satisfies(b -> assertThat(text(b)).startsWith("task "));
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void jeromqScatterShouldFeedAWeftGather(boolean weftBinds) {
        GatherSocket gather = new GatherSocket(ctx);
        JeroPeer scatter = jero("SCATTER");
        link(gather, scatter, weftBinds);

        for (int i = 0; i < 5; i++) {
            scatter.send(List.of(bytes("task " + i)));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(receiveText(gather)).isEqualTo("task " + i);
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftPeerShouldTalkToAJeromqPeer(boolean weftBinds) {
        PeerSocket weft = new PeerSocket(ctx);
        JeroPeer jero = jero("PEER");
        int idOfJero;
        if (weftBinds) {
            link(weft, jero, true);
            // JeroMQ connected with a plain connect (it then knows no id to send to first), so
            // Weft, which gave the accepted peer its id at the handshake, speaks first.
            SocketStats.PeerStats peer = weft.stats().peers().get(0);
            idOfJero = ByteBuffer.wrap(peer.routingId()).getInt();
        } else {
            idOfJero = weft.connectPeer(jero.bind("tcp://127.0.0.1:*"));
        }
        assertThat(idOfJero).isNotZero();

        assertThat(weft.send(idOfJero, "hello")).isTrue();
        ZFrame hello = receiveFrame(jero);
        assertThat(hello.getString(StandardCharsets.UTF_8)).isEqualTo("hello");
        ZFrame back = new ZFrame("back");
        back.setRoutingId(hello.getRoutingId());
        assertThat(back.send(jero.socket(), 0)).isTrue();
        try (Message m = weft.receive(WAIT)) {
            assertThat(m).isNotNull();
            assertThat(m.strings()).containsExactly("back");
            assertThat(m.routingId()).isEqualTo(idOfJero);
        }
    }

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void channelShouldTalkToAJeromqChannel(boolean weftBinds) {
        ChannelSocket channel = new ChannelSocket(ctx);
        JeroPeer jero = jero("CHANNEL");
        link(channel, jero, weftBinds);

        assertThat(channel.send("from weft")).isTrue();
        assertThat(text(jero.receive(WAIT).get(0))).isEqualTo("from weft");
        jero.send(List.of(bytes("from jeromq")));
        assertThat(receiveText(channel)).isEqualTo("from jeromq");
    }

    private JeroPeer jero(String type) {
        JeroPeer p = JeroPeer.start(type);
        jeroPeers.add(p);
        return p;
    }

    private static void link(WeftSocket weft, JeroPeer jero, boolean weftBinds) {
        Interop.link(weft, new InteropPeer.Jero(jero), weftBinds);
    }

    private static ZFrame receiveFrame(JeroPeer peer) {
        peer.socket().setReceiveTimeOut((int) WAIT.toMillis());
        ZFrame f = ZFrame.recvFrame(peer.socket());
        assertThat(f).as("a frame on %s within %s", peer, WAIT).isNotNull();
        return f;
    }

    private static String receiveText(MessageReceiver socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("a message on %s within %s", socket, WAIT).isNotNull();
            assertThat(m.size()).isOne();
            return m.strings().get(0);
        }
    }
}
