package dev.weft.core.zmtp;

import static dev.weft.core.zmtp.GoldenVectors.Direction.CLIENT_TO_SERVER;
import static dev.weft.core.zmtp.GoldenVectors.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The handshake as a pure state machine: greetings, NULL's READY, socket-type validation, and the
 * errors a peer can provoke, driven by hand-made bytes and by the golden captures.
 */
class HandshakeTest {
    /** The engine's handshake command limit. */
    private static final int MAX_COMMAND = 8 * 1024;

    private static final Metadata DEALER_CLIENT_1 =
            Metadata.builder().put("Socket-Type", "DEALER").put("Identity", "client-1").build();

    @Test
    void shouldStartWithTheWholeGreeting() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            nullHandshake(SocketType.DEALER, DEALER_CLIENT_1).start(out);

            assertThat(Hex.readable(out)).isEqualTo(GreetingTest.write("NULL", false));
        } finally {
            out.release();
        }
    }

    @Test
    void shouldCompleteBackToBack() throws ZmtpException {
        Handshake dealer = nullHandshake(SocketType.DEALER, DEALER_CLIENT_1);
        Handshake router =
                nullHandshake(
                        SocketType.ROUTER,
                        Metadata.builder()
                                .put("Socket-Type", "ROUTER")
                                .put("Identity", new byte[0])
                                .put("X-Weft", "yes")
                                .build());
        ByteBuf dealerToRouter = PooledByteBufAllocator.DEFAULT.buffer();
        ByteBuf routerToDealer = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            dealer.start(dealerToRouter);
            router.start(routerToDealer);
            boolean dealerDone = false;
            boolean routerDone = false;
            for (int round = 0; round < 4 && !(dealerDone && routerDone); round++) {
                routerDone = router.feed(dealerToRouter, routerToDealer);
                dealerDone = dealer.feed(routerToDealer, dealerToRouter);
            }

            assertThat(dealerDone).isTrue();
            assertThat(routerDone).isTrue();
            assertThat(dealer.peerType()).isEqualTo(SocketType.ROUTER);
            assertThat(router.peerType()).isEqualTo(SocketType.DEALER);
            assertThat(dealer.peerGreeting()).isEqualTo(new Greeting(3, 1, "NULL", false));
            assertThat(router.peerGreeting()).isEqualTo(new Greeting(3, 1, "NULL", false));
            assertThat(router.peerMetadata().identity()).asString().isEqualTo("client-1");
            assertThat(dealer.peerMetadata().identity()).isEmpty();
            assertThat(dealer.peerMetadata().getString("x-weft")).isEqualTo("yes");
            assertThat(dealerToRouter.isReadable()).isFalse();
            assertThat(routerToDealer.isReadable()).isFalse();
        } finally {
            dealerToRouter.release();
            routerToDealer.release();
        }
    }

    @Test
    @DisplayName(
            "RFC 37: A peer MAY start to send messages immediately after completing its handshake,"
                    + " that is, having both sent and received a READY command.")
    void shouldCompleteAgainstLibzmqRouterFedByteByByte() throws ZmtpException {
        GoldenStream libzmqRouter = GoldenStream.of("01-null-dealer-router.txt", SERVER_TO_CLIENT);
        byte[] stream = libzmqRouter.raw();
        int handshakeEnd = libzmqRouter.frameUnits().get(1).streamOffset(); // after READY
        Handshake dealer = nullHandshake(SocketType.DEALER, DEALER_CLIENT_1);
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer(stream.length);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            dealer.start(out);
            out.skipBytes(Greeting.SIZE);
            for (int i = 0; i < handshakeEnd; i++) {
                in.writeByte(stream[i]);
                boolean done = dealer.feed(in, out);
                assertThat(done).as("done after octet %d", i + 1).isEqualTo(i + 1 == handshakeEnd);
                if (i + 1 == Greeting.SIZE - 1) {
                    assertThat(out.isReadable()).as("READY waits for the whole greeting").isFalse();
                }
            }
            in.writeBytes(stream, handshakeEnd, stream.length - handshakeEnd);
            assertThat(dealer.feed(in, out)).isTrue();

            assertThat(dealer.peerType()).isEqualTo(SocketType.ROUTER);
            assertThat(dealer.peerGreeting().speaks31()).isTrue();
            assertThat(dealer.peerMetadata().identity()).isEmpty();
            assertThat(in.readerIndex())
                    .as("the traffic after READY is left for the frame decoder")
                    .isEqualTo(handshakeEnd);
            assertThat(Hex.of(Hex.readable(out)))
                    .as("Weft's READY equals libzmq DEALER's READY (01 C>S unit 1)")
                    .isEqualTo(
                            Hex.of(
                                    GoldenStream.of("01-null-dealer-router.txt", CLIENT_TO_SERVER)
                                            .frameUnits()
                                            .get(0)
                                            .bytes()));
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void shouldLeaveTrafficAfterReadyInTheSameBufferUnread() throws ZmtpException {
        GoldenStream libzmqRouter = GoldenStream.of("01-null-dealer-router.txt", SERVER_TO_CLIENT);
        Handshake dealer = nullHandshake(SocketType.DEALER, DEALER_CLIENT_1);
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer();
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            in.writeBytes(libzmqRouter.raw());

            assertThat(dealer.feed(in, out)).isTrue();

            assertThat(Hex.of(Hex.readable(in))).isEqualTo("01000005776f726c64");
            assertThat(dealer.feed(in, out)).as("a finished handshake consumes nothing").isTrue();
            assertThat(in.readableBytes()).isEqualTo(9);
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void shouldCompleteAgainstJeromqZmtp30Greeting() throws ZmtpException {
        GoldenStream jeromq =
                GoldenStream.of("09-jeromq-dealer-libzmq-router.txt", CLIENT_TO_SERVER);
        Handshake router =
                nullHandshake(
                        SocketType.ROUTER,
                        Metadata.builder()
                                .put("Socket-Type", "ROUTER")
                                .put("Identity", "")
                                .build());

        Fed fed = feedWhole(router, jeromq.raw());

        assertThat(fed.done()).isTrue();
        assertThat(router.peerGreeting().minor()).isZero();
        assertThat(router.peerGreeting().speaks31()).isFalse();
        assertThat(router.peerType()).isEqualTo(SocketType.DEALER);
        assertThat(router.peerMetadata().identity()).asString().isEqualTo("jeromq-1");
    }

    @Test
    @DisplayName(
            "RFC 37: handle an invalid Socket-Type by returning ERROR and disconnecting (PUSH against"
                    + " PUB, 08b)")
    void shouldRejectAnIncompatiblePeerAndWriteError() throws ZmtpException {
        GoldenStream libzmqPub = GoldenStream.of("08b-mismatch-push-to-pub.txt", SERVER_TO_CLIENT);
        Handshake push =
                nullHandshake(
                        SocketType.PUSH, Metadata.builder().put("Socket-Type", "PUSH").build());
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer();
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            in.writeBytes(libzmqPub.raw());

            assertThatThrownBy(() -> push.feed(in, out))
                    .isInstanceOfSatisfying(
                            ZmtpException.class,
                            e ->
                                    assertThat(e.condition())
                                            .isEqualTo(
                                                    ZmtpException.Condition
                                                            .INCOMPATIBLE_SOCKET_TYPE))
                    .hasMessageContaining("PUB")
                    .hasMessageContaining("PUSH");

            List<DecodedFrame> written = PieceFeeder.whole(Hex.readable(out));
            assertThat(written).hasSize(2);
            assertThat(Hex.of(frameBytes(written.get(0))))
                    .as("our READY, as libzmq PUSH's (08b C>S unit 1)")
                    .isEqualTo(
                            Hex.of(
                                    GoldenStream.of(
                                                    "08b-mismatch-push-to-pub.txt",
                                                    CLIENT_TO_SERVER)
                                            .frameUnits()
                                            .get(0)
                                            .bytes()));
            assertThat(written.get(1).flags()).isEqualTo(FrameFlags.COMMAND);
            assertThat(new String(written.get(1).body(), 0, 6)).isEqualTo("\u0005ERROR");
        } finally {
            in.release();
            out.release();
        }
    }

    @Test
    void shouldRejectAPushAnnouncedToAPub() {
        GoldenStream libzmqPush = GoldenStream.of("08b-mismatch-push-to-pub.txt", CLIENT_TO_SERVER);
        Handshake pub =
                nullHandshake(SocketType.PUB, Metadata.builder().put("Socket-Type", "PUB").build());

        assertCondition(
                () -> feedWhole(pub, libzmqPush.raw()),
                ZmtpException.Condition.INCOMPATIBLE_SOCKET_TYPE);
    }

    @Test
    void shouldRejectReadyWithoutOrWithUnknownSocketType() {
        byte[] noType = readyFrom(Metadata.builder().put("Identity", "x").build());
        byte[] unknown = readyFrom(Metadata.builder().put("Socket-Type", "BOGUS").build());

        assertThatThrownBy(() -> feedWhole(dealer(), greetingThen(noType)))
                .hasMessageStartingWith("INCOMPATIBLE_SOCKET_TYPE: no Socket-Type");
        assertThatThrownBy(() -> feedWhole(dealer(), greetingThen(unknown)))
                .hasMessageStartingWith("INCOMPATIBLE_SOCKET_TYPE: unknown Socket-Type 'BOGUS'");
    }

    @Test
    @DisplayName(
            "RFC 37: If the mechanism that the peer received does not exactly match the mechanism it"
                    + " sent, it MUST close the connection.")
    void shouldRejectAMechanismMismatch() {
        // 08a: a NULL DEALER's greeting reaching a PLAIN server.
        byte[] nullClient =
                GoldenStream.of("08a-mismatch-null-vs-plain.txt", CLIENT_TO_SERVER).raw();
        Handshake plainServer =
                new Handshake(new StubMechanism("PLAIN"), SocketType.ROUTER, MAX_COMMAND);

        assertThatThrownBy(() -> feedWhole(plainServer, nullClient))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MECHANISM_MISMATCH))
                .hasMessage("MECHANISM_MISMATCH: peer uses NULL, this socket uses PLAIN");
    }

    @Test
    void shouldRejectALibzmqPlainServerGreetingUnderNull() {
        byte[] plainServer = GoldenStream.of("06-plain-push-pull.txt", SERVER_TO_CLIENT).raw();

        assertCondition(
                () -> feedWhole(nullHandshake(SocketType.PUSH, socketType("PUSH")), plainServer),
                ZmtpException.Condition.MECHANISM_MISMATCH);
    }

    @Test
    void shouldWaitOnTheElevenGreetingOctetsOf08a() throws ZmtpException {
        // 08a S>C: the PLAIN server sent signature and major version, then closed.
        byte[] partial = GoldenStream.of("08a-mismatch-null-vs-plain.txt", SERVER_TO_CLIENT).raw();
        assertThat(partial).hasSize(Greeting.SIGNATURE_AND_MAJOR);

        Fed fed = feedWhole(dealer(), partial);

        assertThat(fed.done()).isFalse();
        assertThat(fed.out()).as("nothing is written before the peer's whole greeting").isEmpty();
    }

    @Test
    void shouldRejectABadSignatureOnTheFirstOctet() {
        assertThatThrownBy(() -> feedWhole(dealer(), Hex.bytes("01")))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.BAD_SIGNATURE));
    }

    @Test
    void shouldRejectAZmtp20PeerAfterItsMajorVersion() {
        assertCondition(
                () -> feedWhole(dealer(), Hex.bytes("ff 0000000000000001 7f 01")),
                ZmtpException.Condition.UNSUPPORTED_VERSION);
    }

    @Test
    @DisplayName("RFC 37: null = ready *message | error")
    void shouldRejectAMessageFrameBeforeReady() {
        assertThatThrownBy(() -> feedWhole(dealer(), greetingThen(Hex.bytes("00 05 68656c6c6f"))))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.UNEXPECTED_COMMAND))
                .hasMessageContaining("message frame (flags 0x00)");
    }

    @Test
    void shouldRejectAnUnknownCommandDuringTheNullHandshake() {
        assertCondition(
                () -> feedWhole(dealer(), greetingThen(Hex.bytes("04 04 03 464f4f"))),
                ZmtpException.Condition.UNEXPECTED_COMMAND);
        assertCondition(
                () -> feedWhole(dealer(), greetingThen(Hex.bytes("04 05 04 50494e47"))),
                ZmtpException.Condition.UNEXPECTED_COMMAND);
    }

    @Test
    void shouldRejectBadFlagsOnAHandshakeCommand() {
        assertCondition(
                () -> feedWhole(dealer(), greetingThen(Hex.bytes("05 06 055245414459"))),
                ZmtpException.Condition.BAD_FLAGS);
        assertCondition(
                () -> feedWhole(dealer(), greetingThen(Hex.bytes("0c 06 055245414459"))),
                ZmtpException.Condition.BAD_FLAGS);
    }

    @Test
    void shouldRejectAHandshakeCommandOverTheLimitFromItsHeader() throws ZmtpException {
        Handshake small = nullHandshake(SocketType.DEALER, DEALER_CLIENT_1, 100);

        // Exactly at the limit is fine (it waits for the body) ...
        assertThat(feedWhole(small, greetingThen(Hex.bytes("04 64"))).done()).isFalse();
        // ... one more is refused from the header alone, in both size forms.
        assertThatThrownBy(
                        () ->
                                feedWhole(
                                        nullHandshake(SocketType.DEALER, DEALER_CLIENT_1, 100),
                                        greetingThen(Hex.bytes("04 65"))))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.FRAME_TOO_LARGE))
                .hasMessage("FRAME_TOO_LARGE: handshake command of 101 octets > 100");
        assertCondition(
                () -> feedWhole(dealer(), greetingThen(Hex.bytes("06 4000000000000000"))),
                ZmtpException.Condition.FRAME_TOO_LARGE);
        assertCondition(
                () -> feedWhole(dealer(), greetingThen(Hex.bytes("06 ffffffffffffffff"))),
                ZmtpException.Condition.FRAME_TOO_LARGE);
    }

    @Test
    @DisplayName("RFC 37: The peer SHALL treat an incoming ERROR command as fatal (08e)")
    void shouldFailOnThePeersError() {
        byte[] zapDenied = GoldenStream.of("08e-null-zap-denied-error.txt", SERVER_TO_CLIENT).raw();

        assertThatThrownBy(
                        () ->
                                feedWhole(
                                        nullHandshake(SocketType.PUSH, socketType("PUSH")),
                                        zapDenied))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.PEER_ERROR))
                .hasMessage("PEER_ERROR: peer sent ERROR '400'");
    }

    @Test
    void shouldRejectLibzmqMalformedPlainErrorCleanly() {
        // 08c S>C: a PLAIN server's greeting, then 04 09 5e 52 52 4f 52 03 34 30 30.
        byte[] plainServer =
                GoldenStream.of("08c-plain-bad-password-error.txt", SERVER_TO_CLIENT).raw();
        StubMechanism plain = new StubMechanism("PLAIN");
        Handshake client = new Handshake(plain, SocketType.PUSH, MAX_COMMAND);

        assertThatThrownBy(() -> feedWhole(client, plainServer))
                .isExactlyInstanceOf(ZmtpException.class)
                .hasMessageStartingWith("MALFORMED_COMMAND: command name length 94");
        assertThat(plain.received).as("the mechanism never saw the malformed command").isEmpty();
    }

    @Test
    void shouldHandPlainHandshakeCommandsToTheMechanism() throws ZmtpException {
        // 06 S>C: WELCOME then READY, as ordinary commands for a PLAIN client mechanism.
        byte[] plainServer = GoldenStream.of("06-plain-push-pull.txt", SERVER_TO_CLIENT).raw();
        StubMechanism plain = new StubMechanism("PLAIN");
        Handshake client = new Handshake(plain, SocketType.PUSH, MAX_COMMAND);

        assertThat(feedWhole(client, plainServer).done()).isTrue();
        assertThat(plain.received).containsExactly(CommandName.WELCOME, CommandName.READY);
        assertThat(client.peerType()).isEqualTo(SocketType.PULL);
    }

    // ---- helpers ----

    /** The result of one feed: whether the handshake completed and what it wrote. */
    record Fed(boolean done, byte[] out) {}

    private static Fed feedWhole(Handshake handshake, byte[] bytes) throws ZmtpException {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer(Math.max(1, bytes.length));
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            in.writeBytes(bytes);
            boolean done = handshake.feed(in, out);
            return new Fed(done, Hex.readable(out));
        } finally {
            in.release();
            out.release();
        }
    }

    private static byte[] greetingThen(byte[] frames) {
        return Hex.concat(GreetingTest.write("NULL", false), frames);
    }

    private static byte[] readyFrom(Metadata metadata) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            Commands.writeReady(metadata, out);
            return Hex.readable(out);
        } finally {
            out.release();
        }
    }

    private static byte[] frameBytes(DecodedFrame frame) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            FrameEncoder.writeHeader(frame.flags() & ~FrameFlags.LONG, frame.body().length, out);
            out.writeBytes(frame.body());
            return Hex.readable(out);
        } finally {
            out.release();
        }
    }

    private static Metadata socketType(String type) {
        return Metadata.builder().put("Socket-Type", type).build();
    }

    private static Handshake dealer() {
        return nullHandshake(SocketType.DEALER, DEALER_CLIENT_1);
    }

    private static Handshake nullHandshake(SocketType type, Metadata metadata) {
        return nullHandshake(type, metadata, MAX_COMMAND);
    }

    private static Handshake nullHandshake(SocketType type, Metadata metadata, int maxCommand) {
        return new Handshake(new NullMechanism(metadata), type, maxCommand);
    }

    private static void assertCondition(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            ZmtpException.Condition condition) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ZmtpException.class, e -> assertThat(e.condition()).isEqualTo(condition))
                .hasMessageStartingWith(condition + ": ");
    }

    /**
     * A mechanism that only names itself and records the commands it is given; it completes on
     * READY, reading NULL-style metadata (as PLAIN's READY carries).
     */
    private static final class StubMechanism implements Mechanism {
        private final String name;
        final List<CommandName> received = new ArrayList<>();
        private Metadata peer;

        StubMechanism(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(ByteBuf out) {}

        @Override
        public boolean onCommand(CommandName command, ByteBuf data, ByteBuf out)
                throws ZmtpException {
            received.add(command);
            if (command == CommandName.READY) {
                peer = Commands.readMetadata(data);
                return true;
            }
            return false;
        }

        @Override
        public Metadata peerMetadata() {
            return peer;
        }
    }
}
