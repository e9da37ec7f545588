package dev.weft.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A plain TCP connection behind {@link BenchSocket}: the physical reference with no messaging
 * layer. A "message" is {@code sizeBytes} bytes written with blocking NIO writes of that size into
 * direct buffers; the end marker is a half-close ({@code shutdownOutput}), seen by the reader as
 * end of stream. TCP_NODELAY is on, as every ZeroMQ implementation sets it.
 *
 * <p>Blocking channels give the lowest latency floor (no selector); a {@link StallWatchdog} closes
 * the channels when no read or write completes within the stall timeout, which turns into a -1
 * return (receive) or a {@link BenchFailure} (send).
 */
public final class RawTcpBenchSocket implements BenchSocket {
    private final int sizeBytes;
    private final ByteBuffer readBuffer;
    private final ByteBuffer writeBuffer;
    private final StallWatchdog watchdog;
    private ServerSocketChannel listener;
    private SocketChannel channel;
    private boolean outputShut;

    /**
     * Creates an unconnected raw socket.
     *
     * @param sizeBytes the fixed message size
     * @param stallTimeoutMs longest time any accept, read or write may take
     */
    public RawTcpBenchSocket(int sizeBytes, long stallTimeoutMs) {
        this.sizeBytes = sizeBytes;
        this.readBuffer = ByteBuffer.allocateDirect(sizeBytes);
        this.writeBuffer = ByteBuffer.allocateDirect(sizeBytes);
        this.watchdog = new StallWatchdog(stallTimeoutMs, this::closeQuietly);
    }

    @Override
    public String bind(String endpoint) {
        InetSocketAddress wanted = parse(endpoint);
        try {
            listener = ServerSocketChannel.open();
            listener.bind(wanted);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            return "tcp://" + wanted.getHostString() + ":" + port;
        } catch (IOException e) {
            throw new UncheckedIOException("bind " + endpoint, e);
        }
    }

    @Override
    public void connect(String endpoint) {
        try {
            setUp(SocketChannel.open(parse(endpoint)));
        } catch (IOException e) {
            throw new UncheckedIOException("connect " + endpoint, e);
        }
    }

    @Override
    public boolean send(byte[] payload) {
        ensureAccepted();
        try {
            if (payload.length == 0) {
                channel.shutdownOutput();
                outputShut = true;
                return true;
            }
            if (payload.length != sizeBytes) {
                throw new BenchFailure(
                        "SIZE_MISMATCH: raw send of "
                                + payload.length
                                + " bytes (expected: "
                                + sizeBytes
                                + ")");
            }
            writeBuffer.clear();
            writeBuffer.put(payload).flip();
            writeFully(writeBuffer);
            return true;
        } catch (IOException e) {
            if (watchdog.fired()) {
                return false;
            }
            throw new UncheckedIOException("raw send", e);
        }
    }

    @Override
    public int receive() {
        ensureAccepted();
        readBuffer.clear();
        try {
            while (readBuffer.hasRemaining()) {
                watchdog.begin();
                int n = channel.read(readBuffer);
                watchdog.end();
                if (n < 0) {
                    if (readBuffer.position() != 0) {
                        throw new BenchFailure(
                                "SIZE_MISMATCH: stream ended "
                                        + readBuffer.position()
                                        + " bytes into a "
                                        + sizeBytes
                                        + "-byte message");
                    }
                    return 0;
                }
            }
            return sizeBytes;
        } catch (IOException e) {
            if (watchdog.fired()) {
                return -1;
            }
            throw new UncheckedIOException("raw receive", e);
        }
    }

    @Override
    public int echo() {
        int n = receive();
        if (n <= 0) {
            if (n == 0 && !outputShut) {
                try {
                    channel.shutdownOutput();
                    outputShut = true;
                } catch (IOException e) {
                    throw new UncheckedIOException("raw echo of the end marker", e);
                }
            }
            return n;
        }
        readBuffer.flip();
        try {
            writeFully(readBuffer);
        } catch (IOException e) {
            if (watchdog.fired()) {
                return -1;
            }
            throw new UncheckedIOException("raw echo", e);
        }
        return n;
    }

    @Override
    public void subscribeAll() {
        throw noSubscriptions();
    }

    @Override
    public void unsubscribeAll() {
        throw noSubscriptions();
    }

    @Override
    public boolean awaitCancelAll(long waitMs) {
        throw noSubscriptions();
    }

    @Override
    public boolean awaitSubscriptions(int count) {
        throw noSubscriptions();
    }

    @Override
    public void dropWhenFull(boolean drop) {
        throw noSubscriptions();
    }

    @Override
    public void close() {
        watchdog.close();
        closeQuietly();
    }

    private static IllegalStateException noSubscriptions() {
        return new IllegalStateException("a raw TCP stream has no subscriptions or publishers");
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            watchdog.begin();
            channel.write(b);
            watchdog.end();
        }
    }

    private void ensureAccepted() {
        if (channel != null) {
            return;
        }
        if (listener == null) {
            throw new IllegalStateException("raw socket: neither bound nor connected");
        }
        try {
            watchdog.begin();
            SocketChannel c = listener.accept();
            watchdog.end();
            setUp(c);
        } catch (IOException e) {
            if (watchdog.fired()) {
                throw new BenchFailure("TIMEOUT: no raw TCP connection within the stall timeout");
            }
            throw new UncheckedIOException("raw accept", e);
        }
    }

    private void setUp(SocketChannel c) throws IOException {
        channel = c;
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            // Closing on a stall or at the end: nothing more to do with this connection.
        }
    }

    private static InetSocketAddress parse(String endpoint) {
        if (!endpoint.startsWith("tcp://")) {
            throw new IllegalArgumentException(
                    "raw endpoint: '" + endpoint + "' (expected: tcp://host:port)");
        }
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        String port = hostPort.substring(colon + 1);
        return new InetSocketAddress(
                hostPort.substring(0, colon), port.equals("*") ? 0 : Integer.parseInt(port));
    }
}
