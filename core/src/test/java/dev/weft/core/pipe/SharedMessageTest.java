package dev.weft.core.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SharedMessageTest {
    @Test
    void shouldCloseTheMessageWithTheLastShareOnly() {
        ByteBuf body = Unpooled.directBuffer(8).writeLong(42);
        SharedMessage shared = new SharedMessage(Message.wrap(body), 3);

        assertThat(shared.release()).isFalse();
        assertThat(shared.release()).isFalse();
        assertThat(body.refCnt()).as("still held by one share").isEqualTo(1);
        assertThat(shared.message().frame(0).content().getLong(0)).isEqualTo(42);

        assertThat(shared.release()).isTrue();
        assertThat(body.refCnt()).isZero();
        assertThat(shared.shares()).isZero();
    }

    @Test
    void shouldRefuseAReleaseBeyondItsShares() {
        SharedMessage shared = new SharedMessage(Message.of("once"), 1);
        assertThat(shared.release()).isTrue();
        assertThatThrownBy(shared::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseFewerThanOneShare() {
        Message m = Message.of("none");
        assertThatThrownBy(() -> new SharedMessage(m, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shares: 0");
        m.close();
    }
}
