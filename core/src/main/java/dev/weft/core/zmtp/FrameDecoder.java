package dev.weft.core.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.buffer.UnpooledUnsafeHeapByteBuf;
import io.netty.util.internal.PlatformDependent;

/**
 * Turns a ZMTP byte stream (after the greeting) into frames: a small state machine fed by whatever
 * arrived, in any fragmentation.
 *
 * <p>Every size is validated before any body byte is buffered: a frame header announcing more than
 * the allowed message size fails at once with {@code FRAME_TOO_LARGE}. Bodies up to {@link
 * #COPY_THRESHOLD} octets are copied into their own buffer, so the read buffer can be reused at
 * once; larger ones are retained slices of the read buffer (no copy).
 *
 * <p>Owned by one I/O thread; not thread-safe.
 */
public final class FrameDecoder {
    /** Bodies up to this size are copied rather than sliced from the read buffer. */
    public static final int COPY_THRESHOLD = 1024;

    /** Receives decoded frames. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes one frame. The sink owns {@code body} from the moment it is called, including when
         * it throws.
         *
         * @param flags the frame's flags octet
         * @param body the frame body
         * @throws ZmtpException when the frame is not allowed here
         */
        void onFrame(int flags, ByteBuf body) throws ZmtpException;
    }

    private enum State {
        FLAGS,
        SIZE,
        BODY
    }

    /**
     * The allocator copied small bodies name as theirs: they are plain heap arrays, cheaper here
     * than a pool because the application thread that releases them is not the I/O thread that
     * allocated them. Netty tracks no unpooled heap buffer for leaks, whichever way it is made.
     */
    private static final ByteBufAllocator SMALL_FRAMES = new UnpooledByteBufAllocator(false);

    private static final boolean UNSAFE_HEAP = PlatformDependent.hasUnsafe();

    private final ByteBufAllocator allocator;
    private State state = State.FLAGS;
    private int flags;
    private long bodySize;
    private long messageSoFar;
    private long maxMessageSize;
    private long maxCommandSize;
    private boolean stopped;
    private boolean handshaking;

    /**
     * Creates a decoder.
     *
     * @param allocator where copied small bodies come from
     * @param maxMessageSize largest total of a message's frames
     * @param maxCommandSize largest command body
     */
    public FrameDecoder(ByteBufAllocator allocator, long maxMessageSize, long maxCommandSize) {
        this.allocator = allocator;
        this.maxMessageSize = maxMessageSize;
        this.maxCommandSize = maxCommandSize;
    }

    /**
     * Changes the command size limit (the handshake allows less than traffic does).
     *
     * @param maxCommandSize largest command body from now on
     */
    public void maxCommandSize(long maxCommandSize) {
        this.maxCommandSize = maxCommandSize;
    }

    /**
     * Switches between the handshake's rules and the traffic's: while handshaking, only command
     * frames are allowed (a message frame fails at its flags octet with {@code UNEXPECTED_COMMAND},
     * before any of its body is buffered), and oversized commands are reported as handshake
     * commands.
     *
     * @param handshaking true while the handshake runs
     * @param maxCommandSize largest command body from now on
     */
    public void handshaking(boolean handshaking, long maxCommandSize) {
        this.handshaking = handshaking;
        this.maxCommandSize = maxCommandSize;
    }

    /**
     * Decodes every complete frame in {@code in}, leaving an incomplete tail unread.
     *
     * @param in the received bytes from the reader index
     * @param sink receives each frame in order
     * @throws ZmtpException when the stream breaks the framing rules; the decoder is then unusable
     */
    public void decode(ByteBuf in, Sink sink) throws ZmtpException {
        while (!stopped) {
            switch (state) {
                case FLAGS -> {
                    if (!in.isReadable()) {
                        return;
                    }
                    flags = in.readUnsignedByte();
                    if (handshaking && (flags & FrameFlags.COMMAND) == 0) {
                        throw new ZmtpException(
                                ZmtpException.Condition.UNEXPECTED_COMMAND,
                                String.format(
                                        "message frame (flags 0x%02x) before the handshake"
                                                + " completed",
                                        flags));
                    }
                    checkFlags(flags);
                    state = State.SIZE;
                }
                case SIZE -> {
                    boolean isLong = (flags & FrameFlags.LONG) != 0;
                    if (in.readableBytes() < (isLong ? 8 : 1)) {
                        return;
                    }
                    bodySize = isLong ? in.readLong() : in.readUnsignedByte();
                    checkSize();
                    state = State.BODY;
                }
                case BODY -> {
                    if (in.readableBytes() < bodySize) {
                        return;
                    }
                    int n = (int) bodySize;
                    ByteBuf body;
                    if (n == 0) {
                        body = Unpooled.EMPTY_BUFFER;
                    } else if (n <= COPY_THRESHOLD) {
                        body = smallBody(n);
                        body.writeBytes(in, n);
                    } else {
                        body = in.readRetainedSlice(n);
                    }
                    boolean command = (flags & FrameFlags.COMMAND) != 0;
                    if (!command) {
                        messageSoFar = (flags & FrameFlags.MORE) != 0 ? messageSoFar + n : 0;
                    }
                    state = State.FLAGS;
                    sink.onFrame(flags, body);
                }
                default -> throw new IllegalStateException("unreachable: " + state);
            }
        }
    }

    /**
     * Makes {@link #decode} return after the frame being delivered, leaving later bytes unread
     * (used when the receiving queue reached its high-water mark). Callable from the sink.
     */
    public void stop() {
        stopped = true;
    }

    /** Lets {@link #decode} go on after {@link #stop()}. */
    public void resume() {
        stopped = false;
    }

    /**
     * Returns how many more octets the frame being decoded needs, so the caller can size its read
     * buffer; 0 when between frames.
     *
     * @return the octets still missing for the current frame body, or 0
     */
    public long pendingBodySize() {
        return state == State.BODY ? bodySize : 0;
    }

    /**
     * A heap buffer for one small body, made directly rather than by {@code
     * SMALL_FRAMES.heapBuffer}: the allocator's own buffers count every allocation and free in
     * shared {@code LongAdder}s, which every socket's I/O thread and every receiving thread of the
     * process hit for every small message (with four subscribers in one process, about a third of a
     * receiving thread's time in a fan-out profile).
     */
    private static ByteBuf smallBody(int n) {
        return UNSAFE_HEAP
                ? new UnpooledUnsafeHeapByteBuf(SMALL_FRAMES, n, n)
                : new UnpooledHeapByteBuf(SMALL_FRAMES, n, n);
    }

    private static void checkFlags(int flags) throws ZmtpException {
        if ((flags & FrameFlags.RESERVED) != 0) {
            throw new ZmtpException(
                    ZmtpException.Condition.BAD_FLAGS,
                    String.format("flags 0x%02x have reserved bits 7-3 set", flags));
        }
        if ((flags & FrameFlags.COMMAND) != 0 && (flags & FrameFlags.MORE) != 0) {
            throw new ZmtpException(
                    ZmtpException.Condition.BAD_FLAGS,
                    String.format("flags 0x%02x set MORE on a command frame", flags));
        }
    }

    private void checkSize() throws ZmtpException {
        boolean command = (flags & FrameFlags.COMMAND) != 0;
        if (bodySize < 0) {
            throw new ZmtpException(
                    ZmtpException.Condition.FRAME_TOO_LARGE,
                    Long.toUnsignedString(bodySize) + " octets (size exceeds 2^63-1)");
        }
        if (command) {
            if (bodySize > maxCommandSize) {
                throw new ZmtpException(
                        ZmtpException.Condition.FRAME_TOO_LARGE,
                        (handshaking ? "handshake command of " : "command of ")
                                + bodySize
                                + " octets > "
                                + maxCommandSize);
            }
        } else if (bodySize > maxMessageSize - messageSoFar) {
            // Subtract rather than add: messageSoFar + bodySize can overflow past 2^63-1.
            throw new ZmtpException(
                    ZmtpException.Condition.FRAME_TOO_LARGE,
                    "message of "
                            + Long.toUnsignedString(messageSoFar + bodySize)
                            + " octets > maxMessageSize "
                            + maxMessageSize);
        }
    }
}
