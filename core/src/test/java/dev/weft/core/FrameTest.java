package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A frame's read-only view of its buffer. */
class FrameTest {

    @Test
    void shouldRejectANullBuffer() {
        assertThatThrownBy(() -> new Frame(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("content: null (expected: a ByteBuf)");
    }

    @Test
    void shouldReadWithoutMovingTheReaderIndex() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer();
        b.writeBytes("xxhello".getBytes(StandardCharsets.US_ASCII));
        b.skipBytes(2);
        Frame f = new Frame(b);
        try {
            assertThat(f.size()).isEqualTo(5);
            assertThat(f.toByteArray()).isEqualTo("hello".getBytes());
            assertThat(f.contentEquals("hello".getBytes())).isTrue();
            assertThat(f.contentEquals("hellO".getBytes())).isFalse();
            assertThat(f.contentEquals("hell".getBytes())).isFalse();
            assertThat(f.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(f.toString()).isEqualTo("hello");
            assertThat(b.readerIndex()).isEqualTo(2);
            assertThat(f.content()).isSameAs(b);
        } finally {
            f.release();
        }
        assertThat(b.refCnt()).isZero();
    }

    @Test
    void shouldPrintBinaryAsHex() {
        Frame f = new Frame(Unpooled.wrappedBuffer(new byte[] {'a', 0x7f, (byte) 0x80}));

        assertThat(f.toString()).isEqualTo("0x617f80");
        assertThat(new Frame(Unpooled.EMPTY_BUFFER).isEmpty()).isTrue();
        assertThat(new Frame(Unpooled.EMPTY_BUFFER).toString()).isEmpty();
    }
}
