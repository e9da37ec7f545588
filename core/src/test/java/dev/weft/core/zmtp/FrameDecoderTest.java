package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits, errors and edge cases of {@link FrameDecoder}; the golden replays are elsewhere. */
class FrameDecoderTest {

    @ParameterizedTest(name = "flags 0x{0}")
    @ValueSource(strings = {"08", "10", "20", "40", "80", "f8", "0c", "ff"})
    @DisplayName("RFC 37: Bits 7-3 are reserved for future use and MUST be zero.")
    void shouldRejectReservedFlagBits(String flagsHex) {
        FrameDecoder decoder = PieceFeeder.newDecoder();

        assertThatThrownBy(() -> feed(decoder, flagsHex))
                .isInstanceOfSatisfying(ZmtpException.class, e -> assertCondition(e, "BAD_FLAGS"))
                .hasMessageStartingWith("BAD_FLAGS: flags 0x" + flagsHex);
    }

    @ParameterizedTest(name = "flags 0x{0}")
    @ValueSource(strings = {"05", "07"})
    @DisplayName("RFC 37: This bit [MORE] SHALL be zero on command frames.")
    void shouldRejectMoreOnCommand(String flagsHex) {
        FrameDecoder decoder = PieceFeeder.newDecoder();

        assertThatThrownBy(() -> feed(decoder, flagsHex))
                .isInstanceOfSatisfying(ZmtpException.class, e -> assertCondition(e, "BAD_FLAGS"))
                .hasMessageContaining("MORE on a command");
    }

