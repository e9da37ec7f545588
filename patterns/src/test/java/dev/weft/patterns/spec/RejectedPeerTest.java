package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.FrameEncoder;
import dev.weft.core.zmtp.Greeting;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.PairSocket;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer the role refuses (a second PAIR peer, a ROUTER peer with a routing id in use) leaves no
 * trace, even when it sent messages right behind its handshake, before the refusal closed it. The
 * peer here is a raw TCP client that writes its greeting, READY and a message in one go.
 */
@Timeout(60)
class RejectedPeerTest {
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
    void shouldForgetARefusedSecondPairPeerThatSentAMessage() throws IOException {
        PairSocket pair = new PairSocket(ctx);
        Traffic.Events events = Traffic.Events.of(pair);
        String ep = pair.bind("tcp://127.0.0.1:*");
        PairSocket first = new PairSocket(ctx);
        first.connect(ep);
        awaitPeers(pair, 1);

        sendHandshakeAndMessageThenWaitForClose(ep, metadata("PAIR", null), "intruder");

        events.awaitFirst(MonitorEvent.Type.PEER_REJECTED);
        awaitPeers(pair, 1);
        first.send("still-here");
        assertThat(texts(pair)).containsExactly("still-here");
    }

    @Test
    void shouldForgetARefusedRouterPeerWithADuplicateIdThatSentAMessage() throws IOException {
        RouterSocket router = new RouterSocket(ctx);
        Traffic.Events events = Traffic.Events.of(router);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket first = new DealerSocket(ctx, Traffic.withId("same"));
        first.connect(ep);
        awaitPeers(router, 1);

        sendHandshakeAndMessageThenWaitForClose(ep, metadata("DEALER", "same"), "duplicate");

        events.awaitFirst(MonitorEvent.Type.PEER_REJECTED);
        awaitPeers(router, 1);
        first.send("still-here");
        assertThat(texts(router)).containsExactly("same", "still-here");
    }

    private static Metadata metadata(String type, String identity) {
        Metadata.Builder md = Metadata.builder().put(Metadata.SOCKET_TYPE, type);
        if (identity != null) {
            md.put(Metadata.IDENTITY, Traffic.bytes(identity));
        }
        return md.build();
    }

    /** Writes greeting, READY and one message in a single write, then reads until closed. */
    private static void sendHandshakeAndMessageThenWaitForClose(
            String endpoint, Metadata metadata, String body) throws IOException {
        URI uri = URI.create(endpoint);
        ByteBuf out = Unpooled.buffer();
        byte[] bytes;
        try {
            Greeting.write("NULL", false, out);
            Commands.writeReady(metadata, out);
            byte[] payload = Traffic.bytes(body);
            FrameEncoder.writeHeader(0, payload.length, out);
            out.writeBytes(payload);
            bytes = ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
        try (Socket socket = new Socket(InetAddress.getByName(uri.getHost()), uri.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int i = 0; i < 1_000; i++) {
                if (in.read(buffer) < 0) {
                    return;
                }
            }
        }
    }
}
