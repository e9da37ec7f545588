package dev.weft.core.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.transport.udp.DatagramFormat.Drop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * libzmq's RADIO/DISH datagram: one length octet, the group, the body. Round trips, the exact
 * bytes, and every malformed datagram with the reason it is dropped.
 */
class DatagramFormatTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @Test
    void shouldWriteTheLengthOctetTheGroupAndTheBody() {
        ByteBuf out = Unpooled.buffer();
        try (Message m = Message.of("hello").group("weather")) {
            assertThat(DatagramFormat.encode(m, out)).isNull();
        }
        assertThat(HexFormat.of().formatHex(bytes(out)))
                .isEqualTo("07" + hex("weather") + hex("hello"));
        out.release();
    }

    @Test
    void shouldRoundTripGroupsAndBodiesOfEverySizeUpToTheLimit() {
        GroupNames names = new GroupNames();
        String longGroup = "g".repeat(255);
        for (String group : new String[] {"a", "télé", longGroup}) {
            int groupOctets = group.getBytes(StandardCharsets.UTF_8).length;
            for (int body : new int[] {0, 1, 64, DatagramFormat.MAX_DATAGRAM - 1 - groupOctets}) {
                byte[] payload = new byte[body];
                Arrays.fill(payload, (byte) 0x5A);
                ByteBuf out = ALLOC.buffer();
                try (Message m = Message.of(payload).group(group)) {
                    assertThat(DatagramFormat.encode(m, out)).isNull();
                }
                assertThat(DatagramFormat.check(out, NO_LIMIT)).isNull();
                String name =
                        names.name(
                                out,
                                DatagramFormat.groupIndex(out),
                                DatagramFormat.groupLength(out));
                try (Message back = DatagramFormat.toMessage(out, name, ALLOC)) {
                    assertThat(back.group()).isEqualTo(group);
                    assertThat(back.size()).isEqualTo(1);
                    assertThat(back.frame(0).toByteArray()).isEqualTo(payload);
                }
                out.release();
            }
        }
    }

    @Test
    void shouldRefuseToSendWhatIsNotOneDatagram() {
        ByteBuf out = Unpooled.buffer();
        try (Message big = Message.of(new byte[DatagramFormat.MAX_DATAGRAM - 1]).group("g");
                Message noGroup = Message.of("x");
                Message twoFrames = Message.of("a", "b").group("g")) {
            assertThat(DatagramFormat.encode(big, out)).isEqualTo(Drop.TOO_LARGE);
            assertThat(DatagramFormat.encode(noGroup, out)).isEqualTo(Drop.NO_GROUP);
            assertThat(DatagramFormat.encode(twoFrames, out)).isEqualTo(Drop.MULTIPART);
        }
        assertThat(out.readableBytes()).as("nothing written for a dropped message").isZero();
        out.release();
    }

    @Test
    void shouldDropEveryMalformedDatagramWithItsReason() {
        assertThat(check("")).isEqualTo(Drop.EMPTY_DATAGRAM);
        assertThat(check("00")).isEqualTo(Drop.EMPTY_GROUP);
        assertThat(check("00" + hex("body"))).isEqualTo(Drop.EMPTY_GROUP);
        assertThat(check("05" + hex("abc"))).isEqualTo(Drop.TRUNCATED);
        assertThat(check("ff")).isEqualTo(Drop.TRUNCATED);
        assertThat(check("02" + "6100")).isEqualTo(Drop.BAD_GROUP);
        assertThat(check("01" + "ff")).isEqualTo(Drop.BAD_GROUP);
        assertThat(check("02" + "c0af")).as("an overlong '/'").isEqualTo(Drop.BAD_GROUP);
        assertThat(check("03" + "eda080")).as("a surrogate").isEqualTo(Drop.BAD_GROUP);
        assertThat(check("02" + "e282")).as("a cut sequence").isEqualTo(Drop.BAD_GROUP);
        assertThat(check("04" + "f4908080")).as("above U+10FFFF").isEqualTo(Drop.BAD_GROUP);
        assertThat(check("01" + hex("g") + hex("12345"), 4)).isEqualTo(Drop.BODY_TOO_LARGE);
        assertThat(check("01" + hex("g") + hex("1234"), 4)).isNull();
        assertThat(check("01" + hex("g"))).as("an empty body is fine").isNull();
    }

    @Test
    void shouldDropADatagramLongerThanTheLimit() {
        ByteBuf d = Unpooled.buffer();
        d.writeByte(1).writeByte('g').writeZero(DatagramFormat.MAX_DATAGRAM - 1);
        assertThat(d.readableBytes()).isEqualTo(DatagramFormat.MAX_DATAGRAM + 1);
        assertThat(DatagramFormat.check(d, NO_LIMIT)).isEqualTo(Drop.TOO_LARGE);
        d.writerIndex(DatagramFormat.MAX_DATAGRAM);
        assertThat(DatagramFormat.check(d, NO_LIMIT)).isNull();
        d.release();
    }

    @Test
    void shouldAcceptWellFormedUtf8GroupsOfEveryLength() {
        for (String g : new String[] {"é", "€uro", "𝄞 clef", "日本"}) {
            ByteBuf d = Unpooled.buffer();
            byte[] octets = g.getBytes(StandardCharsets.UTF_8);
            d.writeByte(octets.length).writeBytes(octets);
            assertThat(DatagramFormat.check(d, NO_LIMIT)).as(g).isNull();
            d.release();
        }
    }

    @Test
    void shouldReuseTheTextOfARecentGroup() {
        GroupNames names = new GroupNames();
        ByteBuf a = Unpooled.copiedBuffer("xweather", StandardCharsets.UTF_8);
        ByteBuf b = Unpooled.copiedBuffer("yyweather", StandardCharsets.UTF_8);
        String first = names.name(a, 1, 7);
        assertThat(first).isEqualTo("weather");
        assertThat(names.name(b, 2, 7)).isSameAs(first);
        assertThat(names.name(b, 2, 6)).isEqualTo("weathe");
        a.release();
        b.release();
    }

    private static Drop check(String hex) {
        return check(hex, NO_LIMIT);
    }

    private static Drop check(String hex, long maxBody) {
        ByteBuf d = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        try {
            return DatagramFormat.check(d, maxBody);
        } finally {
            d.release();
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }
}
