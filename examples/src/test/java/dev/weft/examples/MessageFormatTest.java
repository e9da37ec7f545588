package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import org.junit.jupiter.api.Test;

class MessageFormatTest {

    private static String json(byte[]... frames) {
        try (Message m = Message.of(frames)) {
            return MessageFormat.JSON.render(m, "|");
        }
    }

    @Test
    void shouldTellABinaryFrameFromTextThatLooksLikeIt() {
        assertThat(json(new byte[] {(byte) 0xff, 0})).isEqualTo("[{\"hex\":\"ff00\"}]");
        assertThat(json("0xff00".getBytes(UTF_8))).isEqualTo("[\"0xff00\"]");
    }

    @Test
    void shouldPrintTextFramesAsJsonStringsWithEscapes() {
        assertThat(json("a\"b\\c".getBytes(UTF_8), "line\n\ttab".getBytes(UTF_8)))
                .isEqualTo("[\"a\\\"b\\\\c\",\"line\\n\\ttab\"]");
        assertThat(json("grüße €".getBytes(UTF_8))).isEqualTo("[\"grüße €\"]");
    }

    @Test
    void shouldPrintFramesWithControlBytesOrBrokenUtf8AsHex() {
        assertThat(json(new byte[] {0, 1, 2})).isEqualTo("[{\"hex\":\"000102\"}]");
        assertThat(json(new byte[] {0, 0x12, 0x34, 0x56, 0x78}, "body".getBytes(UTF_8)))
                .isEqualTo("[{\"hex\":\"0012345678\"},\"body\"]");
        assertThat(json(new byte[] {(byte) 0xc3})).isEqualTo("[{\"hex\":\"c3\"}]");
    }

    @Test
    void shouldPrintAnEmptyFrameAsAnEmptyString() {
        assertThat(json(new byte[0], "x".getBytes(UTF_8))).isEqualTo("[\"\",\"x\"]");
    }

    @Test
    void shouldPrintADishMessageWithItsGroupFirst() {
        try (Message m = Message.of("sunny").group("weather")) {
            assertThat(MessageFormat.TEXT.render(m, "|")).isEqualTo("weather|sunny");
            assertThat(MessageFormat.HEX.render(m, ":")).isEqualTo("weather:73756e6e79");
            assertThat(MessageFormat.JSON.render(m, "|"))
                    .isEqualTo("{\"group\":\"weather\",\"frames\":[\"sunny\"]}");
        }
    }

    @Test
    void shouldPrintAServerMessageWithItsUnsignedRoutingIdFirst() {
        try (Message m = Message.of("hello").routingId(-2)) {
            assertThat(MessageFormat.TEXT.render(m, "|")).isEqualTo("4294967294|hello");
            assertThat(MessageFormat.JSON.render(m, "|"))
                    .isEqualTo("{\"routingId\":4294967294,\"frames\":[\"hello\"]}");
        }
    }
}
