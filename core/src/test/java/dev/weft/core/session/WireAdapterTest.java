package dev.weft.core.session;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldReadSubscriptionMessagesAsCommandsOnAPublisher() {
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
    void shouldPassMessagesStartingWithZeroOrOneOnOtherTypes() {
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
