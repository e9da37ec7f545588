package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.zmtp.GoldenVectors.Connection;
import dev.weft.core.zmtp.GoldenVectors.Direction;
import dev.weft.core.zmtp.GoldenVectors.Unit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The 64-octet greeting: Weft's own bytes, every captured greeting, and early refusal. */
class GreetingTest {

    /** libzmq's greeting with no routing id, as captured in 02 (both sides) and 01 (S>C). */
    private static final String LIBZMQ_NULL_GREETING =
            "ff 0000000000000001 7f 03 01 4e554c4c" + "00".repeat(16) + "00" + "00".repeat(31);

    static List<String> vectorFiles() {
        return GoldenVectors.files();
    }

    @Test
    @DisplayName(
            "RFC 37: greeting = signature version mechanism as-server filler; signature = %xFF"
                    + " padding %x7F; version 3.1; mechanism null padded to 20; filler = 31%x00")
    void shouldWriteTheRfc37Layout() {
        byte[] greeting = write("NULL", false);

        assertThat(greeting).hasSize(Greeting.SIZE).hasSize(64);
        assertThat(greeting[0] & 0xFF).as("signature first octet").isEqualTo(0xFF);
        assertThat(Arrays.copyOfRange(greeting, 1, 9))
                .as("padding: the 64-bit value 1, as libzmq sends with no routing id")
                .isEqualTo(Hex.bytes("0000000000000001"));
        assertThat(greeting[9] & 0xFF).as("signature last octet").isEqualTo(0x7F);
        assertThat(greeting[10]).as("version-major").isEqualTo((byte) 3);
        assertThat(greeting[11]).as("version-minor").isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(greeting, 12, 32))
                .as("mechanism, NUL-padded to 20 octets")
                .isEqualTo(Hex.bytes("4e554c4c" + "00".repeat(16)));
        assertThat(greeting[32]).as("as-server").isZero();
        assertThat(Arrays.copyOfRange(greeting, 33, 64)).as("filler").isEqualTo(new byte[31]);
    }

    @Test
    void shouldWriteExactlyWhatLibzmqSendsWithoutRoutingId() {
        byte[] captured =
                GoldenVectors.load("02-null-sub-pub-zmtp31.txt")
                        .connection(1)
                        .units(Direction.CLIENT_TO_SERVER)
                        .get(0)
                        .bytes();

        assertThat(Hex.of(write("NULL", false))).isEqualTo(Hex.of(captured));
        assertThat(write("NULL", false)).isEqualTo(Hex.bytes(LIBZMQ_NULL_GREETING));
    }

    @Test
    void shouldWritePlainAndCurveGreetingsAsLibzmqDoes() {
        byte[] plain =
                GoldenVectors.load("06-plain-push-pull.txt")
                        .connection(1)
                        .units(Direction.CLIENT_TO_SERVER)
                        .get(0)
                        .bytes();
        byte[] curve =
                GoldenVectors.load("07-curve-dealer-router.txt")
                        .connection(1)
                        .units(Direction.CLIENT_TO_SERVER)
                        .get(0)
                        .bytes();

        assertThat(write("PLAIN", false)).isEqualTo(plain);
        assertThat(write("CURVE", false)).isEqualTo(curve);
    }

    @Test
    void shouldSetAsServerOctetWhenAsked() {
        byte[] greeting = write("PLAIN", true);

        assertThat(greeting[32]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(greeting, 33, 64)).isEqualTo(new byte[31]);
    }

    @Test
    void shouldReadBackWhatItWrites() throws ZmtpException {
        ByteBuf buf = Unpooled.buffer();
        try {
            Greeting.write("CURVE", true, buf);
            buf.writeByte(0x42);

            Greeting g = Greeting.read(buf);

            assertThat(g).isEqualTo(new Greeting(3, 1, "CURVE", true));
            assertThat(buf.readableBytes()).as("only the 64 greeting octets consumed").isOne();
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void shouldReadEveryCapturedGreeting(String fileName) throws ZmtpException {
        for (Connection connection : GoldenVectors.load(fileName).connections()) {
            for (Direction direction : Direction.values()) {
                Unit unit = connection.units(direction).get(0);
                assertThat(unit.isGreeting()).isTrue();
                byte[] bytes = unit.bytes();
                String where = fileName + " " + connection + " " + direction.label();
                if (bytes.length < Greeting.SIZE) {
                    // 08a: the PLAIN server closed after 11 octets. What arrived is a valid start.
                    assertThat(bytes).as(where).hasSize(Greeting.SIGNATURE_AND_MAJOR);
                    ByteBuf partial = Unpooled.wrappedBuffer(bytes);
                    assertThatCode(() -> Greeting.checkPartial(partial, bytes.length))
                            .as(where)
                            .doesNotThrowAnyException();
                    continue;
                }
                ByteBuf buf = Unpooled.wrappedBuffer(bytes);
                Greeting g = Greeting.read(buf);

                assertThat(buf.isReadable()).as(where).isFalse();
                assertThat(g.major()).as(where).isEqualTo(3);
                assertThat(g.minor()).as(where).isEqualTo(bytes[11] & 0xFF).isIn(0, 1);
                assertThat(g.mechanism()).as(where).isEqualTo(expectedMechanism(fileName));
                assertThat(g.asServer()).as(where).isEqualTo(bytes[32] == 1);
                assertThat(g.asServer())
                        .as(where + ": libzmq and JeroMQ always send as-server 0")
                        .isFalse();
                assertThat(g.speaks31()).as(where).isEqualTo(g.minor() == 1);
            }
        }
    }

    @Test
    void shouldSeeJeromqAsZmtp30AndLibzmqAs31() throws ZmtpException {
        Connection c = GoldenVectors.load("09-jeromq-dealer-libzmq-router.txt").connection(1);

        Greeting jeromq = read(c.units(Direction.CLIENT_TO_SERVER).get(0).bytes());
        Greeting libzmq = read(c.units(Direction.SERVER_TO_CLIENT).get(0).bytes());

        assertThat(jeromq.minor()).isZero();
        assertThat(jeromq.speaks31()).isFalse();
        assertThat(libzmq.minor()).isOne();
        assertThat(libzmq.speaks31()).isTrue();
    }

    @Test
    @DisplayName(
            "RFC 37: A peer MUST accept higher protocol versions as valid. That is, a ZMTP peer MUST"
                    + " accept protocol versions greater or equal to 3.1.")
    void shouldAcceptHigherVersions() throws ZmtpException {
        assertThat(read(greetingWithVersion(3, 2)).speaks31()).isTrue();
        assertThat(read(greetingWithVersion(4, 0)).speaks31()).isTrue();
        assertThat(read(greetingWithVersion(0xFF, 0)).major()).isEqualTo(0xFF);
    }

    @Test
    void shouldRejectBadFirstOctetAfterOneOctet() {
        ByteBuf buf = Hex.buf("00");

        assertThatThrownBy(() -> Greeting.checkPartial(buf, 1))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.BAD_SIGNATURE))
                .hasMessage("BAD_SIGNATURE: first octet 0x00 (expected: 0xff)");
    }

    @Test
    void shouldNotJudgeOctetsThatHaveNotArrived() {
        ByteBuf nine = Hex.buf("ff 0000000000000001");
        ByteBuf none = Unpooled.EMPTY_BUFFER;

        assertThatCode(() -> Greeting.checkPartial(nine, 9)).doesNotThrowAnyException();
        assertThatCode(() -> Greeting.checkPartial(none, 0)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectBadTenthOctet() {
        ByteBuf buf = Hex.buf("ff 0000000000000001 7e");

        assertThatCode(() -> Greeting.checkPartial(buf, 9)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Greeting.checkPartial(buf, 10))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.BAD_SIGNATURE))
                .hasMessageContaining("0x7e")
                .hasMessageContaining("0x7f");
    }

    @ParameterizedTest(name = "major {0}")
    @ValueSource(ints = {0, 1, 2})
    @DisplayName("RFC 37: a peer that cannot downgrade to its peer's version MUST close")
    void shouldRejectMajorVersionBelow3(int major) {
        ByteBuf buf = Unpooled.wrappedBuffer(greetingWithVersion(major, 0));

        assertThatCode(() -> Greeting.checkPartial(buf, 10)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Greeting.checkPartial(buf, 11))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.UNSUPPORTED_VERSION))
                .hasMessageStartingWith("UNSUPPORTED_VERSION: ")
                .hasMessageContaining("major version " + major);
    }

    @Test
    void shouldRejectMechanismWithLowerCaseLetters() {
        byte[] bytes = write("NULL", false);
        bytes[12] = 'n';
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);

        assertThatThrownBy(() -> Greeting.read(buf))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MECHANISM_MISMATCH))
                .hasMessageContaining("0x6e");
    }

    @Test
    void shouldReadAFullTwentyCharacterMechanism() throws ZmtpException {
        String name = "X-ABCDEFGHIJ_0123.+Z";
        assertThat(name).hasSize(20);

        assertThat(read(write(name, false)).mechanism()).isEqualTo(name);
    }

    private static String expectedMechanism(String fileName) {
        if (fileName.startsWith("06") || fileName.startsWith("08c") || fileName.startsWith("08d")) {
            return "PLAIN";
        }
        if (fileName.startsWith("07") || fileName.startsWith("08f")) {
            return "CURVE";
        }
        return "NULL";
    }

    private static byte[] greetingWithVersion(int major, int minor) {
        byte[] bytes = write("NULL", false);
        bytes[10] = (byte) major;
        bytes[11] = (byte) minor;
        return bytes;
    }

    private static Greeting read(byte[] bytes) throws ZmtpException {
        return Greeting.read(Unpooled.wrappedBuffer(bytes));
    }

    static byte[] write(String mechanism, boolean asServer) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            Greeting.write(mechanism, asServer, buf);
            return Hex.readable(buf);
        } finally {
            buf.release();
        }
    }
}
