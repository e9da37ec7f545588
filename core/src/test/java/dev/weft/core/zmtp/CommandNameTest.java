package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and writing the length-prefixed command name at the start of a command body. */
class CommandNameTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommandName.class)
    void shouldReadEveryKnownName(CommandName name) throws ZmtpException {
        ByteBuf body = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            name.write(body);
            body.writeBytes(Hex.bytes("c0ffee"));

            assertThat((int) body.getUnsignedByte(0)).isEqualTo(name.name().length());
            assertThat(name.encodedSize()).isEqualTo(1 + name.name().length());
            assertThat(CommandName.read(body)).isEqualTo(name);
            assertThat(Hex.of(Hex.readable(body)))
                    .as("the data after the name")
                    .isEqualTo("c0ffee");
        } finally {
            body.release();
        }
    }

    @Test
    void shouldReadNamesAsLibzmqWritesThem() throws ZmtpException {
        assertThat(CommandName.read(Hex.buf("05 5245414459"))).isEqualTo(CommandName.READY);
        assertThat(CommandName.read(Hex.buf("09 535542534352494245 77656174686572")))
                .isEqualTo(CommandName.SUBSCRIBE);
        assertThat(CommandName.read(Hex.buf("06 43414e43454c"))).isEqualTo(CommandName.CANCEL);
        assertThat(CommandName.read(Hex.buf("04 50494e47 000a"))).isEqualTo(CommandName.PING);
        assertThat(CommandName.read(Hex.buf("04 504f4e47"))).isEqualTo(CommandName.PONG);
        assertThat(CommandName.read(Hex.buf("05 4552524f52 03 343030")))
                .isEqualTo(CommandName.ERROR);
    }

    @Test
    @DisplayName(
            "RFC 37: Security mechanisms MAY use any command names they need to: an unknown name is"
                    + " skipped, not fatal")
    void shouldReturnNullAndSkipAnUnknownName() throws ZmtpException {
        ByteBuf body = Unpooled.wrappedBuffer(ascii("\u0008WHATEVERdata"));

        assertThat(CommandName.read(body)).isNull();
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("data");
    }

    @Test
    void shouldReturnNullForAKnownNameInTheWrongCase() throws ZmtpException {
        ByteBuf body = Unpooled.wrappedBuffer(ascii("\u0005ready"));

        assertThat(CommandName.read(body)).isNull();
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void shouldNotMatchANameThatOnlyStartsLikeAKnownOne() throws ZmtpException {
        ByteBuf body = Hex.buf("06 524541445958"); // "READYX"

        assertThat(CommandName.read(body)).isNull();
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void shouldRejectAnEmptyBody() {
        assertThatThrownBy(() -> CommandName.read(Unpooled.EMPTY_BUFFER))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND))
                .hasMessageStartingWith("MALFORMED_COMMAND: ");
    }

    @Test
    @DisplayName("RFC 37: command-name = short-size 1*255command-name-char")
    void shouldRejectAZeroLengthName() {
        assertThatThrownBy(() -> CommandName.read(Hex.buf("00 5245414459")))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND))
                .hasMessageContaining("length 0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"05 52454144", "ff 41", "01"})
    void shouldRejectANameLongerThanTheBody(String hex) {
        assertThatThrownBy(() -> CommandName.read(Hex.buf(hex)))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND));
    }

    @Test
    @DisplayName(
            "README observation 9: libzmq's PLAIN ERROR 04 09 5e 52 52 4f 52 03 34 30 30 gives name"
                    + " length 94 in a 9-octet body: fatal, but no crash")
    void shouldRejectLibzmqMalformedPlainErrorWithAZmtpException() {
        ByteBuf frame = Hex.buf("04 09 5e 52 52 4f 52 03 34 30 30");
        ByteBuf body = frame.skipBytes(2);

        assertThatThrownBy(() -> CommandName.read(body))
                .isExactlyInstanceOf(ZmtpException.class)
                .hasMessage(
                        "MALFORMED_COMMAND: command name length 94 with 8 octets left in the"
                                + " frame");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
