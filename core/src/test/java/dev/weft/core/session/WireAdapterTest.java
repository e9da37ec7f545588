package dev.weft.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.Greeting;
import dev.weft.core.zmtp.NullMechanism;
import dev.weft.core.zmtp.ZmtpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wire adapters chosen by socket type: ZMTP 3.0 subscription messages read as commands by
 * publishers and written to 3.0 peers by subscribers; every other type passes messages and commands
 * as they are.
 */
class WireAdapterTest {
    private static final HexFormat HEX = HexFormat.of();

    private final ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
    private final List<Object> received = new ArrayList<>();
    private final WireAdapter.Receiver receiver =
            new WireAdapter.Receiver() {
                @Override
                public void message(Message message) {
                    received.add(message.strings());
                    message.close();
                }

                @Override
                public void command(PeerCommand command) {
                    received.add(command);
                }
            };

    @AfterEach
    void release() {
        out.release();
    }

    @Test
    void shouldChooseByTheSocketsOwnType() {
        assertThat(WireAdapter.forSocketType(SocketType.PUB))
                .isSameAs(WireAdapter.forSocketType(SocketType.XPUB))
                .isNotSameAs(WireAdapter.forSocketType(SocketType.SUB));
        assertThat(WireAdapter.forSocketType(SocketType.SUB))
                .isSameAs(WireAdapter.forSocketType(SocketType.XSUB));
        assertThat(WireAdapter.forSocketType(SocketType.DEALER))
                .isSameAs(WireAdapter.forSocketType(SocketType.PUSH));
    }

    @Test
    @DisplayName(
            "RFC 29: a ZMTP 3.0 subscription is a message starting 0x01 (subscribe) or 0x00 (cancel)")
    void shouldReadSubscriptionMessagesAsCommandsOnAPublisher() throws ZmtpException {
        WireAdapter pub = WireAdapter.forSocketType(SocketType.XPUB);

        pub.received(Message.of(bytes("01 77656174686572")), receiver);
        pub.received(Message.of(bytes("00 77656174686572")), receiver);
        pub.received(Message.of(bytes("01")), receiver);
        pub.received(Message.of(new byte[0]), receiver);
        pub.received(Message.of("weather"), receiver);

        assertThat(received)
                .containsExactly(
                        new PeerCommand(PeerCommand.Kind.SUBSCRIBE, ascii("weather")),
                        new PeerCommand(PeerCommand.Kind.CANCEL, ascii("weather")),
                        new PeerCommand(PeerCommand.Kind.SUBSCRIBE, new byte[0]),
                        List.of(""),
                        List.of("weather"));
    }

    @Test
    void shouldPassMessagesStartingWithZeroOrOneOnOtherTypes() throws ZmtpException {
        WireAdapter.forSocketType(SocketType.SUB).received(Message.of(bytes("01 61")), receiver);
        WireAdapter.forSocketType(SocketType.PULL).received(Message.of(bytes("00 61")), receiver);

        assertThat(received).containsExactly(List.of("\u0001a"), List.of("\u0000a"));
    }

    @Test
    void shouldWriteSubscriptionsAsMessagesToAZmtp30PeerAndAsCommandsToA31Peer()
            throws ZmtpException {
        WireAdapter sub = WireAdapter.forSocketType(SocketType.SUB);

        ZmtpSession zmtp30 = handshaken(0);
        sub.send(PeerCommand.subscribe(ascii("weather")), zmtp30);
        sub.send(PeerCommand.cancel(ascii("weather")), zmtp30);
        // 03a C>S units 2 and 4: JeroMQ's SUB to libzmq's PUB, ZMTP 3.0.
        assertThat(HEX.formatHex(take()))
                .isEqualTo("00080177656174686572" + "00080077656174686572");

        sub.send(PeerCommand.subscribe(ascii("weather")), handshaken(1));
        // 02 C>S unit 2: libzmq's SUB, ZMTP 3.1.
        assertThat(HEX.formatHex(take())).isEqualTo("04110953554253435249424577656174686572");
    }

