package dev.weft.core.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.io.IoThread;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream connection over a real loopback TCP pair: one end wrapped in the connection on an I/O
 * thread, the other a blocking channel driven by the test. The allocator is unpooled, so that its
 * direct-memory figure counts exactly the buffers alive.
 */
@Timeout(60)
class StreamConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(true);
    private IoThread ioThread;
    private SocketChannel peer;
    private StreamConnection connection;
    private final Recorder handler = new Recorder();

    @BeforeEach
    void connect() throws Exception {
        ioThread = new IoThread("stream-connection-test");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            peer = SocketChannel.open(server.getLocalAddress());
            SocketChannel accepted = server.accept();
            accepted.configureBlocking(false);
            connection = new StreamConnection(ioThread, accepted, allocator);
        }
        onIoThread(
                () -> {
                    connection.start(handler);
                    return null;
                });
    }

    @AfterEach
    void close() throws Exception {
        onIoThread(
                () -> {
                    connection.close();
                    return null;
                });
        peer.close();
        ioThread.shutdown(5_000);
        assertThat(allocator.metric().usedDirectMemory()).as("buffers alive after close").isZero();
    }

    @Test
    void shouldHandOverWhatArrivesAndKeepAnIncompleteTailForTheNextRead() throws Exception {
        handler.unit = 4;

        write("abcdef");
        await().atMost(WAIT).until(() -> handler.text().equals("abcd"));
        write("gh");

        await().atMost(WAIT).until(() -> handler.text().equals("abcdefgh"));
        assertThat(onIoThread(connection::bytesReceived)).isEqualTo(8);
    }

    @Test
    void shouldHoldNoReadBufferOnceEverythingWasConsumed() throws Exception {
        write("abcd");
        await().atMost(WAIT).until(() -> handler.text().equals("abcd"));

        await().atMost(WAIT).until(() -> allocator.metric().usedDirectMemory() == 0);
    }

    @Test
    void shouldKeepARetainedSliceIntactWhileMoreArrives() throws Exception {
        handler.retainFirst = true;

        write("first");
        await().atMost(WAIT).until(() -> handler.retained != null);
        write("second");
        await().atMost(WAIT).until(() -> handler.text().equals("firstsecond"));

        assertThat(onIoThread(() -> handler.retained.toString(StandardCharsets.US_ASCII)))
                .isEqualTo("first");
        onIoThread(handler.retained::release);
        await().atMost(WAIT).until(() -> allocator.metric().usedDirectMemory() == 0);
    }

    @Test
    void shouldReportTheEndOfTheStream() throws Exception {
        peer.close();

        await().atMost(WAIT).until(() -> handler.ended.contains("peer closed the connection"));
    }

    @Test
    void shouldHandOverBufferedBytesOnResumeAndReadAgain() throws Exception {
        handler.unit = 4;
        handler.pauseAfterUnits = 1;

        write("abcdefgh");
        await().atMost(WAIT).until(() -> handler.text().equals("abcd"));
        handler.pauseAfterUnits = 0;
        onIoThread(
                () -> {
                    connection.resumeReading();
                    return null;
                });
        await().atMost(WAIT).until(() -> handler.text().equals("abcdefgh"));
        write("ijkl");

        await().atMost(WAIT).until(() -> handler.text().equals("abcdefghijkl"));
    }

    @Test
    void shouldWriteEverythingAcrossPartialWrites() throws Exception {
        byte[] data = new byte[8 * 1024 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        onIoThread(
                () -> {
                    WriteQueue q = connection.writeQueue();
                    q.buffer().writeBytes(data, 0, 100);
                    q.writeBody(Unpooled.wrappedBuffer(data, 100, data.length - 100));
                    connection.flush();
                    return null;
                });

        ByteBuffer received = ByteBuffer.allocate(data.length);
        while (received.hasRemaining()) {
            assertThat(peer.read(received)).isPositive();
        }

        assertThat(received.array()).isEqualTo(data);
        assertThat(handler.writable.get()).as("the channel blocked at least once").isPositive();
        await().atMost(WAIT).until(() -> !onIoThread(connection::writeBlocked));
        await().atMost(WAIT).until(() -> allocator.metric().usedDirectMemory() == 0);
    }

    @Test
    void shouldKeepWaitingForWritabilityWhenFlushedAgainWhileBlocked() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024];
        onIoThread(
                () -> {
                    connection.writeQueue().writeBody(Unpooled.wrappedBuffer(data));
                    connection.flush();
                    return null;
                });
        assertThat(onIoThread(connection::writeBlocked)).as("blocked by the full channel").isTrue();
        AtomicLong received = new AtomicLong();
        Thread reader =
                new Thread(
                        () -> {
                            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                            try {
                                while (received.get() < data.length) {
                                    b.clear();
                                    received.addAndGet(peer.read(b));
                                }
                            } catch (IOException e) {
                                handler.failures.add(e);
                            }
                        });
        reader.start();

        // Flushes from elsewhere while blocked (a heartbeat's PING does this), as the peer drains.
        for (int i = 0; i < 2_000 && received.get() < data.length; i++) {
            ioThread.execute(
                    () -> {
                        try {
                            connection.flush();
                        } catch (IOException e) {
                            handler.failures.add(e);
                        }
                    });
        }

        await().atMost(WAIT).until(() -> received.get() == data.length);
        reader.join(WAIT.toMillis());
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(onIoThread(connection::writeBlocked))
                                        .as("unblocked by the writable event, which came")
                                        .isFalse());
        assertThat(handler.writable.get()).isPositive();
        assertThat(handler.failures).isEmpty();
    }

    @Test
    void shouldCloseTheChannelAndReleaseWhatWasQueued() throws Exception {
        onIoThread(
                () -> {
                    connection.writeQueue().buffer().writeBytes(new byte[100]);
                    connection.close();
                    connection.close();
                    return null;
                });

        assertThat(onIoThread(connection::isClosed)).isTrue();
        assertThat(peer.read(ByteBuffer.allocate(10))).isEqualTo(-1);
        assertThat(allocator.metric().usedDirectMemory()).isZero();
    }

    private void write(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            peer.write(b);
        }
    }

    private <T> T onIoThread(Callable<T> task) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        ioThread.execute(
                () -> {
                    try {
                        f.complete(task.call());
                    } catch (Throwable t) {
                        f.completeExceptionally(t);
                    }
                });
        return f.get(10, TimeUnit.SECONDS);
    }

    /** Records what the connection reports; consumes in units, and can pause or retain. */
    private final class Recorder implements StreamConnection.Handler {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> ended = new CopyOnWriteArrayList<>();
        final AtomicInteger writable = new AtomicInteger();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        volatile int unit = 1;
        volatile int pauseAfterUnits;
        volatile boolean retainFirst;
        volatile ByteBuf retained;

        synchronized String text() {
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void received(ByteBuf in) {
            if (retainFirst && retained == null) {
                ByteBuf slice = in.readRetainedSlice(in.readableBytes());
                synchronized (this) {
                    bytes.writeBytes(ByteBufUtil.getBytes(slice));
                }
                retained = slice;
                return;
            }
            int units = 0;
            while (in.readableBytes() >= unit) {
                byte[] b = new byte[unit];
                in.readBytes(b);
                synchronized (this) {
                    bytes.writeBytes(b);
                }
                units++;
                if (pauseAfterUnits > 0 && units == pauseAfterUnits) {
                    connection.pauseReading();
                    return;
                }
            }
        }

        @Override
        public long bytesWanted() {
            return 0;
        }

        @Override
        public void writable() {
            writable.incrementAndGet();
            try {
                connection.flush();
            } catch (IOException e) {
                failures.add(e);
            }
        }

        @Override
        public void ended(String reason) {
            ended.add(reason);
            connection.close();
        }

        @Override
        public void failed(Throwable failure) {
            failures.add(failure);
            connection.close();
        }
    }
}
