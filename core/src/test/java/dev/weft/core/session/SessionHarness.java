package dev.weft.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.zmtp.Mechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A ZMTP session under test, with a recording output and listener. */
final class SessionHarness implements ZmtpSession.Output, ZmtpSession.Listener {
    private static final HexFormat HEX = HexFormat.of();

    final ZmtpSession session;
    final ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
    final List<String> events = new ArrayList<>();
    final List<ByteBuf> bodies = new ArrayList<>();
    List<Message> keep;
    boolean pauseOnMessage;
    CompletionStage<?> awaited;

    SessionHarness(Mechanism mechanism, SocketType type) {
        session =
                new ZmtpSession(
                        mechanism,
                        type,
                        1 << 20,
                        PooledByteBufAllocator.DEFAULT,
                        this,
                        this,
                        "127.0.0.1:5555");
    }

    /** Feeds a stream cut at the given offsets into one read buffer, checking no leftovers. */
    void feed(byte[] stream, int... cuts) throws ZmtpException {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, stream.length));
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                in.writeBytes(stream, from, to - from);
                session.feed(in);
                from = to;
            }
            assertThat(in.readableBytes()).as("octets left over in the read buffer").isZero();
            assertThat(session.pendingBodySize()).as("a frame body still pending").isZero();
            assertThat(in.refCnt()).as("read buffer references (a body still holds it)").isOne();
        } finally {
            in.release();
        }
    }

    /** Feeds bytes that end inside a frame or the greeting. */
    void feedKeepingRest(byte[] stream) throws ZmtpException {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, stream.length));
        try {
            in.writeBytes(stream);
            session.feed(in);
        } finally {
            in.release();
        }
    }

    byte[] takeOutput() {
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        out.clear();
        return b;
    }

    void release() {
        out.release();
    }

    @Override
    public ByteBuf buffer() {
        return out;
    }

    @Override
    public void writeBody(ByteBuf body) {
        bodies.add(body);
        out.writeBytes(body, body.readerIndex(), body.readableBytes());
    }

    @Override
    public void handshakeSucceeded() {
        events.add("handshake " + session.peerType() + (session.peerSpeaks31() ? " 3.1" : " 3.0"));
    }

    @Override
    public void messageReceived(Message message) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < message.size(); i++) {
            if (i > 0) {
                sb.append('|');
            }
            ByteBuf b = message.frame(i).content();
            byte[] body = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), body);
            sb.append(describe(body));
        }
        events.add("message " + sb);
        if (keep != null) {
            keep.add(message);
        } else {
            message.close();
        }
        if (pauseOnMessage) {
            session.pause();
        }
    }

    @Override
    public void commandReceived(PeerCommand command) {
        events.add("command " + command.kind() + " " + hex(command.body()));
    }

    @Override
    public void pingReceived(int ttlDeciseconds) {
        events.add("ping " + ttlDeciseconds);
    }

    @Override
    public void handshakeWaiting(CompletionStage<?> stage) {
        events.add("waiting");
        awaited = stage;
    }

    /** Returns a frame body as text when printable, else as hex in angle brackets. */
    static String describe(byte[] body) {
        if (body.length > 64) {
            return "<" + body.length + " octets>";
        }
        for (byte b : body) {
            if (b < 0x20 || b > 0x7e) {
                return "<" + hex(body) + ">";
            }
        }
        return new String(body, StandardCharsets.US_ASCII);
    }

    /** Returns octets as lower-case hex. */
    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