    @Test
    void shouldWriteOtherCommandsAsCommands() throws ZmtpException {
        WireAdapter.forSocketType(SocketType.DEALER)
                .send(new PeerCommand(PeerCommand.Kind.JOIN, ascii("g")), handshaken(0));

        assertThat(HEX.formatHex(take())).isEqualTo("0406044a4f494e67");
    }

    @Test
    @DisplayName(
            "RFC 37: RADIO sends the group and the message over the wire as a two parts message")
    void shouldWriteTheGroupFrameBeforeTheBodyOnARadio() throws ZmtpException {
        ZmtpSession session = handshaken(0);
        Message m = Message.of("hi").group("weather");
        try {
            WireAdapter.forSocketType(SocketType.RADIO).send(m, session);
        } finally {
            m.close();
        }

        assertThat(HEX.formatHex(take())).isEqualTo("0107" + "77656174686572" + "0002" + "6869");
    }

    @Test
    void shouldWriteAMultiOctetUtf8GroupByItsOctetLength() throws ZmtpException {
        ZmtpSession session = handshaken(1);
        Message m = Message.of(new byte[0]).group("été");
        try {
            WireAdapter.forSocketType(SocketType.RADIO).send(m, session);
        } finally {
            m.close();
        }

        assertThat(HEX.formatHex(take())).isEqualTo("0105c3a974c3a9" + "0000");
    }

    @Test
    @DisplayName("RFC 48: DISH SHALL attach the group to the message")
    void shouldTurnTheTwoFramesIntoOneMessageWithItsGroupOnADish() throws ZmtpException {
        List<Message> got = new ArrayList<>();
        WireAdapter.forSocketType(SocketType.DISH)
                .received(Message.of("weather", "sunny"), messagesInto(got));

        assertThat(got).hasSize(1);
        try (Message m = got.get(0)) {
            assertThat(m.group()).isEqualTo("weather");
            assertThat(m.strings()).containsExactly("sunny");
        }
    }

    @Test
    void shouldPassAnInprocMessageThatAlreadyCarriesItsGroup() throws ZmtpException {
        List<Message> got = new ArrayList<>();
        WireAdapter.forSocketType(SocketType.DISH)
                .received(Message.of("sunny").group("weather"), messagesInto(got));

        try (Message m = got.get(0)) {
            assertThat(m.group()).isEqualTo("weather");
            assertThat(m.strings()).containsExactly("sunny");
        }
    }

    @Test
    void shouldRefuseMalformedRadioMessagesOnADishAndReleaseThem() {
        WireAdapter dish = WireAdapter.forSocketType(SocketType.DISH);
        byte[] longGroup = new byte[256];
        java.util.Arrays.fill(longGroup, (byte) 'g');

        assertMalformed(dish, Message.of("body only"), "a body without a group frame");
        assertMalformed(dish, Message.of("g", "a", "b"), "3 frames");
        assertMalformed(dish, Message.of(longGroup, ascii("x")), "group frame of 256 octets");
        assertMalformed(dish, Message.of(new byte[0], ascii("x")), "group frame of 0 octets");
        assertMalformed(dish, Message.of(bytes("c3 28"), ascii("x")), "not UTF-8");
        assertThat(received).isEmpty();
    }

    @Test
    void shouldAcceptAGroupFrameOf255Octets() throws ZmtpException {
        byte[] group = new byte[255];
        java.util.Arrays.fill(group, (byte) 'g');
        List<Message> got = new ArrayList<>();
        WireAdapter.forSocketType(SocketType.DISH)
                .received(Message.of(group, ascii("x")), messagesInto(got));

        try (Message m = got.get(0)) {
            assertThat(m.group()).hasSize(255);
        }
    }

