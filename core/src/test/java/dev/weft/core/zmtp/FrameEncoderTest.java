package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frame headers and whole messages as {@link FrameEncoder} writes them. */
class FrameEncoderTest {

    @ParameterizedTest(name = "flags {0}, size {1} -> {2}")
    @CsvSource({
        "0, 0, 00 00",
        "1, 0, 01 00",
        "4, 5, 04 05",
        "1, 255, 01 ff",
        "0, 256, 02 0000000000000100",
        "1, 256, 03 0000000000000100",
        "4, 292, 06 0000000000000124",
        "0, 300, 02 000000000000012c",
        "0, 70000, 02 0000000000011170",
        "0, 4611686018427387904, 02 4000000000000000"
    })
    @DisplayName(
            "RFC 37: A value of 1 [LONG] indicates that the frame size is encoded as a 64-bit"
                    + " unsigned integer in network byte order.")
    void shouldPickShortOrLongSize(int flags, long size, String expectedHex) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            FrameEncoder.writeHeader(flags, size, out);

            assertThat(Hex.of(Hex.readable(out))).isEqualTo(expectedHex.replace(" ", ""));
            assertThat(FrameEncoder.headerSize(size)).isEqualTo(out.readableBytes());
        } finally {
            out.release();
        }
    }

    @Test
    @DisplayName(
            "README observation 5: MORE (01) is set on every frame except the last; the reply reads"
                    + " 01 00 00 05 world")
    void shouldWriteMoreOnEveryFrameButTheLast() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try (Message message = Message.of("", "world")) {
            FrameEncoder.writeMessage(message, out);

            assertThat(Hex.of(Hex.readable(out))).isEqualTo("01000005776f726c64");
            assertThat(FrameEncoder.wireSize(message)).isEqualTo(out.readableBytes());
            assertThat(message.frame(1).content().readerIndex())
                    .as("bodies are copied, not consumed")
                    .isZero();
        } finally {
            out.release();
        }
    }

    @Test
    void shouldWriteLibzmqsThreeFrameMessageByteForByte() {
        byte[] captured =
                Hex.concat(
                        GoldenStream.of(
                                        "01-null-dealer-router.txt",
                                        GoldenVectors.Direction.CLIENT_TO_SERVER)
                                .frameUnits()
                                .subList(1, 4)
                                .stream()
                                .map(GoldenVectors.Unit::bytes)
                                .toArray(byte[][]::new));
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try (Message message = Message.of("", "hello", "A".repeat(300))) {
            FrameEncoder.writeMessage(message, out);

            assertThat(Hex.of(Hex.readable(out))).isEqualTo(Hex.of(captured));
            assertThat(FrameEncoder.wireSize(message)).isEqualTo(captured.length);
        } finally {
            out.release();
        }
    }
}
