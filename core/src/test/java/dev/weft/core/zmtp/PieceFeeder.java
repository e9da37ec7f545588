package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a byte stream to a {@link FrameDecoder} in chosen pieces, the way the engine's read loop
 * does: every piece is appended to one read buffer and the decoder runs after each append. Every
 * body the sink receives is copied and released at once, and the read buffer is released at the
 * end, so a test that uses this helper leaks nothing unless the decoder does.
 */
final class PieceFeeder {
    /** The traffic limits the engine uses by default (64 MiB messages, 64 KiB commands). */
    static final long MAX_MESSAGE = 64L * 1024 * 1024;

    static final long MAX_COMMAND = 64 * 1024;

    private PieceFeeder() {}

    /** A decoder with the default limits and the pooled allocator. */
    static FrameDecoder newDecoder() {
        return new FrameDecoder(PooledByteBufAllocator.DEFAULT, MAX_MESSAGE, MAX_COMMAND);
    }

    /**
     * Decodes a stream fed in one piece.
     *
     * @param stream the octets after the greeting
     * @return the frames in order
     */
    static List<DecodedFrame> whole(byte[] stream) throws ZmtpException {
        return inPieces(newDecoder(), stream);
    }

    /**
     * Decodes a stream fed as two pieces cut at {@code cut}.
     *
     * @param stream the octets after the greeting
     * @param cut where the second piece starts, 0..length
     * @return the frames in order
     */
    static List<DecodedFrame> split(byte[] stream, int cut) throws ZmtpException {
        return inPieces(newDecoder(), stream, cut);
    }

    /**
     * Decodes a stream fed one octet at a time.
     *
     * @param stream the octets after the greeting
     * @return the frames in order
     */
    static List<DecodedFrame> byteByByte(byte[] stream) throws ZmtpException {
        int[] cuts = new int[Math.max(0, stream.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return inPieces(newDecoder(), stream, cuts);
    }

    /**
     * Decodes a stream cut at the given ascending offsets, then checks that nothing was left over
     * and that no body still holds a reference to the read buffer.
     *
     * @param decoder the decoder to feed
     * @param stream the octets
     * @param cuts ascending offsets where a new piece starts
     * @return the frames in order
     */
    static List<DecodedFrame> inPieces(FrameDecoder decoder, byte[] stream, int... cuts)
            throws ZmtpException {
        Recorder sink = new Recorder();
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, stream.length));
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                in.writeBytes(stream, from, to - from);
                decoder.decode(in, sink);
                from = to;
            }
            assertThat(in.readableBytes()).as("octets left over in the read buffer").isZero();
            assertThat(decoder.pendingBodySize()).as("a frame body still pending").isZero();
            assertThat(in.refCnt()).as("read buffer references (a body still holds it)").isOne();
            return sink.frames;
        } finally {
            in.release();
        }
    }

    /** A sink for input that must not produce a frame: it releases the body and fails. */
    static FrameDecoder.Sink failOnFrame() {
        return (flags, body) -> {
            int size = body.readableBytes();
            body.release();
            throw new AssertionError(
                    String.format("unexpected frame: flags 0x%02x, %d octets", flags, size));
        };
    }

    /** A sink that copies each body and releases it at once. */
    static final class Recorder implements FrameDecoder.Sink {
        final List<DecodedFrame> frames = new ArrayList<>();

        @Override
        public void onFrame(int flags, ByteBuf body) {
            try {
                frames.add(new DecodedFrame(flags, Hex.readable(body)));
            } finally {
                body.release();
            }
        }
    }
}
