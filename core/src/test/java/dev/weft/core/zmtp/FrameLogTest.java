package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/**
 * The frame log must never disturb the frames it describes. (Its text is not checked here: the core
 * module does not read {@code java.logging}, so the test cannot turn TRACE on.)
 */
class FrameLogTest {

    @Test
    void shouldLeaveFramesUntouched() {
        FrameLog log = new FrameLog("127.0.0.1:40112");
        ByteBuf hello = Hex.buf("68656c6c6f");
        ByteBuf big = Hex.buf("ab".repeat(40));

        log.sent(FrameFlags.MORE, hello);
        log.received(FrameFlags.COMMAND, big);
        log.received(0, Hex.buf(""));

        assertThat(hello.readerIndex()).isZero();
        assertThat(hello.readableBytes()).isEqualTo(5);
        assertThat(big.readableBytes()).isEqualTo(40);
        assertThat(hello.refCnt()).isOne();
    }
}
