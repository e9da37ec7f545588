package dev.weft.core.session;

import static dev.weft.core.session.SessionHarness.describe;
import static dev.weft.core.session.SessionHarness.hex;
import static dev.weft.core.zmtp.GoldenVectors.Direction.CLIENT_TO_SERVER;
import static dev.weft.core.zmtp.GoldenVectors.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.zmtp.CommandName;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.FrameDecoder;
import dev.weft.core.zmtp.FrameEncoder;
import dev.weft.core.zmtp.FrameFlags;
import dev.weft.core.zmtp.GoldenVectors;
import dev.weft.core.zmtp.GoldenVectors.Direction;
import dev.weft.core.zmtp.Greeting;
import dev.weft.core.zmtp.Mechanism;
import dev.weft.core.zmtp.NullMechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ZMTP session as a pure state machine, fed bytes and checked by its events and output: the
 * greeting, the NULL handshake and socket-type validation, the errors a peer can provoke, commands
 * after the handshake, message assembly, pausing, and encoding. Golden captures of libzmq and
 * JeroMQ peers are fed whole, split at every point and byte by byte; each feed must leave no octet
 * over, no frame half-decoded and no slice of the read buffer alive, and no buffer leaks (the leak
 * detector runs at PARANOID).
 */
class ZmtpSessionTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final Metadata DEALER_CLIENT_1 =
            Metadata.builder().put("Socket-Type", "DEALER").put("Identity", "client-1").build();
    private static final Metadata ROUTER_ANONYMOUS =
            Metadata.builder().put("Socket-Type", "ROUTER").put("Identity", new byte[0]).build();

    private final List<SessionHarness> harnesses = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        harnesses.forEach(SessionHarness::release);
    }

    // ---- Greeting and handshake. ----

    @Test
    void shouldStartWithTheWholeGreeting() {
        SessionHarness dealer = dealer();

        dealer.session.start();

        byte[] greeting = dealer.takeOutput();
        assertThat(greeting).hasSize(Greeting.SIZE);
        assertThat(hex(greeting)).startsWith("ff00000000000000017f0301" + hex(ascii("NULL")));
    }

    @Test
    void shouldCompleteBackToBackAndCarryMessagesBothWays() throws ZmtpException {
        SessionHarness dealer = dealer();
        SessionHarness router =
                harness(
                        SocketType.ROUTER,
                        Metadata.builder()
                                .put("Socket-Type", "ROUTER")
                                .put("Identity", new byte[0])
                                .put("X-Weft", "yes")
                                .build());
        dealer.session.start();
        router.session.start();
        for (int round = 0; round < 4; round++) {
            router.feed(dealer.takeOutput());
            dealer.feed(router.takeOutput());
        }
        dealer.session.send(Message.of("", "hello"));
        router.session.send(Message.of("", "world"));
        router.feed(dealer.takeOutput());
        dealer.feed(router.takeOutput());

        assertThat(dealer.events).containsExactly("handshake ROUTER 3.1", "message |world");
        assertThat(router.events).containsExactly("handshake DEALER 3.1", "message |hello");
        assertThat(router.session.peerMetadata().identity()).asString().isEqualTo("client-1");
        assertThat(dealer.session.peerMetadata().identity()).isEmpty();
        assertThat(dealer.session.peerMetadata().getString("x-weft")).isEqualTo("yes");
        assertThat(dealer.session.peerGreeting()).isEqualTo(new Greeting(3, 1, "NULL", false));
    }

    @Test
    @DisplayName(
            "RFC 37: A peer MAY start to send messages immediately after completing its handshake,"
                    + " that is, having both sent and received a READY command.")
    void shouldWriteReadyOnlyAfterTheWholeGreetingAndMatchLibzmqDealersReady()
            throws ZmtpException {
        byte[] libzmqRouter = raw("01-null-dealer-router.txt", SERVER_TO_CLIENT);
        SessionHarness dealer = dealer();
        dealer.session.start();
        dealer.takeOutput();

        dealer.feedKeepingRest(Arrays.copyOf(libzmqRouter, Greeting.SIZE - 1));
        assertThat(dealer.takeOutput()).as("READY waits for the whole greeting").isEmpty();
        dealer.feed(Arrays.copyOf(libzmqRouter, Greeting.SIZE));

        assertThat(hex(dealer.takeOutput()))
                .as("Weft's READY equals libzmq DEALER's READY (01 C>S unit 1)")
                .isEqualTo(hex(unit("01-null-dealer-router.txt", CLIENT_TO_SERVER, 1)));
    }

    @Test
    void shouldMatchLibzmqRoutersReadyAndPongs() throws ZmtpException {
        // 05b: a DEALER's PINGs with contexts of 16, 3 and 0 octets, answered by libzmq's ROUTER.
        SessionHarness router = harness(SocketType.ROUTER, ROUTER_ANONYMOUS);

        router.feed(raw("05b-probe-ping-context.txt", CLIENT_TO_SERVER));

        List<GoldenVectors.Unit> libzmq =
                GoldenVectors.load("05b-probe-ping-context.txt")
                        .connection(1)
                        .units(SERVER_TO_CLIENT);
        byte[] expected = new byte[0];
        for (GoldenVectors.Unit u : libzmq.subList(1, libzmq.size())) {
            expected = concat(expected, u.bytes());
        }
        assertThat(hex(router.takeOutput())).isEqualTo(hex(expected));
        assertThat(router.events)
                .containsExactly("handshake DEALER 3.1", "ping 50", "ping 0", "ping 7");
    }

    @Test
    void shouldCompleteAgainstAJeromqZmtp30Greeting() throws ZmtpException {
        SessionHarness router = harness(SocketType.ROUTER, ROUTER_ANONYMOUS);

        router.feed(raw("09-jeromq-dealer-libzmq-router.txt", CLIENT_TO_SERVER));

        assertThat(router.session.peerGreeting().minor()).isZero();
        assertThat(router.session.peerSpeaks31()).isFalse();
        assertThat(router.session.peerType()).isEqualTo(SocketType.DEALER);
        assertThat(router.session.peerMetadata().identity()).asString().isEqualTo("jeromq-1");
        assertThat(router.events)
                .containsExactly("handshake DEALER 3.0", "message |" + "hello from jeromq");
    }

    @Test
    @DisplayName(
            "RFC 37: handle an invalid Socket-Type by returning ERROR and disconnecting (PUSH against"
                    + " PUB, 08b)")
    void shouldRejectAnIncompatiblePeerAndWriteError() {
        SessionHarness push = harness(SocketType.PUSH, socketType("PUSH"));

        assertThatThrownBy(() -> push.feed(raw("08b-mismatch-push-to-pub.txt", SERVER_TO_CLIENT)))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(
                                                ZmtpException.Condition.INCOMPATIBLE_SOCKET_TYPE))
                .hasMessageContaining("PUB")
                .hasMessageContaining("PUSH");

        byte[] ready = unit("08b-mismatch-push-to-pub.txt", CLIENT_TO_SERVER, 1);
        byte[] error =
                frame(
                        FrameFlags.COMMAND,
                        concat(ascii("\u0005ERROR\u0013"), ascii("Invalid socket type")));
        assertThat(hex(push.takeOutput()))
                .as("our READY, as libzmq PUSH's (08b C>S unit 1), then ERROR")
                .isEqualTo(hex(concat(ready, error)));
        assertThat(push.events).isEmpty();
    }

    @Test
    void shouldRejectAPushAnnouncedToAPub() {
        assertCondition(
                () ->
                        harness(SocketType.PUB, socketType("PUB"))
                                .feed(raw("08b-mismatch-push-to-pub.txt", CLIENT_TO_SERVER)),
                ZmtpException.Condition.INCOMPATIBLE_SOCKET_TYPE);
    }

    @Test
    void shouldRejectReadyWithoutOrWithUnknownSocketType() {
        byte[] noType = ready(Metadata.builder().put("Identity", "x").build());
        byte[] unknown = ready(Metadata.builder().put("Socket-Type", "BOGUS").build());

        assertThatThrownBy(() -> dealer().feed(greetingThen(noType)))
                .hasMessageStartingWith("INCOMPATIBLE_SOCKET_TYPE: no Socket-Type");
        assertThatThrownBy(() -> dealer().feed(greetingThen(unknown)))
                .hasMessageStartingWith("INCOMPATIBLE_SOCKET_TYPE: unknown Socket-Type 'BOGUS'");
    }

    @Test
    @DisplayName(
            "RFC 37: If the mechanism that the peer received does not exactly match the mechanism it"
                    + " sent, it MUST close the connection.")
    void shouldRejectAMechanismMismatch() {
        // 08a: a NULL DEALER's greeting reaching a PLAIN server.
        SessionHarness plainServer = harness(new StubMechanism("PLAIN"), SocketType.ROUTER);

        assertThatThrownBy(
                        () ->
                                plainServer.feed(
                                        raw("08a-mismatch-null-vs-plain.txt", CLIENT_TO_SERVER)))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MECHANISM_MISMATCH))
                .hasMessage("MECHANISM_MISMATCH: peer uses NULL, this socket uses PLAIN");
    }

    @Test
    void shouldRejectALibzmqPlainServerGreetingUnderNull() {
        assertCondition(
                () ->
                        harness(SocketType.PUSH, socketType("PUSH"))
                                .feed(raw("06-plain-push-pull.txt", SERVER_TO_CLIENT)),
                ZmtpException.Condition.MECHANISM_MISMATCH);
    }

    @Test
    void shouldWaitOnTheElevenGreetingOctetsOf08a() throws ZmtpException {
        // 08a S>C: the PLAIN server sent signature and major version, then closed.
        byte[] partial = raw("08a-mismatch-null-vs-plain.txt", SERVER_TO_CLIENT);
        assertThat(partial).hasSize(Greeting.SIGNATURE_AND_MAJOR);
        SessionHarness dealer = dealer();

        dealer.feedKeepingRest(partial);

        assertThat(dealer.takeOutput())
                .as("nothing is written before the peer's whole greeting")
                .isEmpty();
        assertThat(dealer.events).isEmpty();
    }

    @Test
    void shouldRejectABadSignatureOnTheFirstOctet() {
        assertCondition(() -> dealer().feed(bytes("01")), ZmtpException.Condition.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectAZmtp20PeerAfterItsMajorVersion() {
        assertCondition(
                () -> dealer().feed(bytes("ff 0000000000000001 7f 01")),
                ZmtpException.Condition.UNSUPPORTED_VERSION);
    }

    @Test
    @DisplayName("RFC 37: null = ready *message | error")
    void shouldRejectAMessageFrameBeforeReadyAtItsFlags() {
        // Only the flags octet: the body is never waited for or buffered.
        assertThatThrownBy(() -> dealer().feed(greetingThen(bytes("00"))))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.UNEXPECTED_COMMAND))
                .hasMessageContaining("message frame (flags 0x00)");
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("80"))),
                ZmtpException.Condition.UNEXPECTED_COMMAND);
    }

    @Test
    void shouldRejectAnUnknownCommandDuringTheNullHandshake() {
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("04 04 03 464f4f"))),
                ZmtpException.Condition.UNEXPECTED_COMMAND);
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("04 07 04 50494e47 0000"))),
                ZmtpException.Condition.UNEXPECTED_COMMAND);
    }

    @Test
    void shouldRejectBadFlagsOnAHandshakeCommand() {
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("05 06 055245414459"))),
                ZmtpException.Condition.BAD_FLAGS);
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("0c 06 055245414459"))),
                ZmtpException.Condition.BAD_FLAGS);
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("84 06 055245414459"))),
                ZmtpException.Condition.BAD_FLAGS);
    }

    @Test
    void shouldRejectAHandshakeCommandOverTheLimitFromItsHeader() throws ZmtpException {
        int limit = ZmtpSession.MAX_HANDSHAKE_COMMAND;
        // Exactly at the limit is fine (it waits for the body) ...
        SessionHarness atLimit = dealer();
        atLimit.feedKeepingRest(greetingThen(bytes("06" + String.format("%016x", limit))));
        assertThat(atLimit.session.pendingBodySize()).isEqualTo(limit);
        // ... one more is refused from the header alone.
        assertThatThrownBy(
                        () ->
                                dealer().feed(
                                                greetingThen(
                                                        bytes(
                                                                "06"
                                                                        + String.format(
                                                                                "%016x",
                                                                                limit + 1)))))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.FRAME_TOO_LARGE))
                .hasMessage(
                        "FRAME_TOO_LARGE: handshake command of "
                                + (limit + 1)
                                + " octets > "
                                + limit);
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("06 4000000000000000"))),
                ZmtpException.Condition.FRAME_TOO_LARGE);
        assertCondition(
                () -> dealer().feed(greetingThen(bytes("06 ffffffffffffffff"))),
                ZmtpException.Condition.FRAME_TOO_LARGE);
    }

    @Test
    @DisplayName("RFC 37: The peer SHALL treat an incoming ERROR command as fatal (08e)")
    void shouldFailOnThePeersError() {
        assertThatThrownBy(
                        () ->
                                harness(SocketType.PUSH, socketType("PUSH"))
                                        .feed(
                                                raw(
                                                        "08e-null-zap-denied-error.txt",
                                                        SERVER_TO_CLIENT)))
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
        StubMechanism plain = new StubMechanism("PLAIN");
        SessionHarness client = harness(plain, SocketType.PUSH);

        assertThatThrownBy(
                        () ->
                                client.feed(
                                        raw("08c-plain-bad-password-error.txt", SERVER_TO_CLIENT)))
                .isExactlyInstanceOf(ZmtpException.class)
                .hasMessageStartingWith("MALFORMED_COMMAND: command name length 94");
        assertThat(plain.received).as("the mechanism never saw the malformed command").isEmpty();
    }

    @Test
    void shouldHandPlainHandshakeCommandsToTheMechanism() throws ZmtpException {
        // 06 S>C: WELCOME then READY, as ordinary commands for a PLAIN client mechanism.
        StubMechanism plain = new StubMechanism("PLAIN");
        SessionHarness client = harness(plain, SocketType.PUSH);

        client.feed(raw("06-plain-push-pull.txt", SERVER_TO_CLIENT));

        assertThat(plain.received).containsExactly(CommandName.WELCOME, CommandName.READY);
        assertThat(client.session.peerType()).isEqualTo(SocketType.PULL);
        assertThat(client.events).containsExactly("handshake PULL 3.1");
    }

    // ---- Traffic after the handshake. ----

    /** Every NULL capture, fed to a session of the type that received it. */
    static Stream<Case> goldenCases() {
        return Stream.of(
                new Case("01-null-dealer-router.txt", CLIENT_TO_SERVER, SocketType.ROUTER),
                new Case("01-null-dealer-router.txt", SERVER_TO_CLIENT, SocketType.DEALER),
                new Case("02-null-sub-pub-zmtp31.txt", CLIENT_TO_SERVER, SocketType.PUB),
                new Case("02-null-sub-pub-zmtp31.txt", SERVER_TO_CLIENT, SocketType.SUB),
                new Case("03a-jeromq-sub-libzmq-pub.txt", CLIENT_TO_SERVER, SocketType.PUB),
                new Case("03b-libzmq-sub-jeromq-pub.txt", SERVER_TO_CLIENT, SocketType.SUB),
                new Case("04-null-req-rep.txt", CLIENT_TO_SERVER, SocketType.REP),
                new Case("04-null-req-rep.txt", SERVER_TO_CLIENT, SocketType.REQ),
                new Case("05-heartbeat-dealer-router.txt", CLIENT_TO_SERVER, SocketType.ROUTER),
                new Case("05-heartbeat-dealer-router.txt", SERVER_TO_CLIENT, SocketType.DEALER),
                new Case("09-jeromq-dealer-libzmq-router.txt", CLIENT_TO_SERVER, SocketType.ROUTER),
                new Case(
                        "09-jeromq-dealer-libzmq-router.txt", SERVER_TO_CLIENT, SocketType.DEALER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void shouldReportTheCapturedTrafficFedWhole(Case c) throws ZmtpException {
        SessionHarness h = c.harness(this);

        h.feed(c.stream());

        assertThat(h.events).containsExactlyElementsOf(c.expectedEvents());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void shouldReportTheCapturedTrafficSplitAtEveryPoint(Case c) throws ZmtpException {
        byte[] stream = c.stream();
        List<String> expected = c.expectedEvents();
        byte[] expectedOutput = null;
        for (int cut = 0; cut <= stream.length; cut += stream.length > 2000 ? 97 : 1) {
            SessionHarness h = c.harness(this);
            h.feed(stream, cut);
            if (!h.events.equals(expected)) {
                assertThat(h.events).as("cut at %d of %d", cut, stream.length).isEqualTo(expected);
            }
            byte[] output = h.takeOutput();
            if (expectedOutput == null) {
                expectedOutput = output;
            }
            assertThat(output).as("output, cut at %d", cut).isEqualTo(expectedOutput);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void shouldReportTheCapturedTrafficFedByteByByte(Case c) throws ZmtpException {
        byte[] stream = c.stream();
        int[] cuts = new int[stream.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        SessionHarness h = c.harness(this);

        h.feed(stream, cuts);

        assertThat(h.events).containsExactlyElementsOf(c.expectedEvents());
    }

    @Test
    void shouldAnswerPingWithPongAndPassPatternCommands() throws ZmtpException {
        SessionHarness pub = harness(SocketType.PUB, socketType("PUB"));

        pub.feed(
                concat(
                        greetingThen(ready(socketType("SUB"))),
                        bytes("04 0a 0450494e47 0064 616263"), // PING ttl 100, context "abc"
                        bytes("04 07 0450494e47 0000"), // PING with no TTL
                        bytes("04 0c 09535542534352494245 6162"), // SUBSCRIBE "ab"
                        bytes("04 05 04504f4e47"), // PONG: nothing to do
                        bytes("04 04 03464f4f"), // unknown FOO: ignored
                        bytes("04 07 044a4f494e 6772"))); // JOIN "gr", passed on

        assertThat(pub.events)
                .containsExactly(
                        "handshake SUB 3.1",
                        "ping 100",
                        "ping 0",
                        "command SUBSCRIBE 6162",
                        "command JOIN 6772");
        byte[] out = pub.takeOutput();
        byte[] pongs = Arrays.copyOfRange(out, out.length - 17, out.length);
        assertThat(hex(pongs)).isEqualTo("040804504f4e47616263" + "040504504f4e47");
    }

    @Test
    void shouldFailOnReadyOrErrorAfterTheHandshake() {
        assertThatThrownBy(() -> handshaken().feed(ready(socketType("ROUTER"))))
                .hasMessage("UNEXPECTED_COMMAND: READY after the handshake completed");
        assertThatThrownBy(() -> handshaken().feed(bytes("04 0a 054552524f52 03343030")))
                .hasMessage("PEER_ERROR: peer sent ERROR '400'");
        assertCondition(
                () -> handshaken().feed(bytes("04 06 0450494e47 00")),
                ZmtpException.Condition.MALFORMED_COMMAND);
    }

    @Test
    void shouldApplyTheTrafficLimitsAfterTheHandshake() throws ZmtpException {
        SessionHarness h = handshaken();
        h.feedKeepingRest(bytes("06 " + String.format("%016x", ZmtpSession.MAX_TRAFFIC_COMMAND)));
        assertThat(h.session.pendingBodySize()).isEqualTo(ZmtpSession.MAX_TRAFFIC_COMMAND);

        assertThatThrownBy(
                        () ->
                                handshaken()
                                        .feed(
                                                bytes(
                                                        "06 "
                                                                + String.format(
                                                                        "%016x",
                                                                        ZmtpSession
                                                                                        .MAX_TRAFFIC_COMMAND
                                                                                + 1))))
                .hasMessageStartingWith("FRAME_TOO_LARGE: command of ");
        assertCondition(
                () -> handshaken().feed(bytes("02 0000000000100001")),
                ZmtpException.Condition.FRAME_TOO_LARGE);
    }

    @Test
    void shouldCopySmallBodiesAndSliceLargeOnes() throws ZmtpException {
        SessionHarness h = handshaken();
        List<Message> kept = new ArrayList<>();
        h.keep = kept;
        byte[] large = new byte[FrameDecoder.COPY_THRESHOLD + 1];
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            in.writeBytes(concat(frame(FrameFlags.MORE, ascii("small")), frame(0, large)));

            h.session.feed(in);

            assertThat(kept).hasSize(1);
            assertThat(in.refCnt()).as("the large body is a slice of the read buffer").isEqualTo(2);
            Message m = kept.get(0);
            assertThat(m.frame(0).content().hasArray()).as("a small body is a heap copy").isTrue();
            m.addFirst(Unpooled.wrappedBuffer(ascii("id")));
            assertThat(m.size()).as("a routing id prepended").isEqualTo(3);
            m.close();
            assertThat(in.refCnt()).isOne();
        } finally {
            in.release();
        }
    }

    @Test
    void shouldStopAfterTheFrameThatPausedItAndGoOnAfterResume() throws ZmtpException {
        SessionHarness h = handshaken();
        h.pauseOnMessage = true;
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            in.writeBytes(concat(frame(0, ascii("one")), frame(0, ascii("two"))));

            h.session.feed(in);
            assertThat(h.events).containsExactly("message one");
            assertThat(in.readableBytes()).isEqualTo(5);

            h.session.feed(in);
            assertThat(h.events).as("paused: nothing more").containsExactly("message one");

            h.pauseOnMessage = false;
            h.session.resume();
            h.session.feed(in);
            assertThat(h.events).containsExactly("message one", "message two");
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void shouldReleaseAPartlyReceivedMessageAndIgnoreInputOnClose() throws ZmtpException {
        SessionHarness h = handshaken();
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            in.writeBytes(frame(FrameFlags.MORE, new byte[FrameDecoder.COPY_THRESHOLD + 10]));
            h.session.feed(in);
            assertThat(in.refCnt()).as("the first frame holds a slice").isEqualTo(2);

            h.session.close();
            in.writeBytes(frame(0, ascii("late")));
            h.session.feed(in);

            assertThat(in.refCnt()).isOne();
            assertThat(h.events).isEmpty();
            h.session.resume();
            h.session.feed(in);
            assertThat(h.events).as("resume does not reopen a closed session").isEmpty();
        } finally {
            in.release();
        }
    }

    // ---- Encoding. ----

    @Test
    void shouldEncodeMessagesCommandsAndPingsThroughOneWriter() {
        SessionHarness h = dealer();
        byte[] large = new byte[300];
        Arrays.fill(large, (byte) 'A');
        Message m = Message.of(new byte[0], ascii("hello"), large);
        try {
            h.session.send(m);
            assertThat(hex(h.takeOutput()))
                    .as("01 C>S units 2-4, libzmq DEALER's message")
                    .isEqualTo(
                            hex(
                                    concat(
                                            unit("01-null-dealer-router.txt", CLIENT_TO_SERVER, 2),
                                            unit("01-null-dealer-router.txt", CLIENT_TO_SERVER, 3),
                                            unit(
                                                    "01-null-dealer-router.txt",
                                                    CLIENT_TO_SERVER,
                                                    4))));
            assertThat(m.frame(2).content().readableBytes()).as("not consumed").isEqualTo(300);
        } finally {
            m.close();
        }

        h.session.sendPing(10);
        assertThat(hex(h.takeOutput()))
                .as("05 C>S unit 2, libzmq's PING")
                .isEqualTo(hex(unit("05-heartbeat-dealer-router.txt", CLIENT_TO_SERVER, 2)));

        h.session.sendCommand(PeerCommand.subscribe(ascii("weather")));
        assertThat(hex(h.takeOutput()))
                .as("02 C>S unit 2, libzmq's SUBSCRIBE")
                .isEqualTo(hex(unit("02-null-sub-pub-zmtp31.txt", CLIENT_TO_SERVER, 2)));
    }

    @Test
    void shouldHandLargeBodiesToTheOutputUncopied() {
        SessionHarness h = dealer();
        Message m = Message.of(new byte[20_000]);
        try {
            h.session.send(m);

            assertThat(h.bodies).hasSize(1);
            assertThat(h.bodies.get(0)).isSameAs(m.frame(0).content());
            assertThat(h.takeOutput()).hasSize(9 + 20_000);
        } finally {
            m.close();
        }
    }

    // ---- helpers ----

    /** One golden stream and the type of the socket that received it. */
    record Case(String file, Direction direction, SocketType receiver) {
        byte[] stream() {
            return raw(file, direction);
        }

        SessionHarness harness(ZmtpSessionTest test) {
            return test.harness(receiver, socketType(receiver.wireName()));
        }

        /** The events the captured units stand for, worked out without the code under test. */
        List<String> expectedEvents() {
            List<GoldenVectors.Unit> units =
                    GoldenVectors.load(file).connection(1).units(direction);
            List<String> events = new ArrayList<>();
            StringBuilder message = null;
            for (GoldenVectors.Unit u : units.subList(1, units.size())) {
                byte[] b = u.bytes();
                int flags = b[0] & 0xff;
                int header = (flags & FrameFlags.LONG) != 0 ? 9 : 2;
                byte[] body = Arrays.copyOfRange(b, header, b.length);
                if ((flags & FrameFlags.COMMAND) != 0) {
                    String name = new String(body, 1, body[0], StandardCharsets.US_ASCII);
                    byte[] data = Arrays.copyOfRange(body, 1 + body[0], body.length);
                    switch (name) {
                        case "READY" -> {
                            SocketType peer =
                                    SocketType.fromWireName(
                                            new String(
                                                    metadataType(data), StandardCharsets.US_ASCII));
                            events.add("handshake " + peer + " 3." + raw(file, direction)[11]);
                        }
                        case "PING" ->
                                events.add("ping " + (((data[0] & 0xff) << 8) | (data[1] & 0xff)));
                        case "PONG" -> {}
                        default -> events.add("command " + name + " " + hex(data));
                    }
                } else {
                    message = message == null ? new StringBuilder() : message.append('|');
                    message.append(describe(body));
                    if ((flags & FrameFlags.MORE) == 0) {
                        events.add("message " + message);
                        message = null;
                    }
                }
            }
            return events;
        }

        /** The value of the first property of READY's metadata, which is Socket-Type. */
        private static byte[] metadataType(byte[] data) {
            int nameLen = data[0];
            int at = 1 + nameLen;
            int valueLen =
                    ((data[at] & 0xff) << 24)
                            | ((data[at + 1] & 0xff) << 16)
                            | ((data[at + 2] & 0xff) << 8)
                            | (data[at + 3] & 0xff);
            return Arrays.copyOfRange(data, at + 4, at + 4 + valueLen);
        }

        @Override
        public String toString() {
            return file + " " + direction.label() + " into " + receiver;
        }
    }

    private SessionHarness harness(SocketType type, Metadata metadata) {
        return harness(new NullMechanism(metadata), type);
    }

    private SessionHarness harness(Mechanism mechanism, SocketType type) {
        SessionHarness h = new SessionHarness(mechanism, type);
        harnesses.add(h);
        return h;
    }

    private SessionHarness dealer() {
        return harness(SocketType.DEALER, DEALER_CLIENT_1);
    }

    /** A DEALER whose handshake with a ROUTER is done, its events and output cleared. */
    private SessionHarness handshaken() throws ZmtpException {
        SessionHarness h = dealer();
        h.session.start();
        h.feed(greetingThen(ready(socketType("ROUTER"))));
        h.events.clear();
        h.takeOutput();
        return h;
    }

    /** Text when printable, hex in angle brackets otherwise; long bodies as their size. */
    private static byte[] raw(String file, Direction direction) {
        return GoldenVectors.load(file).connection(1).raw(direction);
    }

    private static byte[] unit(String file, Direction direction, int index) {
        return GoldenVectors.load(file).connection(1).units(direction).get(index).bytes();
    }

    private static byte[] greetingThen(byte[] frames) {
        ByteBuf g = Unpooled.buffer();
        Greeting.write("NULL", false, g);
        byte[] greeting = new byte[g.readableBytes()];
        g.readBytes(greeting);
        return concat(greeting, frames);
    }

    private static byte[] ready(Metadata metadata) {
        ByteBuf out = Unpooled.buffer();
        Commands.writeReady(metadata, out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    private static byte[] frame(int flags, byte[] body) {
        ByteBuf out = Unpooled.buffer();
        FrameEncoder.writeHeader(flags, body.length, out);
        out.writeBytes(body);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    private static Metadata socketType(String type) {
        return Metadata.builder().put("Socket-Type", type).build();
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static void assertCondition(ThrowingCallable call, ZmtpException.Condition condition) {
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
        public void start(CommandWriter out) {}

        @Override
        public Progress onCommand(CommandName command, ByteBuf data, CommandWriter out)
                throws ZmtpException {
            received.add(command);
            if (command == CommandName.READY) {
                peer = Commands.readMetadata(data);
                return Progress.COMPLETE;
            }
            return Progress.CONTINUE;
        }

        @Override
        public Metadata peerMetadata() {
            return peer;
        }
    }
}
