package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Building messages, frame order, ownership and release. */
class MessageTest {

    @Test
    void shouldBuildFromStrings() {
        try (Message m = Message.of("", "hello", "wörld")) {
            assertThat(m.size()).isEqualTo(3);
            assertThat(m.strings()).containsExactly("", "hello", "wörld");
            assertThat(m.frame(0).isEmpty()).isTrue();
            assertThat(m.frame(2).toByteArray())
                    .isEqualTo("wörld".getBytes(StandardCharsets.UTF_8));
            assertThat(m.byteSize()).isEqualTo(0 + 5 + 6);
        }
    }

    @Test
    void shouldWrapByteArraysWithoutCopying() {
        byte[] a = {1, 2, 3};
        byte[] empty = {};
        try (Message m = Message.of(a, empty)) {
            a[0] = 9;

            assertThat(m.frame(0).toByteArray()).containsExactly(9, 2, 3);
            assertThat(m.frame(1).isEmpty()).isTrue();
            assertThat(m.byteSize()).isEqualTo(3);
        }
    }

    @Test
    void shouldWrapBuffersTakingOverOneReference() {
        ByteBuf a = pooled("a");
        ByteBuf b = pooled("bb");

        Message m = Message.wrap(a, b);
        assertThat(m.strings()).containsExactly("a", "bb");
        assertThat(a.refCnt()).isOne();

        m.close();
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
    }

