package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command bodies RFC 37 defines: READY metadata, ERROR, SUBSCRIBE/CANCEL, PING and PONG. */
class CommandsTest {

    // ---- Metadata ----

    @Test
    void shouldRoundTripMetadataInOrder() throws ZmtpException {
        Metadata sent =
                Metadata.builder()
                        .put("Socket-Type", "DEALER")
                        .put("Identity", new byte[0])
                        .put("X-Binary", new byte[] {0, (byte) 0xFF, 7})
                        .build();

        byte[] wire = write(out -> Commands.writeMetadata(sent, out));
        Metadata read = Commands.readMetadata(Unpooled.wrappedBuffer(wire));

        assertThat(wire).hasSize(Commands.metadataSize(sent));
        assertThat(read.properties())
                .extracting(Metadata.Property::name)
                .containsExactly("Socket-Type", "Identity", "X-Binary");
        assertThat(read.get("X-Binary")).containsExactly(0, 0xFF, 7);
        assertThat(read.identity()).isEmpty();
        assertThat(read.socketType()).isEqualTo("DEALER");
    }

    @Test
    @DisplayName("RFC 37: Metadata names SHALL be case-insensitive.")
    void shouldLookUpNamesIgnoringCaseAndKeepTheirCaseOnTheWire() throws ZmtpException {
        Metadata read =
                Commands.readMetadata(
                        Hex.buf("0b 736f636b45542d74595045 00000003 505542")); // "sockET-tYPE"

        assertThat(read.socketType()).isEqualTo("PUB");
        assertThat(read.getString("SOCKET-TYPE")).isEqualTo("PUB");
        assertThat(read.getString("socket-type")).isEqualTo("PUB");
        assertThat(read.properties().get(0).name()).isEqualTo("sockET-tYPE");
        assertThat(Hex.of(write(out -> Commands.writeMetadata(read, out))))
                .isEqualTo("0b736f636b45542d7459504500000003505542");
    }

    @Test
    @DisplayName("RFC 37: Zero-sized values are allowed.")
    void shouldAcceptZeroLengthValues() throws ZmtpException {
        Metadata read =
                Commands.readMetadata(Hex.buf("08 4964656e74697479 00000000 01 41 00000000"));

        assertThat(read.identity()).isEmpty();
        assertThat(read.get("a")).isEmpty();
        assertThat(read.get("B")).isNull();
    }

    @Test
    void shouldAcceptEmptyMetadata() throws ZmtpException {
        assertThat(Commands.readMetadata(Unpooled.EMPTY_BUFFER).properties()).isEmpty();
        assertThat(Commands.metadataSize(Metadata.EMPTY)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "01 41 00000002 42", // value length 2, one octet left
                "01 41 7fffffff", // 2^31-1 announced, nothing there
                "01 41 ffffffff 00", // 2^32-1 announced: must not allocate it
                "01 41 0000", // value length cut short
                "01 41", // no value length at all
                "05 4964", // name longer than the data
                "00 00000000", // zero-length name
                "01 3a 00000000", // ':' is not a name-char
                "01 20 00000000" // nor is a space
            })
    @DisplayName("RFC 37: The name SHALL be 1 to 255 characters. Zero-sized names are not valid.")
    void shouldRejectMalformedMetadata(String hex) {
        assertMalformed(() -> Commands.readMetadata(Hex.buf(hex)));
    }

    @Test
    void shouldReportTheOffendingPropertyInTheMessage() {
        assertThatThrownBy(() -> Commands.readMetadata(Hex.buf("01 41 00000009 42")))
                .hasMessage(
                        "MALFORMED_COMMAND: metadata property 'A' value length 9 with 1 octets left");
        assertThatThrownBy(() -> Commands.readMetadata(Hex.buf("00")))
                .hasMessageContaining("metadata name length 0");
    }

    @Test
    void shouldWriteReadyAsLibzmqDoes() {
        Metadata dealer =
                Metadata.builder().put("Socket-Type", "DEALER").put("Identity", "client-1").build();

        assertThat(Hex.of(write(out -> Commands.writeReady(dealer, out))))
                .isEqualTo(
                        "0431"
                                + "055245414459"
                                + "0b536f636b65742d54797065"
                                + "00000006"
                                + "4445414c4552"
                                + "084964656e74697479"
                                + "00000008"
                                + "636c69656e742d31");
    }

    @Test
    void shouldUseTheLongFormForALargeReady() throws ZmtpException {
        Metadata big = Metadata.builder().put("X-Big", new byte[300]).build();

        byte[] wire = write(out -> Commands.writeReady(big, out));

        assertThat(Hex.of(wire)).startsWith("06" + String.format("%016x", 6 + 1 + 5 + 4 + 300));
        assertThat(PieceFeeder.whole(wire)).hasSize(1);
    }

    // ---- ERROR ----

