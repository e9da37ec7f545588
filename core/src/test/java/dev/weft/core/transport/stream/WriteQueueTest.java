package dev.weft.core.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write queue alone, against a channel that takes a few octets per call: order, partial writes,
 * copying small bodies and gathering large ones, and giving every buffer back.
 */
class WriteQueueTest {
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(true);
    private final WriteQueue queue = new WriteQueue(allocator);

    @AfterEach
    void releaseAll() {
        queue.releaseAll();
        assertThat(allocator.metric().usedDirectMemory()).as("copy buffers given back").isZero();
    }

    @Test
    void shouldHoldNoBufferWhileEmpty() throws IOException {
        assertThat(queue.isEmpty()).isTrue();
        assertThat(allocator.metric().usedDirectMemory()).isZero();

        queue.buffer().writeBytes(new byte[] {1, 2, 3});
        assertThat(queue.pendingBytes()).isEqualTo(3);
        assertThat(queue.writeTo(new SlowChannel(100))).isTrue();

        assertThat(queue.isEmpty()).isTrue();
        assertThat(allocator.metric().usedDirectMemory())
                .as("an idle connection keeps no write buffer")
                .isZero();
    }

    @Test
    void shouldCopySmallBodiesAndGatherLargeOnesInOrder() throws IOException {
        byte[] small = filled(100, 's');
        byte[] large = filled(WriteQueue.GATHER_THRESHOLD, 'L');
        ByteBuf smallBody = Unpooled.wrappedBuffer(small.clone());
        ByteBuf largeBody = Unpooled.wrappedBuffer(large.clone());
        try {
            queue.buffer().writeByte('a');
            queue.writeBody(smallBody);
            queue.buffer().writeByte('b');
            queue.writeBody(largeBody);
            queue.buffer().writeByte('c');

            assertThat(smallBody.refCnt()).as("a small body is copied").isOne();
            assertThat(largeBody.refCnt())
                    .as("a large body is kept as a retained slice")
                    .isEqualTo(2);
            assertThat(smallBody.readableBytes()).as("not consumed").isEqualTo(100);
            smallBody.setByte(0, 'X');
            assertThat(queue.pendingBytes()).isEqualTo(3 + small.length + large.length);

            SlowChannel channel = new SlowChannel(1000);
            int calls = 0;
            while (!queue.writeTo(channel)) {
                calls++;
                assertThat(calls).as("bounded").isLessThan(100);
            }

            byte[] expected =
                    concat(new byte[] {'a'}, small, new byte[] {'b'}, large, new byte[] {'c'});
            assertThat(channel.written()).isEqualTo(expected);
            assertThat(calls).as("partial writes resumed").isPositive();
            assertThat(largeBody.refCnt()).as("the slice was released once written").isOne();
            assertThat(queue.isEmpty()).isTrue();
        } finally {
            smallBody.release();
            largeBody.release();
        }
    }

    @Test
    void shouldGatherMoreSegmentsThanOneWriteTakes() throws IOException {
        ByteBuf[] bodies = new ByteBuf[70];
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < bodies.length; i++) {
            byte[] b = filled(WriteQueue.GATHER_THRESHOLD, (char) ('0' + i % 10));
            bodies[i] = Unpooled.wrappedBuffer(b);
            queue.writeBody(bodies[i]);
            expected.writeBytes(b);
        }
        try {
            SlowChannel channel = new SlowChannel(Integer.MAX_VALUE);

            assertThat(queue.writeTo(channel)).isTrue();

            assertThat(channel.written()).isEqualTo(expected.toByteArray());
            assertThat(channel.calls).as("64 segments per gathering write").isEqualTo(2);
            for (ByteBuf b : bodies) {
                assertThat(b.refCnt()).isOne();
            }
        } finally {
            for (ByteBuf b : bodies) {
                b.release();
            }
        }
    }

    @Test
    void shouldReleaseWhatIsQueuedWhenTheConnectionCloses() {
        ByteBuf large = Unpooled.wrappedBuffer(filled(WriteQueue.GATHER_THRESHOLD * 2, 'q'));
        try {
            queue.buffer().writeBytes(new byte[10]);
            queue.writeBody(large);

            queue.releaseAll();

            assertThat(large.refCnt()).isOne();
            assertThat(queue.isEmpty()).isTrue();
        } finally {
            large.release();
        }
    }

    @Test
    void shouldPassAWriteFailureOn() {
        queue.buffer().writeByte(1);
        GatheringByteChannel broken =
                new SlowChannel(0) {
                    @Override
                    public int write(ByteBuffer src) throws IOException {
                        throw new IOException("Broken pipe");
                    }
                };

        assertThatThrownBy(() -> queue.writeTo(broken))
                .isInstanceOf(IOException.class)
                .hasMessage("Broken pipe");
        assertThat(queue.pendingBytes()).as("nothing lost from the queue's count").isOne();
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A channel that takes at most a given number of octets per call and keeps them. */
    private static class SlowChannel implements GatheringByteChannel {
        private final int perCall;
        private final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        int calls;

        SlowChannel(int perCall) {
            this.perCall = perCall;
        }

        byte[] written() {
            return taken.toByteArray();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            calls++;
            long left = perCall;
            long done = 0;
            for (int i = offset; i < offset + length && left > 0; i++) {
                int n = (int) Math.min(left, srcs[i].remaining());
                byte[] b = new byte[n];
                srcs[i].get(b);
                taken.writeBytes(b);
                left -= n;
                done += n;
            }
            return done;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