    @Test
    @DisplayName("RFC 37: to join a group, the DISH peer SHALL send a JOIN command")
    void shouldCheckJoinAndLeaveGroupsOnARadio() throws ZmtpException {
        WireAdapter radio = WireAdapter.forSocketType(SocketType.RADIO);
        PeerCommand join = new PeerCommand(PeerCommand.Kind.JOIN, ascii("g"));
        PeerCommand leave = new PeerCommand(PeerCommand.Kind.LEAVE, new byte[255]);
        radio.received(join, receiver);
        radio.received(leave, receiver);
        assertThat(received).containsExactly(join, leave);

        for (PeerCommand bad :
                List.of(
                        new PeerCommand(PeerCommand.Kind.JOIN, new byte[0]),
                        new PeerCommand(PeerCommand.Kind.LEAVE, new byte[0]),
                        new PeerCommand(PeerCommand.Kind.JOIN, new byte[256]))) {
            assertThatThrownBy(() -> radio.received(bad, receiver))
                    .isInstanceOfSatisfying(
                            ZmtpException.class,
                            e ->
                                    assertThat(e.condition())
                                            .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND))
                    .hasMessageContaining("expected: 1..255");
        }
    }

    @Test
    void shouldSendJoinAndLeaveAsCommandsEvenToAZmtp30Peer() throws ZmtpException {
        WireAdapter dish = WireAdapter.forSocketType(SocketType.DISH);
        ZmtpSession zmtp30 = handshaken(0);

        dish.send(new PeerCommand(PeerCommand.Kind.JOIN, ascii("g")), zmtp30);
        dish.send(new PeerCommand(PeerCommand.Kind.LEAVE, ascii("g")), zmtp30);

        // JeroMQ 0.6.0's DishSession: "\4JOIN" + group and "\5LEAVE" + group, COMMAND flag.
        assertThat(HEX.formatHex(take())).isEqualTo("0406044a4f494e67" + "0407054c4541564567");
    }

    private static WireAdapter.Receiver messagesInto(List<Message> got) {
        return new WireAdapter.Receiver() {
            @Override
            public void message(Message message) {
                got.add(message);
            }

            @Override
            public void command(PeerCommand command) {
                throw new AssertionError("no command expected: " + command);
            }
        };
    }

    private void assertMalformed(WireAdapter wire, Message message, String detail) {
        assertThatThrownBy(() -> wire.received(message, receiver))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_MESSAGE))
                .hasMessageContaining(detail);
        assertThat(message.isEmpty() || message.frame(0).content().refCnt() == 0).isTrue();
    }

    /** A SUB session whose PUB peer greeted with the given minor version; output cleared. */
    private ZmtpSession handshaken(int minor) throws ZmtpException {
        ZmtpSession session =
                new ZmtpSession(
                        new NullMechanism(Metadata.builder().put("Socket-Type", "SUB").build()),
                        SocketType.SUB,
                        1 << 20,
                        PooledByteBufAllocator.DEFAULT,
                        new ZmtpSession.Output() {
                            @Override
                            public ByteBuf buffer() {
                                return out;
                            }

                            @Override
                            public void writeBody(ByteBuf body) {
                                out.writeBytes(body, body.readerIndex(), body.readableBytes());
                            }
                        },
                        new ZmtpSession.Listener() {
                            @Override
                            public void handshakeSucceeded() {}

                            @Override
                            public void messageReceived(Message message) {
                                message.close();
                            }

                            @Override
                            public void commandReceived(PeerCommand command) {}

                            @Override
                            public void pingReceived(int ttlDeciseconds) {}

                            @Override
                            public void handshakeWaiting(CompletionStage<?> stage) {
                                throw new AssertionError("NULL never waits");
                            }
                        },
                        "127.0.0.1:5555");
        ByteBuf in = Unpooled.buffer();
        Greeting.write("NULL", false, in);
        in.setByte(11, minor);
        Commands.writeReady(Metadata.builder().put("Socket-Type", "PUB").build(), in);
        session.feed(in);
        assertThat(session.handshakeCompleted()).isTrue();
        take();
        return session;
    }

    private byte[] take() {
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        out.clear();
        return b;
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
