package dev.weft.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * One frame of a {@link Message}: an immutable view of a netty {@link ByteBuf}.
 *
 * <p>A frame owns one reference to its buffer. The buffer is released when the owning message is
 * closed, or when whoever took the frame out of its message calls {@link #release()}. Reading
 * methods never change the buffer's reader index.
 *
 * <p>Not thread-safe: a frame belongs to whoever holds its message.
 */
public final class Frame {
    private static final int SHOWN = 256;

    private final ByteBuf content;

    /**
     * Wraps a buffer; the frame takes over one reference to it.
     *
     * @param content the frame body, {@code readableBytes()} long
     */
    public Frame(ByteBuf content) {
        if (content == null) {
            throw new NullPointerException("content: null (expected: a ByteBuf)");
        }
        this.content = content;
    }

    /**
     * Returns the underlying buffer. The frame still owns it: retain it to keep it beyond the
     * frame's life. A buffer may be shared by several frames (a ROUTER's routing-id frame is one
     * per peer, read-only and unreleasable): read it with absolute getters or this class's methods
     * rather than by moving its reader index.
     *
     * @return the buffer holding this frame's bytes
     */
    public ByteBuf content() {
        return content;
    }

    /**
     * Returns the frame length in bytes.
     *
     * @return the number of readable bytes
     */
    public int size() {
        return content.readableBytes();
    }

    /**
     * Tells whether the frame has no bytes (such as the REQ/REP envelope delimiter).
     *
     * @return true for a zero-length frame
     */
    public boolean isEmpty() {
        return content.readableBytes() == 0;
    }

    /**
     * Copies the frame's bytes into a new array.
     *
     * @return a fresh copy of the frame's bytes
     */
    public byte[] toByteArray() {
        return ByteBufUtil.getBytes(content);
    }

    /**
     * Decodes the frame's bytes as text.
     *
     * @param charset the character set to decode with
     * @return the decoded text
     */
    public String toString(Charset charset) {
        return content.toString(charset);
    }

    /**
     * Tells whether this frame holds exactly the given bytes.
     *
     * @param bytes the bytes to compare with
     * @return true when lengths and contents match
     */
    public boolean contentEquals(byte[] bytes) {
        int n = content.readableBytes();
        if (n != bytes.length) {
            return false;
        }
        int base = content.readerIndex();
        for (int i = 0; i < n; i++) {
            if (content.getByte(base + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Releases this frame's reference to its buffer. Use only on a frame taken out of a message.
     */
    public void release() {
        content.release();
    }

    /**
     * Returns the frame for logs: UTF-8 text when printable, otherwise hex, cut after {@value
     * #SHOWN} octets so that peer input cannot flood a log line.
     */
    @Override
    public String toString() {
        int n = content.readableBytes();
        int shown = Math.min(n, SHOWN);
        int base = content.readerIndex();
        String suffix = shown < n ? "…(" + n + " octets)" : "";
        for (int i = 0; i < shown; i++) {
            byte b = content.getByte(base + i);
            if (b < 0x20 || b > 0x7e) {
                return "0x" + ByteBufUtil.hexDump(content, base, shown) + suffix;
            }
        }
        return content.toString(base, shown, StandardCharsets.UTF_8) + suffix;
    }
}
