package dev.weft.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.zmtp.CommandName;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.FrameFlags;
import dev.weft.core.zmtp.Mechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The session's side of the {@link Mechanism} seam, with a mechanism built for the test: client and
 * server sides in the greeting, a handshake of several steps one of which waits for an asynchronous
 * answer (as ZAP will), and every frame after the handshake wrapped in a MESSAGE command (as CURVE
 * will). NULL's bytes are proven unchanged by {@code ZmtpSessionTest}'s golden captures.
 */
class MechanismSeamTest {
    private static final Metadata DEALER = Metadata.builder().put("Socket-Type", "DEALER").build();
    private static final Metadata ROUTER = Metadata.builder().put("Socket-Type", "ROUTER").build();

    private final List<Link> links = new ArrayList<>();

    @AfterEach
    void release() {
        links.forEach(Link::release);
    }

    @Test
    @DisplayName(
            "RFC 37: as-server SHALL be set by the server and cleared by the client of a"
                    + " mechanism with sides; the handshake may take several steps and wait")
    void shouldRunAMultiStepHandshakeThatWaitsForAnAnswer() throws ZmtpException {
        ToyMechanism server = new ToyMechanism(true, ROUTER);
        Link client = link(new ToyMechanism(false, DEALER), SocketType.DEALER);
        Link router = link(server, SocketType.ROUTER);

        client.start();
        router.start();
        assertThat(client.peek()[32]).as("the client's as-server octet").isZero();
        assertThat(router.peek()[32]).as("the server's as-server octet").isEqualTo((byte) 1);
        client.sendTo(router);
        router.sendTo(client);
        client.sendTo(router);

        assertThat(router.harness.events).containsExactly("waiting");
        assertThat(router.peek()).as("nothing answered while waiting").isEmpty();
        router.inbox.writeBytes(new byte[] {4, 9, 8, 'I', 'N', 'I', 'T', 'I', 'A', 'T', 'E'});
        router.feedAgain();
        assertThat(router.inbox.readableBytes()).as("nothing read while waiting").isEqualTo(11);
        router.inbox.clear();

        server.answer.complete(null);
        router.resumeIfAnswered();
        for (int round = 0; round < 4; round++) {
            router.sendTo(client);
            client.sendTo(router);
        }

        assertThat(server.steps).containsExactly("HELLO", "resumed", "INITIATE");
        assertThat(router.harness.events).containsExactly("waiting", "handshake DEALER 3.1");
        assertThat(client.harness.events).containsExactly("handshake ROUTER 3.1");
    }

    @Test
    @DisplayName(
            "RFC 37: a mechanism that encrypts wraps every frame after the handshake, messages"
                    + " and commands alike; the peer unwraps them")
    void shouldWrapEveryFrameAfterTheHandshake() throws ZmtpException {
        Link client = link(new ToyMechanism(false, DEALER), SocketType.DEALER);
        ToyMechanism server = new ToyMechanism(true, ROUTER);
        server.answer.complete(null);
        Link router = link(server, SocketType.ROUTER);
        handshake(client, router);

        client.harness.session.send(Message.of("", "secret body"));
        client.harness.session.sendPing(7);
        byte[] wire = client.peek();
        client.sendTo(router);
        router.sendTo(client);

        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(frames(wire))
                .as("two message frames and a PING, each a MESSAGE command")
                .containsExactly("MESSAGE", "MESSAGE", "MESSAGE");
        assertThat(router.harness.events)
                .containsExactly(
                        "waiting", "handshake DEALER 3.1", "message |secret body", "ping 7");
        assertThat(client.harness.events).containsExactly("handshake ROUTER 3.1");
        assertThat(server.unwrapped).isEqualTo(3);
        assertThat(((ToyMechanism) client.mechanism).unwrapped)
                .as("the PONG came back wrapped too")
                .isOne();
    }