    @ParameterizedTest(name = "flags 0x{0}")
    @ValueSource(strings = {"02", "03", "06"})
    void shouldRejectHugeSizeRightAfterTheNineHeaderOctets(String flagsHex) throws ZmtpException {
        FrameDecoder decoder = PieceFeeder.newDecoder();
        byte[] header = Hex.bytes(flagsHex + " 4000000000000000"); // 2^62 octets
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer(16);
        try {
            for (int i = 0; i < 8; i++) {
                in.writeByte(header[i]);
                decoder.decode(in, PieceFeeder.failOnFrame());
            }
            in.writeByte(header[8]);

            assertThatThrownBy(() -> decoder.decode(in, PieceFeeder.failOnFrame()))
                    .isInstanceOfSatisfying(
                            ZmtpException.class, e -> assertCondition(e, "FRAME_TOO_LARGE"))
                    .hasMessageContaining(Long.toString(1L << 62));
            assertThat(in.isReadable()).as("no body octet was needed or buffered").isFalse();
        } finally {
            in.release();
        }
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(strings = {"8000000000000000", "ffffffffffffffff", "8000000000000005"})
    @DisplayName("RFC 37: A long frame has a body of 0 to 2^63-1 octets.")
    void shouldRejectSizeWithTopBitSet(String sizeHex) {
        FrameDecoder decoder =
                new FrameDecoder(PooledByteBufAllocator.DEFAULT, Long.MAX_VALUE, Long.MAX_VALUE);

        assertThatThrownBy(() -> feed(decoder, "02 " + sizeHex))
                .isInstanceOfSatisfying(
                        ZmtpException.class, e -> assertCondition(e, "FRAME_TOO_LARGE"))
                .hasMessageContaining(Long.toUnsignedString(Long.parseUnsignedLong(sizeHex, 16)));
        assertThatThrownBy(() -> feed(newDecoder(), "06 " + sizeHex))
                .isInstanceOfSatisfying(
                        ZmtpException.class, e -> assertCondition(e, "FRAME_TOO_LARGE"));
    }

    @Test
    void shouldRejectMultipartMessageOverMaxMessageSize() throws ZmtpException {
        FrameDecoder decoder = new FrameDecoder(PooledByteBufAllocator.DEFAULT, 100, 1000);
        byte[] sixty = new byte[60];

        List<DecodedFrame> frames = feed(decoder, frame(0x01, sixty));
        assertThat(frames).hasSize(1);

        assertThatThrownBy(() -> feed(decoder, "00 29")) // 41 more: 101 > 100
                .isInstanceOfSatisfying(
                        ZmtpException.class, e -> assertCondition(e, "FRAME_TOO_LARGE"))
                .hasMessage("FRAME_TOO_LARGE: message of 101 octets > maxMessageSize 100");
    }

    @Test
    void shouldAcceptMultipartMessageOfExactlyMaxMessageSize() throws ZmtpException {
        FrameDecoder decoder = new FrameDecoder(PooledByteBufAllocator.DEFAULT, 100, 1000);

        List<DecodedFrame> frames =
                feed(decoder, Hex.concat(frame(0x01, new byte[60]), frame(0x00, new byte[40])));

        assertThat(frames).extracting(f -> f.body().length).containsExactly(60, 40);
    }

    @Test
    void shouldCountEachMessageSeparately() throws ZmtpException {
        FrameDecoder decoder = new FrameDecoder(PooledByteBufAllocator.DEFAULT, 100, 1000);
        byte[] stream =
                Hex.concat(
                        frame(0x01, new byte[50]),
                        frame(0x00, new byte[50]),
                        frame(0x01, new byte[50]),
                        frame(0x00, new byte[50]),
                        frame(0x00, new byte[100]));

        assertThat(feed(decoder, stream)).hasSize(5);
    }

    @Test
    void shouldNotCountCommandsInsideAMessage() throws ZmtpException {
        FrameDecoder decoder = new FrameDecoder(PooledByteBufAllocator.DEFAULT, 100, 1000);
        byte[] ping = Hex.bytes("04 07 04 50494e47 000a");
        byte[] stream =
                Hex.concat(
                        frame(0x01, new byte[60]),
                        ping,
                        frame(0x04, new byte[200]),
                        frame(0x00, new byte[40]));

        assertThat(feed(decoder, stream))
                .extracting(DecodedFrame::flags)
                .containsExactly(0x01, 0x04, 0x04, 0x00);
    }

    @Test
    void shouldNotLetARunningTotalWrapAroundTheLimit() throws ZmtpException {
        FrameDecoder decoder = new FrameDecoder(PooledByteBufAllocator.DEFAULT, 100, 1000);
        feed(decoder, frame(0x01, new byte[10]));

        // 10 + (2^63 - 6) overflows to a negative total; it must still be refused.
        assertThatThrownBy(() -> feed(decoder, "02 7ffffffffffffffa"))
                .isInstanceOfSatisfying(
                        ZmtpException.class, e -> assertCondition(e, "FRAME_TOO_LARGE"));
    }

    @Test
    void shouldRejectCommandOverMaxCommandSize() throws ZmtpException {
        FrameDecoder decoder = new FrameDecoder(PooledByteBufAllocator.DEFAULT, 1 << 20, 300);

        assertThat(feed(decoder, frame(0x04, new byte[300]))).hasSize(1);
        assertThatThrownBy(() -> feed(decoder, "06 000000000000012d"))
                .isInstanceOfSatisfying(
                        ZmtpException.class, e -> assertCondition(e, "FRAME_TOO_LARGE"))
                .hasMessage("FRAME_TOO_LARGE: command of 301 octets > 300");
    }

    @Test
    void shouldApplyALoweredCommandLimitToTheNextFrame() throws ZmtpException {
        FrameDecoder decoder = new FrameDecoder(PooledByteBufAllocator.DEFAULT, 1 << 20, 300);
        decoder.maxCommandSize(10);

        assertThat(feed(decoder, frame(0x04, new byte[10]))).hasSize(1);
        assertThatThrownBy(() -> feed(decoder, "04 0b"))
                .isInstanceOfSatisfying(
                        ZmtpException.class, e -> assertCondition(e, "FRAME_TOO_LARGE"));
    }

    @Test
    @DisplayName(
            "RFC 37: A short frame has a body of 0 to 255 octets. A long frame has a body of 0 to"
                    + " 2^63-1 octets.")
    void shouldDecodeShortAndLongFormsAtThe255Boundary() throws ZmtpException {
        byte[] b255 = pattern(255);
        byte[] b256 = pattern(256);
        byte[] stream =
                Hex.concat(Hex.bytes("01 ff"), b255, Hex.bytes("02 0000000000000100"), b256);

        List<DecodedFrame> frames = PieceFeeder.byteByByte(stream);

        assertThat(frames)
                .containsExactly(new DecodedFrame(0x01, b255), new DecodedFrame(0x02, b256));
    }

    @Test
    void shouldAcceptTheLongFormForASmallBody() throws ZmtpException {
        List<DecodedFrame> frames =
                PieceFeeder.whole(Hex.bytes("02 0000000000000005 68656c6c6f 06 0000000000000000"));

        assertThat(frames)
                .containsExactly(
                        new DecodedFrame(0x02, "hello".getBytes()),
                        new DecodedFrame(0x06, new byte[0]));
    }

    @Test
    @DisplayName(
            "RFC 37: The size does not include the flags field, nor itself, so an empty frame has a size of zero.")
    void shouldDecodeEmptyFrames() throws ZmtpException {
        List<DecodedFrame> frames = PieceFeeder.byteByByte(Hex.bytes("01 00 01 00 00 00 04 00"));

        assertThat(frames)
                .containsExactly(
                        new DecodedFrame(0x01, new byte[0]),
                        new DecodedFrame(0x01, new byte[0]),
                        new DecodedFrame(0x00, new byte[0]),
                        new DecodedFrame(0x04, new byte[0]));
    }

    @Test
    void shouldCopyBodiesUpToTheThreshold() throws ZmtpException {
        int n = FrameDecoder.COPY_THRESHOLD;
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer();
        List<ByteBuf> bodies = new ArrayList<>();
        try {
            in.writeBytes(frame(0x00, pattern(n)));
            PieceFeeder.newDecoder().decode(in, (flags, body) -> bodies.add(body));

            assertThat(bodies).hasSize(1);
            ByteBuf body = bodies.get(0);
            assertThat(body.readableBytes()).isEqualTo(n);
            assertThat(in.refCnt()).as("the read buffer is not retained by a copy").isOne();
            in.setByte(9, 0x7A);
            assertThat(body.getByte(body.readerIndex()))
                    .as("a copy does not see later writes to the read buffer")
                    .isEqualTo((byte) 0);
        } finally {
            bodies.forEach(ByteBuf::release);
            in.release();
        }
    }

    @Test
    void shouldSliceBodiesAboveTheThreshold() throws ZmtpException {
        int n = FrameDecoder.COPY_THRESHOLD + 1;
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer();
        List<ByteBuf> bodies = new ArrayList<>();
        try {
            in.writeBytes(frame(0x00, pattern(n)));
            PieceFeeder.newDecoder().decode(in, (flags, body) -> bodies.add(body));

            assertThat(bodies).hasSize(1);
            ByteBuf body = bodies.get(0);
            assertThat(Hex.readable(body)).isEqualTo(pattern(n));
            assertThat(in.refCnt()).as("the slice holds one reference").isEqualTo(2);
            in.setByte(9, 0x7A); // the body's first octet: 9 header octets precede it
            assertThat(body.getByte(body.readerIndex()))
                    .as("a slice shares the read buffer's memory")
                    .isEqualTo((byte) 0x7A);
            body.release();
            bodies.clear();
            assertThat(in.refCnt()).isOne();
        } finally {
            bodies.forEach(ByteBuf::release);
            in.release();
        }
    }

    @Test
    void shouldLeaveAnIncompleteBodyUnreadAndReportItsSize() throws ZmtpException {
        FrameDecoder decoder = PieceFeeder.newDecoder();
        PieceFeeder.Recorder sink = new PieceFeeder.Recorder();
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            assertThat(decoder.pendingBodySize()).isZero();
            in.writeBytes(Hex.bytes("00 0a 010203"));
            decoder.decode(in, sink);

            assertThat(sink.frames).isEmpty();
            assertThat(in.readableBytes()).as("the partial body stays in the buffer").isEqualTo(3);
            assertThat(decoder.pendingBodySize()).isEqualTo(10);

            in.writeBytes(Hex.bytes("04050607 08090a 00 01 ff"));
            decoder.decode(in, sink);

            assertThat(sink.frames)
                    .containsExactly(
                            new DecodedFrame(0x00, Hex.bytes("0102030405060708090a")),
                            new DecodedFrame(0x00, Hex.bytes("ff")));
            assertThat(decoder.pendingBodySize()).isZero();
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void shouldHandTheBodyToASinkThatThrows() {
        FrameDecoder decoder = PieceFeeder.newDecoder();
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            in.writeBytes(frame(0x00, pattern(20)));

            assertThatThrownBy(
                            () ->
                                    decoder.decode(
                                            in,
                                            (flags, body) -> {
                                                body.release(); // the sink owns it, even on throw
                                                throw new ZmtpException(
                                                        ZmtpException.Condition.UNEXPECTED_COMMAND,
                                                        "test");
                                            }))
                    .isInstanceOf(ZmtpException.class);
        } finally {
            in.release();
        }
    }

    @Test
    void shouldDecodeManySmallFramesInOneBuffer() throws ZmtpException {
        List<byte[]> parts = new ArrayList<>();
        List<DecodedFrame> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] body = pattern(i % 300);
            int flags = i % 7 == 6 ? 0x00 : 0x01;
            parts.add(frame(flags, body));
            expected.add(new DecodedFrame(body.length > 255 ? flags | 0x02 : flags, body));
        }

