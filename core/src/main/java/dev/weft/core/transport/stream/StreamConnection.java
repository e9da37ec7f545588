package dev.weft.core.transport.stream;

import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One byte stream on an I/O thread: the channel, its selection key and interest set, reading, the
 * {@link WriteQueue} and flushing, and pausing and resuming reads. It knows bytes and a {@link
 * Handler}, not the protocol spoken over them.
 *
 * <p>An idle connection holds no I/O buffer: the read buffer is borrowed from the allocator for a
 * read event and given back once the handler consumed everything in it (a partial unit of the
 * protocol keeps it, as do retained slices of it, which keep it alive until released), and the
 * write queue holds a buffer only while bytes wait to be written.
 *
 * <p>Owned by one I/O thread: every method must be called there.
 */
public final class StreamConnection implements IoHandler {
    /** Read buffer of a quiet connection, borrowed for a read event. */
    private static final int MIN_READ_BUFFER = 64 * 1024;

    /** Read buffer of a busy connection (one whose reads fill the buffer). */
    private static final int MAX_READ_BUFFER = 256 * 1024;

    /** Less room than this left in the read buffer: make room before reading. */
    private static final int MIN_READ_SPACE = 4 * 1024;

    private static final int MAX_READS_PER_EVENT = 16;

    /** What the connection reports, on its I/O thread. */
    public interface Handler {
        /**
         * Bytes arrived. Consume whole units from the reader index and leave an incomplete tail
         * unread; it is kept for the next call. Slices retained from {@code in} stay valid until
         * released. May pause reading or close the connection.
         *
         * @param in the read buffer; owned by the connection
         */
        void received(ByteBuf in);

        /**
         * Returns how many octets the unit being received needs in one buffer, so that the read
         * buffer can be sized for it.
         *
         * @return octets, or 0 when no unit is pending
         */
        long bytesWanted();

        /** A write that could not complete can go on: the channel takes bytes again. */
        void writable();

        /**
         * The stream ended: the peer closed it or reading failed. The connection is still open; the
         * handler closes it.
         *
         * @param reason e.g. {@code peer closed the connection}
         */
        void ended(String reason);

        /**
         * Something the handler ran from this connection threw.
         *
         * @param failure what was thrown
         */
        void failed(Throwable failure);
    }

    private final IoThread ioThread;
    private final SocketChannel channel;
    private final ByteBufAllocator allocator;
    private final WriteQueue writeQueue;
    private final String peerAddress;
    private Handler handler;
    private SelectionKey key;
    private ByteBuf readBuffer;
    private int readSize = MIN_READ_BUFFER;
    private int lastRead;
    private long bytesReceived;
    private boolean readPaused;
    private boolean writeBlocked;
    private boolean closed;

    /**
     * Wraps a connected channel; call {@link #start} next.
     *
     * @param ioThread the owning I/O thread
     * @param channel a connected, non-blocking channel; closed by {@link #close()}
     * @param allocator where read and write buffers come from
     */
    public StreamConnection(IoThread ioThread, SocketChannel channel, ByteBufAllocator allocator) {
        this.ioThread = ioThread;
        this.channel = channel;
        this.allocator = allocator;
        this.writeQueue = new WriteQueue(allocator);
        this.peerAddress = describeRemote(channel);
    }

    /**
     * Registers the channel for reading.
     *
     * @param handler told what happens from now on
     * @throws IOException when the channel cannot be registered
     */
    public void start(Handler handler) throws IOException {
        this.handler = handler;
        key = ioThread.register(channel, SelectionKey.OP_READ, this);
    }

    /**
     * Returns the remote address.
     *
     * @return e.g. {@code 127.0.0.1:40112} or {@code [::1]:40112}; for a Unix-domain socket, the
     *     path of its socket file
     */
    public String peerAddress() {
        return peerAddress;
    }

    /**
     * Returns the queue to write into; {@link #flush()} writes it.
     *
     * @return this connection's write queue
     */
    public WriteQueue writeQueue() {
        return writeQueue;
    }

    /**
     * Returns how many octets were read so far.
     *
     * @return octets received
     */
    public long bytesReceived() {
        return bytesReceived;
    }

    /**
     * Tells whether the last flush left bytes the channel did not take (they are written when it
     * becomes writable, and {@link Handler#writable()} follows).
     *
     * @return true while blocked on the channel
     */
    public boolean writeBlocked() {
        return writeBlocked;
    }

