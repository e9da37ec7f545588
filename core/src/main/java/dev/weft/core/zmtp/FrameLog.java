package dev.weft.core.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * One log line per frame, for debugging a conversation with a peer: direction, peer, kind, size and
 * the first bytes. Logged at TRACE on the {@code dev.weft.zmtp.frames} logger, and free when that
 * level is off.
 *
 * <pre>
 *   weft 127.0.0.1:40112 &gt; MSG+ 5 68656c6c6f
 *   weft 127.0.0.1:40112 &lt; CMD  10 0450494e47
 * </pre>
 */
public final class FrameLog {
    private static final System.Logger LOG = System.getLogger("dev.weft.zmtp.frames");
    private static final int SHOWN = 32;

    private final String peer;
    private final boolean enabled = LOG.isLoggable(System.Logger.Level.TRACE);

    /**
     * Creates a frame log for one connection.
     *
     * @param peer the remote address
     */
    public FrameLog(String peer) {
        this.peer = peer;
    }

    /**
     * Tells whether frames are logged, so a caller can skip building a frame body only for the log.
     *
     * @return true when the frame logger is at TRACE
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Logs a received frame.
     *
     * @param flags the frame flags
     * @param body the frame body (not consumed)
     */
    public void received(int flags, ByteBuf body) {
        if (enabled) {
            log('<', flags, body);
        }
    }

    /**
     * Logs a sent frame.
     *
     * @param flags the frame flags
     * @param body the frame body (not consumed)
     */
    public void sent(int flags, ByteBuf body) {
        if (enabled) {
            log('>', flags, body);
        }
    }

    private void log(char direction, int flags, ByteBuf body) {
        String kind =
                (flags & FrameFlags.COMMAND) != 0
                        ? "CMD "
                        : (flags & FrameFlags.MORE) != 0 ? "MSG+" : "MSG ";
        int n = Math.min(SHOWN, body.readableBytes());
        LOG.log(
                System.Logger.Level.TRACE,
                "weft "
                        + peer
                        + " "
                        + direction
                        + " "
                        + kind
                        + " "
                        + body.readableBytes()
                        + " "
                        + ByteBufUtil.hexDump(body, body.readerIndex(), n)
                        + (n < body.readableBytes() ? "…" : ""));
    }
}