    @Test
    void shouldRoundTripAnErrorReason() throws ZmtpException {
        byte[] wire = write(out -> Commands.writeError("Invalid socket type", out));
        ByteBuf body = Unpooled.wrappedBuffer(DecodedFrame.ofUnit(wire).body());

        assertThat(wire[0]).isEqualTo((byte) FrameFlags.COMMAND);
        assertThat(CommandName.read(body)).isEqualTo(CommandName.ERROR);
        assertThat(Commands.readErrorReason(body)).isEqualTo("Invalid socket type");
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void shouldWriteZapDenialErrorAsLibzmqDoes() {
        assertThat(Hex.of(write(out -> Commands.writeError("400", out))))
                .isEqualTo("040a054552524f5203343030");
    }

    @Test
    @DisplayName("RFC 37: error-reason = short-size 0*255VCHAR")
    void shouldCutAReasonAt255Octets() throws ZmtpException {
        String reason = "x".repeat(254) + "yz" + "tail that is cut";

        byte[] wire = write(out -> Commands.writeError(reason, out));
        DecodedFrame frame = DecodedFrame.ofUnit(wire);
        ByteBuf body = Unpooled.wrappedBuffer(frame.body());

        assertThat(frame.body()).hasSize(1 + 5 + 1 + 255);
        assertThat(frame.flags()).isEqualTo(FrameFlags.COMMAND | FrameFlags.LONG);
        assertThat(CommandName.read(body)).isEqualTo(CommandName.ERROR);
        assertThat(Commands.readErrorReason(body)).isEqualTo("x".repeat(254) + "y");
    }

    @Test
    void shouldReadAnEmptyErrorReason() throws ZmtpException {
        assertThat(Commands.readErrorReason(Hex.buf("00"))).isEmpty();
    }

    @ParameterizedTest(name = "data [{0}]")
    @ValueSource(strings = {"", "04 343030", "ff"})
    void shouldRejectAMissingOrCutReason(String hex) {
        assertMalformed(() -> Commands.readErrorReason(Hex.buf(hex)));
    }

    // ---- SUBSCRIBE / CANCEL ----

    @Test
    @DisplayName(
            "README observation 6: 04 11 09 SUBSCRIBE weather, 04 0a 09 SUBSCRIBE, 04 0e 06 CANCEL weather")
    void shouldWriteSubscriptionsAsLibzmqDoes() {
        byte[] weather = "weather".getBytes(StandardCharsets.US_ASCII);

        assertThat(Hex.of(write(out -> Commands.write(CommandName.SUBSCRIBE, weather, out))))
                .isEqualTo("0411" + "09535542534352494245" + "77656174686572");
        assertThat(Hex.of(write(out -> Commands.write(CommandName.SUBSCRIBE, new byte[0], out))))
                .isEqualTo("040a09535542534352494245");
        ByteBuf topic = Unpooled.wrappedBuffer(weather);
        assertThat(Hex.of(write(out -> Commands.write(CommandName.CANCEL, topic, out))))
                .isEqualTo("040e0643414e43454c77656174686572");
        assertThat(topic.readableBytes()).as("the data is not consumed").isEqualTo(7);
    }

    // ---- PING / PONG ----

    @Test
    @DisplayName("README observation 7: a libzmq PING is 04 07 04 PING <ttl> with an empty context")
    void shouldWritePingWithTtlAndContext() {
        assertThat(Hex.of(write(out -> Commands.writePing(10, new byte[0], out))))
                .isEqualTo("04070450494e47000a");
        assertThat(Hex.of(write(out -> Commands.writePing(0xFFFF, Hex.bytes("616263"), out))))
                .isEqualTo("040a0450494e47ffff616263");
    }

    @Test
    @DisplayName(
            "RFC 37: The ping-ttl is a 16-bit unsigned integer in network order; ping-context ="
                    + " 0*16OCTET")
    void shouldReadPingTtlAndLeaveTheContext() throws ZmtpException {
        ByteBuf data = Hex.buf("ffff 776566742d6374782d30313233343536");

        assertThat(Commands.readPingTtl(data)).isEqualTo(65535);
        assertThat(data.toString(StandardCharsets.US_ASCII)).isEqualTo("weft-ctx-0123456");
    }

    @Test
    void shouldReadPingWithoutContext() throws ZmtpException {
        ByteBuf data = Hex.buf("0019");

        assertThat(Commands.readPingTtl(data)).isEqualTo(25);
        assertThat(data.isReadable()).isFalse();
    }

    @Test
    void shouldRejectPingContextOver16Octets() {
        ByteBuf data = Hex.buf("000a " + "41".repeat(17));

        assertThatThrownBy(() -> Commands.readPingTtl(data))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND))
                .hasMessage("MALFORMED_COMMAND: PING context of 17 octets (expected: <= 16)");
    }

    @ParameterizedTest(name = "data [{0}]")
    @ValueSource(strings = {"", "00"})
    void shouldRejectPingWithoutTtl(String hex) {
        assertMalformed(() -> Commands.readPingTtl(Hex.buf(hex)));
    }

    @Test
    @DisplayName(
            "RFC 37: When a peer receives a PING command it SHALL respond with a PONG command that"
                    + " echoes the ping-context")
    void shouldEchoThePingContextInPong() throws ZmtpException {
        byte[] ping = write(out -> Commands.writePing(10, "weft-ctx-0123456".getBytes(), out));
        ByteBuf body = Unpooled.wrappedBuffer(DecodedFrame.ofUnit(ping).body());
        assertThat(CommandName.read(body)).isEqualTo(CommandName.PING);
        assertThat(Commands.readPingTtl(body)).isEqualTo(10);

        byte[] pong = write(out -> Commands.writePong(body, out));

        // libzmq's answer to the same PING, from 05b S>C unit 2
        assertThat(Hex.of(pong)).isEqualTo("041504504f4e47776566742d6374782d30313233343536");
        assertThat(Hex.of(write(out -> Commands.writePong(Unpooled.EMPTY_BUFFER, out))))
                .isEqualTo("040504504f4e47");
    }

    @Test
    void shouldDescribeShortAndLongData() {
        assertThat(Commands.describe(Hex.buf("616263"))).isEqualTo("616263");
        assertThat(Commands.describe(Unpooled.wrappedBuffer(new byte[100])))
                .startsWith("00".repeat(64))
                .endsWith("(100 octets)");
    }

    private static void assertMalformed(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND))
                .hasMessageStartingWith("MALFORMED_COMMAND: ");
    }

    private static byte[] write(Consumer<ByteBuf> writer) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            writer.accept(out);
            return Hex.readable(out);
        } finally {
            out.release();
        }
    }
}
