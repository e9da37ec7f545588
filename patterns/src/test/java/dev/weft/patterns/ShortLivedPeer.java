package dev.weft.patterns;

import dev.weft.core.Metadata;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.FrameEncoder;
import dev.weft.core.zmtp.Greeting;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A raw TCP peer that says its piece and leaves: greeting, READY and a few messages in one write,
 * then it ends its side and reads until the socket closes the connection too.
 */
final class ShortLivedPeer {
    /** Longest wait for the socket to close the connection. */
    private static final int READ_TIMEOUT_MS = 10_000;

    /** Upper bound of reads per connection: far more than a greeting, READY and ERROR take. */
    private static final int MAX_READS = 1_000;

    private ShortLivedPeer() {}

    /**
     * Encodes a valid ZMTP 3.1 greeting, a READY announcing the socket type, and one one-frame
     * message per body.
     */
    static byte[] handshakeAndMessages(String socketType, String... bodies) {
        ByteBuf out = Unpooled.buffer();
        try {
            Greeting.write("NULL", false, out);
            Commands.writeReady(
                    Metadata.builder().put(Metadata.SOCKET_TYPE, socketType).build(), out);
            for (String body : bodies) {
                byte[] payload = body.getBytes(StandardCharsets.UTF_8);
                FrameEncoder.writeHeader(0, payload.length, out);
                out.writeBytes(payload);
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** The address of a concrete {@code tcp://host:port} endpoint. */
    static InetSocketAddress address(String endpoint) {
        URI uri = URI.create(endpoint);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    /**
     * Connects, writes the bytes, ends this side and reads until the socket closes its side.
     *
     * @return true when the socket closed the connection, false when it reset it
     * @throws IOException when the connection cannot be made, or stays open past the timeout
     */
    static boolean sendAndLeave(InetSocketAddress address, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int i = 0; i < MAX_READS; i++) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketException reset) {
                    return false;
                }
                if (n < 0) {
                    return true;
                }
            }
            throw new IOException("the socket kept sending after " + MAX_READS + " reads");
        }
    }
}