    @Test
    @DisplayName(
            "RFC 37: a mechanism with sides refuses a peer that claims the same side in its"
                    + " greeting")
    void shouldRefuseTwoServers() {
        Link one = link(new ToyMechanism(true, DEALER), SocketType.DEALER);
        Link two = link(new ToyMechanism(true, ROUTER), SocketType.ROUTER);
        one.start();
        two.start();

        assertThatThrownBy(() -> one.sendTo(two))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MECHANISM_MISMATCH))
                .hasMessageContaining("both sides act as TOYX server");
    }

    @Test
    void shouldRefuseABareFrameWhereAWrappedOneIsExpected() throws ZmtpException {
        Link client = link(new ToyMechanism(false, DEALER), SocketType.DEALER);
        ToyMechanism server = new ToyMechanism(true, ROUTER);
        server.answer.complete(null);
        Link router = link(server, SocketType.ROUTER);
        handshake(client, router);

        router.inbox.writeBytes(new byte[] {0, 2, 'h', 'i'});
        assertThatThrownBy(() -> router.harness.session.feed(router.inbox))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.UNEXPECTED_COMMAND))
                .hasMessageContaining("bare message frame");
    }

    @Test
    void shouldEndTheHandshakeWhenTheAnswerRefusesThePeer() throws ZmtpException {
        ToyMechanism server = new ToyMechanism(true, ROUTER);
        Link client = link(new ToyMechanism(false, DEALER), SocketType.DEALER);
        Link router = link(server, SocketType.ROUTER);
        client.start();
        router.start();
        client.sendTo(router);

        router.sendTo(client);
        client.sendTo(router);
        server.denied = true;
        server.answer.complete(null);

        assertThatThrownBy(router::resumeIfAnswered)
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.PEER_ERROR))
                .hasMessageContaining("denied");
        assertThatThrownBy(() -> client.harness.session.resumeHandshake())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no handshake step waits");
    }

    private void handshake(Link client, Link server) throws ZmtpException {
        client.start();
        server.start();
        for (int round = 0; round < 4; round++) {
            client.sendTo(server);
            server.sendTo(client);
        }
        assertThat(client.harness.session.handshakeCompleted()).isTrue();
        assertThat(server.harness.session.handshakeCompleted()).isTrue();
    }

    /** The names of the commands in a stream of frames (after any greeting). */
    private static List<String> frames(byte[] wire) {
        List<String> names = new ArrayList<>();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        while (in.isReadable()) {
            int flags = in.readByte();
            long size = (flags & FrameFlags.LONG) != 0 ? in.readLong() : in.readUnsignedByte();
            ByteBuf body = in.readSlice((int) size);
            names.add(
                    (flags & FrameFlags.COMMAND) != 0
                            ? body.readCharSequence(
                                            body.readUnsignedByte(), StandardCharsets.US_ASCII)
                                    .toString()
                            : "message");
        }
        return names;
    }

    private Link link(Mechanism mechanism, SocketType type) {
        Link l = new Link(mechanism, new SessionHarness(mechanism, type));
        links.add(l);
        return l;
    }

    /** One side: its session and the bytes it received but has not yet read. */
    private static final class Link {
        final Mechanism mechanism;
        final SessionHarness harness;
        final ByteBuf inbox = PooledByteBufAllocator.DEFAULT.directBuffer();

        Link(Mechanism mechanism, SessionHarness harness) {
            this.mechanism = mechanism;
            this.harness = harness;
        }

        void start() {
            harness.session.start();
        }

        byte[] peek() {
            byte[] b = new byte[harness.out.readableBytes()];
            harness.out.getBytes(harness.out.readerIndex(), b);
            return b;
        }

        void sendTo(Link peer) throws ZmtpException {
            peer.inbox.writeBytes(harness.takeOutput());
            peer.feedAgain();
            if (peer.harness.awaited != null
                    && peer.harness.awaited.toCompletableFuture().isDone()) {
                peer.resumeIfAnswered();
            }
        }

        /** Goes on after a waiting step's answer came, as the engine does on its I/O thread. */
        void resumeIfAnswered() throws ZmtpException {
            assertThat(harness.awaited.toCompletableFuture()).isDone();
            harness.awaited = null;
            harness.session.resumeHandshake();
            feedAgain();
        }

        void feedAgain() throws ZmtpException {
            harness.session.feed(inbox);
            inbox.discardReadBytes();
        }

        void release() {
            inbox.release();
            harness.release();
        }
    }

    /**
     * A mechanism with the shape of CURVE and ZAP, for the test only: the client sends HELLO; the
     * server waits for an answer and replies WELCOME; the client sends INITIATE with its metadata;
     * the server replies READY with its own. Afterwards every frame travels in a MESSAGE command as
     * its flags octet and its body, each octet XOR 0x5A.
     */
    private static final class ToyMechanism implements Mechanism {
        final boolean server;
        final Metadata own;
        final CompletableFuture<Void> answer = new CompletableFuture<>();
        final List<String> steps = new ArrayList<>();
        boolean denied;
        int unwrapped;
        private Metadata peer;

        ToyMechanism(boolean server, Metadata own) {
            this.server = server;
            this.own = own;
        }

        @Override
        public String name() {
            return "TOYX";
        }

        @Override
        public boolean asServer() {
            return server;
        }

        @Override
        public boolean needsOppositeSides() {
            return true;
        }

        @Override
        public void start(CommandWriter out) {
            if (!server) {
                write(out, CommandName.HELLO, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
            }
        }

        @Override
        public Progress onCommand(CommandName name, ByteBuf data, CommandWriter out)
                throws ZmtpException {
            steps.add(String.valueOf(name));
            if (server && name == CommandName.HELLO) {
                return Progress.WAIT;
            }
            if (!server && name == CommandName.WELCOME) {
                write(out, CommandName.INITIATE, metadata(own));
                return Progress.CONTINUE;
            }
            if (server && name == CommandName.INITIATE) {
                peer = Commands.readMetadata(data);
                write(out, CommandName.READY, metadata(own));
                return Progress.COMPLETE;
            }
            if (!server && name == CommandName.READY) {
                peer = Commands.readMetadata(data);
                return Progress.COMPLETE;
            }
            throw new ZmtpException(
                    ZmtpException.Condition.UNEXPECTED_COMMAND, name + " out of order");
        }

        @Override
        public CompletionStage<?> awaited() {
            return answer;
        }

        @Override
        public Progress resume(CommandWriter out) throws ZmtpException {
            steps.add("resumed");
            if (denied) {
                throw new ZmtpException(ZmtpException.Condition.PEER_ERROR, "denied by the test");
            }
            out.write(CommandName.WELCOME, Unpooled.EMPTY_BUFFER);
            return Progress.CONTINUE;
        }

        @Override
        public boolean wrapsTraffic() {
            return true;
        }

        @Override
        public void wrap(int flags, ByteBuf body, CommandWriter out) {
            ByteBuf box = Unpooled.buffer(1 + body.readableBytes());
            box.writeByte(flags ^ 0x5A);
            for (int i = body.readerIndex(); i < body.writerIndex(); i++) {
                box.writeByte(body.getByte(i) ^ 0x5A);
            }
            out.write(CommandName.MESSAGE, box);
            box.release();
        }

        @Override
        public void unwrap(CommandName name, ByteBuf data, FrameSink sink) throws ZmtpException {
            if (name != CommandName.MESSAGE) {
                throw new ZmtpException(
                        ZmtpException.Condition.UNEXPECTED_COMMAND, name + " is not MESSAGE");
            }
            unwrapped++;
            int flags = (data.readByte() ^ 0x5A) & 0xff;
            ByteBuf frame = Unpooled.buffer(data.readableBytes());
            while (data.isReadable()) {
                frame.writeByte(data.readByte() ^ 0x5A);
            }
            sink.frame(flags, frame);
        }

        @Override
        public Metadata peerMetadata() {
            return peer;
        }

        private static void write(CommandWriter out, CommandName name, ByteBuf data) {
            try {
                out.write(name, data);
            } finally {
                data.release();
            }
        }

        private static ByteBuf metadata(Metadata m) {
            ByteBuf b = Unpooled.buffer(Commands.metadataSize(m));
            Commands.writeMetadata(m, b);
            return b;
        }
    }
}
