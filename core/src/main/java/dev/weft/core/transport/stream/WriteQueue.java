package dev.weft.core.transport.stream;

import dev.weft.core.session.ZmtpSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * Bytes waiting to be written to one connection: headers and small bodies are copied into pooled
 * direct buffers, large bodies are queued as retained slices and written with one gathering write
 * (no copy, no syscall per message).
 *
 * <p>Owned by one I/O thread; not thread-safe.
 */
public final class WriteQueue implements ZmtpSession.Output {
    /** Bodies at least this large are gathered instead of copied. */
    public static final int GATHER_THRESHOLD = 16 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_GATHER = 64;

    private final ByteBufAllocator allocator;
    private final ArrayDeque<ByteBuf> segments = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private ByteBuf current;
    private long pendingBytes;

    /**
     * Creates an empty queue; it holds no buffer until something is written.
     *
     * @param allocator where copy buffers come from
     */
    public WriteQueue(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Returns the buffer to copy small data into; what is written there is queued.
     *
     * @return the current copy buffer
     */
    @Override
    public ByteBuf buffer() {
        if (current == null) {
            current = allocator.directBuffer(BUFFER_SIZE);
        }
        return current;
    }

    /**
     * Queues a frame body: copied when small, a retained slice gathered into the write when it has
     * at least {@link #GATHER_THRESHOLD} octets.
     *
     * @param body its readable bytes; not consumed, the caller keeps ownership
     */
    @Override
    public void writeBody(ByteBuf body) {
        int size = body.readableBytes();
        if (size >= GATHER_THRESHOLD) {
            addLarge(body.retainedSlice());
        } else {
            buffer().writeBytes(body, body.readerIndex(), size);
        }
    }

    /**
     * Queues a large body after everything copied so far.
     *
     * @param body taken over (the queue releases it once written)
     */
    public void addLarge(ByteBuf body) {
        seal();
        pendingBytes += body.readableBytes();
        segments.add(body);
    }

    /**
     * Returns the bytes waiting to be written.
     *
     * @return queued bytes
     */
    public long pendingBytes() {
        return pendingBytes + (current == null ? 0 : current.readableBytes());
    }

    /**
     * Tells whether nothing waits to be written.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return pendingBytes() == 0;
    }

    /**
     * Writes as much as the channel takes.
     *
     * @param channel the connection
     * @return true when everything was written
     * @throws IOException when the write fails
     */
    public boolean writeTo(GatheringByteChannel channel) throws IOException {
        seal();
        while (!segments.isEmpty()) {
            int n = 0;
            long expected = 0;
            for (ByteBuf b : segments) {
                if (n == MAX_GATHER) {
                    break;
                }
                gather[n++] = nioBufferOf(b);
                expected += b.readableBytes();
            }
            long written = n == 1 ? channel.write(gather[0]) : channel.write(gather, 0, n);
            java.util.Arrays.fill(gather, 0, n, null);
            consume(written);
            if (written < expected) {
                return false;
            }
        }
        return true;
    }

    /**
     * A view of a segment's readable bytes. Large bodies may be slices of a buffer that other
     * connections write at the same time (PUB fan-out shares one message among its subscribers,
     * possibly on several I/O threads): they get a view of their own, since {@code
     * internalNioBuffer} reuses one cached view per underlying buffer. Our own copy buffers use the
     * cached one, which allocates nothing.
     */
    private static ByteBuffer nioBufferOf(ByteBuf b) {
        return b.readableBytes() >= GATHER_THRESHOLD
                ? b.nioBuffer(b.readerIndex(), b.readableBytes())
                : b.internalNioBuffer(b.readerIndex(), b.readableBytes());
    }

    /** Releases everything queued. */
    public void releaseAll() {
        ByteBuf b;
        while ((b = segments.poll()) != null) {
            b.release();
        }
        if (current != null) {
            current.release();
            current = null;
        }
        pendingBytes = 0;
    }

    private void consume(long written) {
        pendingBytes -= written;
        while (written > 0) {
            ByteBuf b = segments.peek();
            int n = b.readableBytes();
            if (written >= n) {
                written -= n;
                segments.poll().release();
            } else {
                b.skipBytes((int) written);
                written = 0;
            }
        }
    }

    private void seal() {
        if (current != null && current.isReadable()) {
            pendingBytes += current.readableBytes();
            segments.add(current);
            current = null;
        }
    }
}
