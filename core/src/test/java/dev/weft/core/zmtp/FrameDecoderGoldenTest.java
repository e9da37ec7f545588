package dev.weft.core.zmtp;

import static dev.weft.core.zmtp.GoldenVectors.Direction.CLIENT_TO_SERVER;
import static dev.weft.core.zmtp.GoldenVectors.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Metadata;
import dev.weft.core.zmtp.GoldenVectors.Unit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the golden captures through {@link FrameDecoder} in every fragmentation, and re-encodes
 * what it decoded with {@link FrameEncoder} and {@link Commands}, byte for byte.
 *
 * <p>Split points: streams up to {@value #EVERY_SPLIT_LIMIT} octets are cut at every offset. The
 * one longer stream (01 C&gt;S, 70,378 octets after the greeting, most of it one 70,000-octet
 * frame) is cut at every offset in its first {@value #DENSE_PREFIX} octets (which hold the READY,
 * the three-frame message and the long frame's header), at every offset within {@value
 * #NEAR_BOUNDARY} octets of each frame boundary, and every {@value #STRIDE} octets elsewhere (a
 * prime, so cuts land at every residue of the 256-octet body pattern). Byte-at-a-time feeding is
 * done for every stream, the long one included.
 */
class FrameDecoderGoldenTest {
    static final int EVERY_SPLIT_LIMIT = 4096;
    static final int DENSE_PREFIX = 640;
    static final int NEAR_BOUNDARY = 16;
    static final int STRIDE = 101;

    /** The NULL-mechanism streams whose bytes real peers sent (probe sides left out). */
    static Stream<GoldenStream> nullStreams() {
        return Stream.of(
                GoldenStream.of("01-null-dealer-router.txt", CLIENT_TO_SERVER),
                GoldenStream.of("01-null-dealer-router.txt", SERVER_TO_CLIENT),
                GoldenStream.of("02-null-sub-pub-zmtp31.txt", CLIENT_TO_SERVER),
                GoldenStream.of("02-null-sub-pub-zmtp31.txt", SERVER_TO_CLIENT),
                GoldenStream.of("03a-jeromq-sub-libzmq-pub.txt", CLIENT_TO_SERVER),
                GoldenStream.of("03a-jeromq-sub-libzmq-pub.txt", SERVER_TO_CLIENT),
                GoldenStream.of("03b-libzmq-sub-jeromq-pub.txt", CLIENT_TO_SERVER),
                GoldenStream.of("03b-libzmq-sub-jeromq-pub.txt", SERVER_TO_CLIENT),
                GoldenStream.of("04-null-req-rep.txt", CLIENT_TO_SERVER),
                GoldenStream.of("04-null-req-rep.txt", SERVER_TO_CLIENT),
                GoldenStream.of("05-heartbeat-dealer-router.txt", CLIENT_TO_SERVER),
                GoldenStream.of("05-heartbeat-dealer-router.txt", SERVER_TO_CLIENT),
                GoldenStream.of("05b-probe-ping-context.txt", SERVER_TO_CLIENT),
                GoldenStream.of("08b-mismatch-push-to-pub.txt", CLIENT_TO_SERVER),
                GoldenStream.of("08b-mismatch-push-to-pub.txt", SERVER_TO_CLIENT),
                GoldenStream.of("08e-null-zap-denied-error.txt", CLIENT_TO_SERVER),
                GoldenStream.of("08e-null-zap-denied-error.txt", SERVER_TO_CLIENT),
                GoldenStream.of("09-jeromq-dealer-libzmq-router.txt", CLIENT_TO_SERVER),
                GoldenStream.of("09-jeromq-dealer-libzmq-router.txt", SERVER_TO_CLIENT),
                GoldenStream.of("09b-probe-jeromq-pub-silent-client.txt", SERVER_TO_CLIENT),
                GoldenStream.of("09c-probe-jeromq-dealer-silent-server.txt", CLIENT_TO_SERVER));
    }

    /** The PLAIN and CURVE streams; their handshake commands are ordinary command frames. */
    static Stream<GoldenStream> securedStreams() {
        return Stream.of(
                GoldenStream.of("06-plain-push-pull.txt", CLIENT_TO_SERVER),
                GoldenStream.of("06-plain-push-pull.txt", SERVER_TO_CLIENT),
                GoldenStream.of("07-curve-dealer-router.txt", CLIENT_TO_SERVER),
                GoldenStream.of("07-curve-dealer-router.txt", SERVER_TO_CLIENT),
                GoldenStream.of("08c-plain-bad-password-error.txt", CLIENT_TO_SERVER),
                GoldenStream.of("08c-plain-bad-password-error.txt", SERVER_TO_CLIENT),
                new GoldenStream("08d-plain-server-without-zap.txt", 1, CLIENT_TO_SERVER),
                new GoldenStream("08d-plain-server-without-zap.txt", 1, SERVER_TO_CLIENT),
                new GoldenStream("08d-plain-server-without-zap.txt", 2, CLIENT_TO_SERVER),
                new GoldenStream("08d-plain-server-without-zap.txt", 2, SERVER_TO_CLIENT),
                GoldenStream.of("08f-curve-zap-denied-error.txt", CLIENT_TO_SERVER),
                GoldenStream.of("08f-curve-zap-denied-error.txt", SERVER_TO_CLIENT));
    }

    /** Files with nothing after the greetings (08a: the server closed mid-greeting). */
    static final Set<String> GREETING_ONLY = Set.of("08a-mismatch-null-vs-plain.txt");

    static Stream<GoldenStream> allStreams() {
        return Stream.concat(nullStreams(), securedStreams());
    }

    @Test
    void shouldCoverEveryVectorFile() {
        Set<String> covered = new HashSet<>(GREETING_ONLY);
        allStreams().forEach(s -> covered.add(s.file()));

        assertThat(new TreeSet<>(covered)).containsExactlyElementsOf(GoldenVectors.files());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allStreams")
    void shouldDecodeStreamFedWhole(GoldenStream stream) throws ZmtpException {
        assertMatchesUnits(PieceFeeder.whole(stream.afterGreeting()), stream, "fed whole");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allStreams")
    void shouldDecodeStreamSplitAtEveryPoint(GoldenStream stream) throws ZmtpException {
        byte[] bytes = stream.afterGreeting();
        List<DecodedFrame> expected = stream.expectedFrames();
        int[] cuts = cutPoints(bytes, stream.frameUnits());

        for (int cut : cuts) {
            List<DecodedFrame> frames = PieceFeeder.split(bytes, cut);
            if (!frames.equals(expected)) {
                assertThat(frames)
                        .as("%s cut at %d of %d", stream, cut, bytes.length)
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(cuts.length)
                .as("split points tried")
                .isGreaterThanOrEqualTo(Math.min(bytes.length + 1, DENSE_PREFIX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allStreams")
    void shouldDecodeStreamFedOneOctetAtATime(GoldenStream stream) throws ZmtpException {
        assertMatchesUnits(PieceFeeder.byteByByte(stream.afterGreeting()), stream, "byte by byte");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullStreams")
    void shouldReencodeNullStreamByteExact(GoldenStream stream) throws ZmtpException {
        List<Unit> units = stream.frameUnits();
        List<DecodedFrame> frames = PieceFeeder.whole(stream.afterGreeting());

        for (int i = 0; i < units.size(); i++) {
            assertThat(Hex.of(reencode(frames.get(i), stream.mechanism())))
                    .as("%s %s", stream, units.get(i))
                    .isEqualTo(Hex.of(units.get(i).bytes()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("securedStreams")
    void shouldReencodeSecuredStreamByteExact(GoldenStream stream) throws ZmtpException {
        List<Unit> units = stream.frameUnits();
        List<DecodedFrame> frames = PieceFeeder.whole(stream.afterGreeting());

        for (int i = 0; i < units.size(); i++) {
            byte[] captured = units.get(i).bytes();
            DecodedFrame frame = frames.get(i);
            String where = stream + " " + units.get(i);

            assertThat(Hex.of(reencodeHeader(frame)))
                    .as("header of %s", where)
                    .isEqualTo(
                            Hex.of(Arrays.copyOf(captured, captured.length - frame.body().length)));
            if (isLibzmqMalformedPlainError(stream, i)) {
                continue; // shouldRejectLibzmqMalformedPlainErrorCleanly covers this unit
            }
            assertThat(Hex.of(reencode(frame, stream.mechanism())))
                    .as(where)
                    .isEqualTo(Hex.of(captured));
        }
    }

    @Test
    @DisplayName(
            "RFC 37: The value SHALL be 0 to 2,147,483,647 octets of opaque binary data."
                    + " Zero-sized values are allowed.")
    void shouldReproduceLibzmqReadyWithEmptyIdentity() throws ZmtpException {
        byte[] captured =
                GoldenStream.of("01-null-dealer-router.txt", SERVER_TO_CLIENT)
                        .frameUnits()
                        .get(0)
                        .bytes();
        ByteBuf body = Unpooled.wrappedBuffer(DecodedFrame.ofUnit(captured).body());

        assertThat(CommandName.read(body)).isEqualTo(CommandName.READY);
        Metadata metadata = Commands.readMetadata(body);

        assertThat(metadata.socketType()).isEqualTo("ROUTER");
        assertThat(metadata.identity()).isEmpty();
        assertThat(Hex.of(writeReady(metadata)))
                .isEqualTo(
                        "0429"
                                + "05"
                                + Hex.of("READY".getBytes())
                                + "0b"
                                + Hex.of("Socket-Type".getBytes())
                                + "00000006"
                                + Hex.of("ROUTER".getBytes())
                                + "08"
                                + Hex.of("Identity".getBytes())
                                + "00000000")
                .isEqualTo(Hex.of(captured));
    }

    @Test
    void shouldDecodeLongAndShortSizesAsLibzmqWritesThem() throws ZmtpException {
        List<DecodedFrame> frames =
                PieceFeeder.whole(
                        GoldenStream.of("01-null-dealer-router.txt", CLIENT_TO_SERVER)
                                .afterGreeting());

        assertThat(frames)
                .extracting(DecodedFrame::flags)
                .containsExactly(0x04, 0x01, 0x01, 0x02, 0x02);
        assertThat(frames.get(1).body()).isEmpty();
        assertThat(new String(frames.get(2).body())).isEqualTo("hello");
        assertThat(frames.get(3).body()).hasSize(300).containsOnly((byte) 'A');
        byte[] big = frames.get(4).body();
        assertThat(big).hasSize(70_000);
        for (int i = 0; i < big.length; i++) {
            if (big[i] != (byte) i) {
                assertThat(big[i]).as("body[%d]", i).isEqualTo((byte) i);
            }
        }
    }

    @Test
    void shouldCarryCurveMessagesInOrdinaryMessageFrames() throws ZmtpException {
        List<DecodedFrame> frames =
                PieceFeeder.whole(
                        GoldenStream.of("07-curve-dealer-router.txt", CLIENT_TO_SERVER)
                                .afterGreeting());

        assertThat(frames)
                .extracting(DecodedFrame::flags)
                .containsExactly(0x04, 0x06, 0x00, 0x00, 0x00);
        for (DecodedFrame message : frames.subList(2, 5)) {
            ByteBuf body = Unpooled.wrappedBuffer(message.body());
            assertThat(CommandName.read(body)).isEqualTo(CommandName.MESSAGE);
        }
        assertThat(frames.get(1).body()).hasSize(292);
    }

    @Test
    @DisplayName(
            "README observation 9: libzmq's PLAIN server sends ERROR as 04 09 5e 52 52 4f 52 03 34 30"
                    + " 30; a strict decoder must fail cleanly, not crash")
    void shouldRejectLibzmqMalformedPlainErrorCleanly() throws ZmtpException {
        GoldenStream stream = GoldenStream.of("08c-plain-bad-password-error.txt", SERVER_TO_CLIENT);
        List<DecodedFrame> frames = PieceFeeder.whole(stream.afterGreeting());

        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).flags()).isEqualTo(FrameFlags.COMMAND);
        assertThat(Hex.of(frames.get(0).body())).isEqualTo("5e52524f5203343030");
        ByteBuf body = Unpooled.wrappedBuffer(frames.get(0).body());
        assertThatThrownBy(() -> CommandName.read(body))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND))
                .hasMessageStartingWith("MALFORMED_COMMAND: command name length 94");
    }

    /** Cut points as described in the class comment. */
    static int[] cutPoints(byte[] stream, List<Unit> units) {
        if (stream.length <= EVERY_SPLIT_LIMIT) {
            int[] all = new int[stream.length + 1];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = 0; i <= DENSE_PREFIX; i++) {
            cuts.add(i);
        }
        List<Integer> boundaries = new ArrayList<>();
        for (Unit u : units) {
            boundaries.add(u.streamOffset() - Greeting.SIZE);
        }
        boundaries.add(stream.length);
        for (int b : boundaries) {
            for (int i = b - NEAR_BOUNDARY; i <= b + NEAR_BOUNDARY; i++) {
                if (i >= 0 && i <= stream.length) {
                    cuts.add(i);
                }
            }
        }
        for (int i = DENSE_PREFIX; i <= stream.length; i += STRIDE) {
            cuts.add(i);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void assertMatchesUnits(
            List<DecodedFrame> frames, GoldenStream stream, String how) {
        assertThat(frames)
                .as("%s %s", stream, how)
                .containsExactlyElementsOf(stream.expectedFrames());
    }

    private static boolean isLibzmqMalformedPlainError(GoldenStream stream, int index) {
        return stream.file().startsWith("08c")
                && stream.direction() == SERVER_TO_CLIENT
                && index == 0;
    }

    /**
     * Writes the frame's header with {@link FrameEncoder#writeHeader}, LONG left to the encoder.
     */
    private static byte[] reencodeHeader(DecodedFrame frame) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            FrameEncoder.writeHeader(frame.flags() & ~FrameFlags.LONG, frame.body().length, out);
            assertThat(out.readableBytes()).isEqualTo(FrameEncoder.headerSize(frame.body().length));
            return Hex.readable(out);
        } finally {
            out.release();
        }
    }

    /**
     * Re-encodes a decoded frame with the most specific writer Weft has: message frames with {@link
     * FrameEncoder#writeHeader} and the body; READY (and PLAIN's INITIATE) by decoding and
     * re-writing the metadata; ERROR, PING and PONG with their writers; other commands with {@link
     * Commands#write(CommandName, ByteBuf, ByteBuf)}.
     */
    static byte[] reencode(DecodedFrame frame, String mechanism) throws ZmtpException {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        ByteBuf body = Unpooled.wrappedBuffer(frame.body());
        try {
            if (!frame.isCommand()) {
                FrameEncoder.writeHeader(frame.flags() & FrameFlags.MORE, frame.body().length, out);
                out.writeBytes(frame.body());
                return Hex.readable(out);
            }
            CommandName name = CommandName.read(body);
            boolean metadataInClear = !mechanism.equals("CURVE");
            if (name == null) {
                FrameEncoder.writeHeader(FrameFlags.COMMAND, frame.body().length, out);
                out.writeBytes(frame.body());
            } else if (name == CommandName.READY && metadataInClear) {
                Commands.writeReady(Commands.readMetadata(body), out);
            } else if (name == CommandName.INITIATE && mechanism.equals("PLAIN")) {
                ByteBuf data = PooledByteBufAllocator.DEFAULT.buffer();
                try {
                    Commands.writeMetadata(Commands.readMetadata(body), data);
                    Commands.write(CommandName.INITIATE, data, out);
                } finally {
                    data.release();
                }
            } else if (name == CommandName.ERROR) {
                Commands.writeError(Commands.readErrorReason(body), out);
            } else if (name == CommandName.PING) {
                int ttl = Commands.readPingTtl(body);
                Commands.writePing(ttl, Hex.readable(body), out);
            } else if (name == CommandName.PONG) {
                Commands.writePong(body, out);
            } else {
                Commands.write(name, body, out);
            }
            return Hex.readable(out);
        } finally {
            out.release();
        }
    }

    private static byte[] writeReady(Metadata metadata) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            Commands.writeReady(metadata, out);
            return Hex.readable(out);
        } finally {
            out.release();
        }
    }
}