    /**
     * Tells whether this connection was closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Writes as much of the queue as the channel takes; what remains is written when the channel
     * becomes writable, and {@link Handler#writable()} follows. Does nothing once closed, or while
     * blocked: the bytes queued meanwhile go out on the writable event, which must not be lost by
     * an earlier flush emptying the queue behind its back (a heartbeat's PING, an ERROR).
     *
     * @throws IOException when the write fails
     */
    public void flush() throws IOException {
        if (closed || writeBlocked || writeQueue.isEmpty()) {
            return;
        }
        boolean all = writeQueue.writeTo(channel);
        if (!all) {
            // Blocked exactly while the selector watches for writability: only onReady clears it.
            writeBlocked = true;
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        } else if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /** Stops reading until {@link #resumeReading()}; bytes already read stay buffered. */
    public void pauseReading() {
        readPaused = true;
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    /**
     * Reads again after {@link #pauseReading()}, first handing the handler what is buffered. No
     * effect when not paused or closed.
     */
    public void resumeReading() {
        if (closed || !readPaused) {
            return;
        }
        readPaused = false;
        key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        if (readBuffer != null && readBuffer.isReadable()) {
            handler.received(readBuffer);
        }
        releaseReadBufferIfIdle();
    }

    /** Closes the channel and releases every buffer. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger(StreamConnection.class.getName())
                    .log(
                            System.Logger.Level.DEBUG,
                            "weft: closing channel to {0} failed",
                            peerAddress);
        }
        writeQueue.releaseAll();
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
    }

    // ---- IoHandler: I/O thread. ----

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            writeBlocked = false;
            handler.writable();
        }
        if (!closed && (readyOps & SelectionKey.OP_READ) != 0) {
            readAvailable();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        handler.failed(failure);
    }

    // ---- Reading. ----

    private void readAvailable() {
        try {
            for (int i = 0; i < MAX_READS_PER_EVENT && !closed && !readPaused; i++) {
                ensureReadSpace();
                int space = readBuffer.writableBytes();
                int n = readBuffer.writeBytes(channel, space);
                // Grow while reads fill the buffer; shrink again once the connection goes quiet.
                if (n == space) {
                    readSize = MAX_READ_BUFFER;
                }
                lastRead = n;
                if (n < 0) {
                    handler.ended("peer closed the connection");
                    return;
                }
                bytesReceived += n;
                if (n == 0) {
                    break;
                }
                handler.received(readBuffer);
            }
            releaseReadBufferIfIdle();
        } catch (IOException e) {
            handler.ended("I/O error: " + e.getMessage());
        }
    }

    private void ensureReadSpace() {
        long needed = handler.bytesWanted() + 9;
        int want = (int) Math.max(readSize, Math.min(needed, Integer.MAX_VALUE - 16));
        if (readBuffer == null) {
            readBuffer = allocator.directBuffer(want);
            return;
        }
        if (readBuffer.writableBytes() >= MIN_READ_SPACE && readBuffer.capacity() >= want) {
            return;
        }
        if (readBuffer.refCnt() == 1
                && readBuffer.readerIndex() > 0
                && readBuffer.capacity() >= want) {
            readBuffer.discardReadBytes();
            if (readBuffer.writableBytes() >= MIN_READ_SPACE) {
                return;
            }
        }
        // Slices of the old buffer may still be alive: move the unread tail to a fresh buffer.
        ByteBuf next =
                allocator.directBuffer(Math.max(want, readBuffer.readableBytes() + readSize));
        next.writeBytes(readBuffer);
        readBuffer.release();
        readBuffer = next;
    }

    /**
     * Gives the read buffer back once everything in it was consumed, so that an idle connection
     * holds none (the next read event borrows a new one); a buffer that still holds part of a unit
     * stays.
     */
    private void releaseReadBufferIfIdle() {
        if (readBuffer != null && !readBuffer.isReadable()) {
            if (lastRead < MIN_READ_BUFFER / 2) {
                readSize = MIN_READ_BUFFER;
            }
            readBuffer.release();
            readBuffer = null;
        }
    }

    private static String describeRemote(SocketChannel channel) {
        try {
            Object a = channel.getRemoteAddress();
            if (a instanceof InetSocketAddress inet) {
                String host = inet.getAddress().getHostAddress();
                return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
            }
            if (a instanceof UnixDomainSocketAddress unix && unix.getPath().toString().isEmpty()) {
                // An accepted Unix-domain peer has no address of its own: name the socket file
                // it came through, as the connecting side sees it.
                return String.valueOf(
                        ((UnixDomainSocketAddress) channel.getLocalAddress()).getPath());
            }
            return String.valueOf(a);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