        assertThat(PieceFeeder.whole(Hex.concat(parts.toArray(byte[][]::new))))
                .containsExactlyElementsOf(expected);
    }

    /** A frame as libzmq writes it: short size up to 255 octets, LONG above. */
    static byte[] frame(int flags, byte[] body) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            FrameEncoder.writeHeader(flags, body.length, out);
            out.writeBytes(body);
            return Hex.readable(out);
        } finally {
            out.release();
        }
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static FrameDecoder newDecoder() {
        return PieceFeeder.newDecoder();
    }

    private static List<DecodedFrame> feed(FrameDecoder decoder, String hex) throws ZmtpException {
        return feed(decoder, Hex.bytes(hex));
    }

    /** Feeds a whole chunk, expecting it to end on a frame boundary. */
    private static List<DecodedFrame> feed(FrameDecoder decoder, byte[] bytes)
            throws ZmtpException {
        PieceFeeder.Recorder sink = new PieceFeeder.Recorder();
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer(Math.max(1, bytes.length));
        try {
            in.writeBytes(bytes);
            decoder.decode(in, sink);
            return sink.frames;
        } finally {
            in.release();
        }
    }

    private static void assertCondition(ZmtpException e, String condition) {
        assertThat(e.condition().name()).isEqualTo(condition);
        assertThat(e.getMessage()).startsWith(condition + ": ");
    }
}
