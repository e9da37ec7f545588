package dev.weft.core.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class LeakRecorderTest {
    @Test
    void shouldReportABufferThatWasNeverReleased() {
        leakOneBuffer();
        assertThat(LeakRecorder.collect()).hasSize(1).first().asString().contains("LEAK");
    }

    @Test
    void shouldReportNothingWhenEveryBufferIsReleased() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        b.writeLong(42);
        b.release();
        assertThat(LeakRecorder.collect()).isEmpty();
    }

    private static void leakOneBuffer() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        b.writeLong(7);
    }
}
