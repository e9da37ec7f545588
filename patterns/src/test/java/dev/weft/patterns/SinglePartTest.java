package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketType;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.FrameEncoder;
import dev.weft.core.zmtp.FrameFlags;
import dev.weft.core.zmtp.Greeting;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-part rule of the thread-safe draft types, which the engine applies once for all of
 * them: RFC 41/49/51/52 "MUST discard any part of a multipart message" and "MAY disconnect a peer
 * that is sending multipart messages", as libzmq does. A raw ZMTP peer sends a good message, a
 * two-frame message and another good one: the socket gets the first, and the connection closes with
 * a monitor event naming the rule.
 */
@Timeout(60)
class SinglePartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_READS = 1_000;

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
    void shouldNameTheDraftTypesAsSinglePart() {
        assertThat(Arrays.stream(SocketType.values()).filter(SocketType::isSinglePart))
                .containsExactlyInAnyOrder(
                        SocketType.CLIENT,
                        SocketType.SERVER,
                        SocketType.RADIO,
                        SocketType.DISH,
                        SocketType.SCATTER,
                        SocketType.GATHER,
                        SocketType.PEER,
                        SocketType.CHANNEL);
    }

    static Stream<Arguments> receivers() {
        return Stream.of(
                receiver("SERVER", "CLIENT", ServerSocket::new),
                receiver("CLIENT", "SERVER", ClientSocket::new),
                receiver("GATHER", "SCATTER", GatherSocket::new),
                receiver("PEER", "PEER", PeerSocket::new),
                receiver("CHANNEL", "CHANNEL", ChannelSocket::new));
    }

    private static <S extends WeftSocket & MessageReceiver> Arguments receiver(
            String type, String peerType, Function<Context, S> make) {
        return Arguments.of(type, peerType, make);
    }

    @ParameterizedTest(name = "{0} from a {1}")
    @MethodSource("receivers")
    @DisplayName("\"MAY disconnect a peer that is sending multipart messages.\"")
    <S extends WeftSocket & MessageReceiver> void shouldCloseTheConnectionOfAPeerSendingMultipart(
            String type, String peerType, Function<Context, S> make) throws IOException {
        S socket = make.apply(ctx);
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        socket.addMonitor(events::add);
        String ep = socket.bind("tcp://127.0.0.1:*");

        sendAndReadUntilClosed(ep, bytesFrom(peerType));

        await().atMost(WAIT)
                .until(
                        () ->
                                events.stream()
                                        .anyMatch(e -> e.type() == MonitorEvent.Type.DISCONNECTED));
        assertThat(events)
                .filteredOn(e -> e.type() == MonitorEvent.Type.DISCONNECTED)
                .singleElement()
                .satisfies(
                        e ->
                                assertThat(e.detail())
                                        .isEqualTo(
                                                "MULTIPART_NOT_ALLOWED: a message of 2 frames"
                                                        + " (expected: 1 frame; "
                                                        + type
                                                        + " takes single-part messages only)"));
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("the message before the multipart one").isNotNull();
            assertThat(m.strings()).containsExactly("before");
        }
        try (Message m = socket.receive(Duration.ofMillis(200))) {
            assertThat(m).as("nothing of or after the multipart message").isNull();
        }
    }

    /** Greeting, READY, "before", a two-frame message, "after": all in one write. */
    private static byte[] bytesFrom(String peerType) {
        ByteBuf out = Unpooled.buffer();
        try {
            Greeting.write("NULL", false, out);
            Commands.writeReady(
                    Metadata.builder().put(Metadata.SOCKET_TYPE, peerType).build(), out);
            frame(out, 0, "before");
            frame(out, FrameFlags.MORE, "part one");
            frame(out, 0, "part two");
            frame(out, 0, "after");
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static void frame(ByteBuf out, int flags, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FrameEncoder.writeHeader(flags, bytes.length, out);
        out.writeBytes(bytes);
    }

    /**
     * Connects, writes the bytes without ending this side, and reads until the socket closes or
     * resets the connection.
     */
    private static void sendAndReadUntilClosed(String endpoint, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(ShortLivedPeer.address(endpoint), READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int i = 0; i < MAX_READS; i++) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketException reset) {
                    return;
                }
                if (n < 0) {
                    return;
                }
            }
            throw new IOException("the socket kept sending after " + MAX_READS + " reads");
        }
    }
}