    @Test
    void shouldReleaseEveryFrameExactlyOnceEvenWhenClosedTwice() {
        List<ByteBuf> buffers = new ArrayList<>();
        Message m = new Message();
        for (int i = 0; i < 10; i++) {
            ByteBuf b = pooled("frame-" + i);
            b.retain(); // the test's own reference, to see the message's release
            buffers.add(b);
            if (i % 2 == 0) {
                m.add(b);
            } else {
                m.addFirst(b);
            }
        }
        try {
            m.close();
            assertThat(buffers).allSatisfy(b -> assertThat(b.refCnt()).isOne());
            assertThat(m.size()).isZero();
            assertThat(m.isEmpty()).isTrue();

            assertThatCode(m::close).doesNotThrowAnyException();
            assertThat(buffers).allSatisfy(b -> assertThat(b.refCnt()).isOne());
        } finally {
            buffers.forEach(ByteBuf::release);
        }
        assertThat(buffers).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void shouldHandOwnershipOfARemovedFrameToTheCaller() {
        ByteBuf id = pooled("peer-7");
        ByteBuf body = pooled("payload");
        Message m = Message.wrap(id, body);

        Frame first = m.removeFirst();
        m.close();

        assertThat(body.refCnt()).isZero();
        assertThat(id.refCnt()).as("the removed frame is not released by close").isOne();
        assertThat(first.toString()).isEqualTo("peer-7");
        first.release();
        assertThat(id.refCnt()).isZero();
    }

    @Test
    void shouldKeepOrderAcrossAddFirstAndRemoveFirst() {
        try (Message m = Message.of("b", "c")) {
            m.addFirst(Unpooled.wrappedBuffer("a".getBytes()));
            m.add("d");
            m.addFirst(new Frame(Unpooled.wrappedBuffer("0".getBytes())));

            assertThat(m.strings()).containsExactly("0", "a", "b", "c", "d");
            Frame f = m.removeFirst();
            assertThat(f.toString()).isEqualTo("0");
            f.release();
            assertThat(m.strings()).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    void shouldMatchADequeUnderManyMixedOperations() {
        Random random = new Random(37);
        for (int run = 0; run < 600; run++) {
            ArrayDeque<String> expected = new ArrayDeque<>();
            List<ByteBuf> all = new ArrayList<>();
            Message m =
                    switch (run % 3) {
                        case 0 -> new Message();
                        case 1 -> new Message(random.nextInt(4));
                        default -> Message.withHeadroom(random.nextInt(3), random.nextInt(4));
                    };
            int ops = 1 + random.nextInt(60);
            for (int i = 0; i < ops; i++) {
                String text = run + "." + i;
                int op = random.nextInt(10);
                if (op < 4) {
                    ByteBuf b = pooled(text);
                    all.add(b);
                    m.add(b);
                    expected.addLast(text);
                } else if (op < 8) {
                    ByteBuf b = pooled(text);
                    all.add(b);
                    m.addFirst(b);
                    expected.addFirst(text);
                } else if (!expected.isEmpty()) {
                    Frame f = m.removeFirst();
                    assertThat(f.toString()).isEqualTo(expected.removeFirst());
                    f.release();
                }
                assertThat(m.size()).isEqualTo(expected.size());
            }
            assertThat(m.strings()).as("run %d", run).containsExactlyElementsOf(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(m.frame(i).toString()).isEqualTo(List.copyOf(expected).get(i));
            }
            m.close();
            assertThat(all).as("run %d", run).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        }
    }

    @Test
    void shouldPrependIntoHeadroomAndAppendAfterIt() {
        try (Message m = Message.withHeadroom(1, 1)) {
            assertThat(m.isEmpty()).isTrue();
            m.add("body");
            m.addFirst(Unpooled.wrappedBuffer("id".getBytes()));
            m.add("more");
            m.addFirst(Unpooled.wrappedBuffer("outer".getBytes()));

            assertThat(m.strings()).containsExactly("outer", "id", "body", "more");
        }
    }

    @Test
    void shouldRefuseNegativeHeadroomOrFrameCounts() {
        assertThatThrownBy(() -> Message.withHeadroom(-1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("withHeadroom: headroom -1, expectedFrames 1 (expected: both >= 0)");
        assertThatThrownBy(() -> Message.withHeadroom(1, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expectedFrames -2");
        assertThatThrownBy(() -> new Message(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expectedFrames: -1 (expected: >= 0)");
    }

    @Test
    void shouldNameTheBadIndexAndTheRange() {
        try (Message m = Message.of("a", "b", "c")) {
            assertThatThrownBy(() -> m.frame(3))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("frame index: 3 (expected: 0..2)");
            assertThatThrownBy(() -> m.frame(-1))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("frame index: -1 (expected: 0..2)");
        }
    }

    @Test
    void shouldSayAnEmptyMessageHasNoFrames() {
        try (Message m = new Message()) {
            assertThatThrownBy(() -> m.frame(0))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("frame index: 0")
                    .hasMessageContaining("no frames")
                    .hasMessageNotContaining("0..-1");
            assertThatThrownBy(m::removeFirst)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("removeFirst: the message has no frames");
        }
    }

    @Test
    void shouldPrintShortFramesAndSizesOfLongOnes() {
        try (Message m = Message.of("hi", "x".repeat(65))) {
            m.add(new byte[] {0, 1});

            assertThat(m.toString()).isEqualTo("Message[hi, 65 bytes, 0x0001]");
        }
    }

    private static ByteBuf pooled(String text) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer();
        b.writeCharSequence(text, StandardCharsets.UTF_8);
        return b;
    }

    @Test
    void shouldCarryPropertiesThatAreNotFrames() {
        Metadata peer = Metadata.builder().put(Metadata.SOCKET_TYPE, "DEALER").build();
        try (Message m = Message.of("body").routingId(-2).group("weather.eu").metadata(peer);
                Message copy = m.retainedDuplicate()) {
            assertThat(m.size()).as("properties are not frames").isOne();
            assertThat(Integer.toUnsignedString(m.routingId())).isEqualTo("4294967294");
            assertThat(copy.routingId()).isEqualTo(-2);
            assertThat(copy.group()).isEqualTo("weather.eu");
            assertThat(copy.metadata().socketType()).isEqualTo("DEALER");
        }
        try (Message plain = new Message()) {
            assertThat(plain.routingId()).isZero();
            assertThat(plain.group()).isNull();
            assertThat(plain.metadata()).isSameAs(Metadata.EMPTY);
        }
    }

    @Test
    void shouldRefuseARoutingIdOfZeroAndGroupsOutsideRfc48() {
        try (Message m = new Message()) {
            assertThatThrownBy(() -> m.routingId(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("routingId: 0 (expected: a non-zero");
            assertThatThrownBy(() -> m.group(""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("group: '' (0 octets) (expected: 1..255 octets of UTF-8)");
            assertThatThrownBy(() -> m.group(null)).hasMessageStartingWith("group: null");
            assertThatThrownBy(() -> m.group("é".repeat(128)))
                    .as("128 characters, 256 octets")
                    .hasMessageContaining("(256 octets)");
            assertThat(m.group("g".repeat(255)).group()).hasSize(255);
        }
    }
}
