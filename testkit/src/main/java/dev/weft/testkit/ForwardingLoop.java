package dev.weft.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Forwards one direction of a {@link ProxiedConnection}: reads chunks from one socket and writes
 * them to the other, applying that direction's {@link LinkFaults}.
 *
 * <p>A delay line: each chunk is stamped with the time it was read and written no earlier than that
 * time plus the latency, so latency delays bytes without lowering throughput. The bandwidth cap is
 * a pacing clock: at most one 20 ms slice of the cap is written at a time, and the next write waits
 * until the slice's time has passed. While paused it neither reads nor writes, so the sender's
 * kernel buffers fill and it feels back-pressure. At most {@link #MAX_QUEUED_BYTES} wait in the
 * line; past that it stops reading, for the same reason.
 *
 * <p>Runs on its own thread until the connection closes or the source ends and the line is empty;
 * every step blocks at most {@link #MAX_STEP_MS} ms (reads) or as long as a write into a full
 * socket takes (closing the connection ends that write). On end of stream it half-closes the
 * destination; on an I/O error it resets the whole connection.
 */
final class ForwardingLoop implements Runnable {
    static final int CHUNK_BYTES = 16 * 1024;
    static final int MAX_QUEUED_BYTES = 256 * 1024;
    static final int MAX_STEP_MS = 50;

    private static final long PAUSE_POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long SLICES_PER_SECOND = 50;
    private static final long NONE = Long.MAX_VALUE;

    private final ProxiedConnection connection;
    private final Socket from;
    private final Socket to;
    private final LinkFaults faults;
    private final ArrayDeque<Chunk> line = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[CHUNK_BYTES];
    private int queuedBytes;
    private boolean endOfStream;
    private long nextWriteNs = System.nanoTime();

    /** Bytes read at one time, due to be written at {@code dueNs}. */
    private static final class Chunk {
        final byte[] bytes;
        final long dueNs;
        int offset;

        Chunk(byte[] bytes, long dueNs) {
            this.bytes = bytes;
            this.dueNs = dueNs;
        }

        int remaining() {
            return bytes.length - offset;
        }
    }

    ForwardingLoop(ProxiedConnection connection, Socket from, Socket to, LinkFaults faults) {
        this.connection = connection;
        this.from = from;
        this.to = to;
        this.faults = faults;
    }

    @Override
    public void run() {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (!connection.isClosed()) {
                if (faults.paused()) {
                    LockSupport.parkNanos(PAUSE_POLL_NS);
                    continue;
                }
                long waitNs = writeStep(out, System.nanoTime());
                if (waitNs == 0) {
                    continue;
                }
                if (endOfStream) {
                    if (line.isEmpty()) {
                        to.shutdownOutput();
                        return;
                    }
                    park(waitNs);
                } else if (queuedBytes >= MAX_QUEUED_BYTES) {
                    park(waitNs);
                } else {
                    readStep(in, waitNs);
                }
            }
        } catch (IOException e) {
            connection.failed(e);
        } finally {
            connection.loopEnded();
        }
    }

    /**
     * Writes what is due, one piece.
     *
     * @return 0 after a write; else nanoseconds until something may be written, or {@link #NONE}
     */
    private long writeStep(OutputStream out, long nowNs) throws IOException {
        Chunk head = line.peekFirst();
        if (head == null) {
            return NONE;
        }
        if (head.dueNs - nowNs > 0) {
            return head.dueNs - nowNs;
        }
        long rate = faults.bytesPerSecond();
        int length = head.remaining();
        if (rate > 0) {
            if (nextWriteNs - nowNs > 0) {
                return nextWriteNs - nowNs;
            }
            length = (int) Math.min(length, Math.max(1, rate / SLICES_PER_SECOND));
            nextWriteNs = nowNs + TimeUnit.SECONDS.toNanos(1) * length / rate;
        }
        out.write(head.bytes, head.offset, length);
        out.flush();
        head.offset += length;
        queuedBytes -= length;
        if (head.remaining() == 0) {
            line.removeFirst();
        }
        return 0;
    }

    private void readStep(InputStream in, long waitNs) throws IOException {
        long waitMs = TimeUnit.NANOSECONDS.toMillis(waitNs);
        from.setSoTimeout((int) Math.max(1, Math.min(MAX_STEP_MS, waitMs)));
        int n;
        try {
            n = in.read(readBuffer);
        } catch (SocketTimeoutException e) {
            return;
        }
        if (n < 0) {
            endOfStream = true;
            return;
        }
        if (n > 0) {
            line.addLast(
                    new Chunk(
                            Arrays.copyOf(readBuffer, n), System.nanoTime() + faults.latencyNs()));
            queuedBytes += n;
        }
    }

    private static void park(long waitNs) {
        LockSupport.parkNanos(
                Math.max(1, Math.min(waitNs, TimeUnit.MILLISECONDS.toNanos(MAX_STEP_MS))));
    }
}
