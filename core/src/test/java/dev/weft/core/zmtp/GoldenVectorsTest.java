package dev.weft.core.zmtp;

import static dev.weft.core.zmtp.GoldenVectors.Direction.CLIENT_TO_SERVER;
import static dev.weft.core.zmtp.GoldenVectors.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.zmtp.GoldenVectors.Capture;
import dev.weft.core.zmtp.GoldenVectors.Connection;
import dev.weft.core.zmtp.GoldenVectors.Direction;
import dev.weft.core.zmtp.GoldenVectors.MalformedVectorException;
import dev.weft.core.zmtp.GoldenVectors.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves {@link GoldenVectors} on every vector file of the class path, against facts stated in the
 * vectors' README ("Observations a Java implementer must match"), and on small hand-made files that
 * break each check the parser promises.
 */
class GoldenVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String DEALER_ROUTER = "01-null-dealer-router.txt";

    static List<String> vectorFiles() {
        return GoldenVectors.files();
    }

    @Test
    void shouldListEveryVectorFile() {
        assertThat(GoldenVectors.files())
                .contains(
                        DEALER_ROUTER,
                        "02-null-sub-pub-zmtp31.txt",
                        "07-curve-dealer-router.txt",
                        "08a-mismatch-null-vs-plain.txt",
                        "09c-probe-jeromq-dealer-silent-server.txt")
                .hasSizeGreaterThanOrEqualTo(18)
                .allSatisfy(name -> assertThat(name).endsWith(".txt"))
                .isSorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void shouldReassembleEveryStreamFromItsUnits(String fileName) {
        Capture capture = GoldenVectors.load(fileName);

        assertThat(capture.fileName()).isEqualTo(fileName);
        assertThat(capture.connections()).isNotEmpty();
        for (Connection connection : capture.connections()) {
            for (Direction direction : Direction.values()) {
                List<Unit> units = connection.units(direction);
                assertThat(concatenate(units))
                        .as("%s %s %s", fileName, connection, direction.label())
                        .isEqualTo(connection.raw(direction));
                int offset = 0;
                for (Unit unit : units) {
                    assertThat(unit.streamOffset()).isEqualTo(offset);
                    assertThat(unit.isGreeting()).as(unit.toString()).isEqualTo(unit.index() == 0);
                    offset += unit.length();
                }
            }
            assertThat(connection.rawClientToServer()).isEqualTo(connection.raw(CLIENT_TO_SERVER));
            assertThat(connection.rawServerToClient()).isEqualTo(connection.raw(SERVER_TO_CLIENT));
        }
    }

    @Test
    void shouldShowRoutingIdLengthInGreetingPadding() {
        // README observation 2: padding holds routing-id length + 1; 'client-1' gives 0x09.
        Unit greeting = firstConnection(DEALER_ROUTER).units(CLIENT_TO_SERVER).get(0);

        byte[] bytes = greeting.bytes();
        assertThat(greeting.kind()).isEqualTo("greeting");
        assertThat(bytes).hasSize(64);
        assertThat(bytes[0]).isEqualTo((byte) 0xff);
        assertThat(bytes[8]).isEqualTo((byte) 0x09);
        assertThat(bytes[9]).isEqualTo((byte) 0x7f);
        assertThat(Arrays.copyOfRange(bytes, 10, 12)).containsExactly(3, 1);
        assertThat(ascii(Arrays.copyOfRange(bytes, 12, 16))).isEqualTo("NULL");
    }

    @Test
    void shouldUseLongSizeForThe300OctetFrame() {
        // README observation 5: anything above 255 octets uses the 8-octet size with LONG set.
        Unit frame = firstConnection(DEALER_ROUTER).units(CLIENT_TO_SERVER).get(4);

        assertThat(frame.printedInFull()).isTrue();
        assertThat(frame.length()).isEqualTo(9 + 300);
        assertThat(Arrays.copyOf(frame.bytes(), 9)).isEqualTo(hex("02000000000000012c"));
        assertThat(ascii(Arrays.copyOfRange(frame.bytes(), 9, 309))).isEqualTo("A".repeat(300));
    }

    @Test
    void shouldRebuildTheTruncated70000OctetFrameFromRawBytes() {
        Unit frame = firstConnection(DEALER_ROUTER).units(CLIENT_TO_SERVER).get(5);

        assertThat(frame.printedInFull()).isFalse();
        assertThat(frame.streamOffset()).isEqualTo(433);
        assertThat(frame.length()).isEqualTo(70_009);
        byte[] bytes = frame.bytes();
        assertThat(Arrays.copyOf(bytes, 9)).isEqualTo(hex("020000000000011170"));
        for (int i = 0; i < 70_000; i++) {
            assertThat(bytes[9 + i]).as("body[%d]", i).isEqualTo((byte) (i % 256));
        }
    }

    @Test
    void shouldDecodeRouterReadyAndReply() {
        Connection connection = firstConnection(DEALER_ROUTER);
        List<Unit> fromRouter = connection.units(SERVER_TO_CLIENT);

        // README observation 4: Identity is sent even when empty.
        assertThat(fromRouter.get(1).kind()).isEqualTo("command READY");
        assertThat(fromRouter.get(1).bytes())
                .isEqualTo(
                        concatenate(
                                hex("0429"),
                                lengthPrefixed("READY"),
                                lengthPrefixed("Socket-Type"),
                                hex("00000006"),
                                ascii("ROUTER"),
                                lengthPrefixed("Identity"),
                                hex("00000000")));
        // README observation 5: the reply reads 01 00 00 05 world.
        assertThat(fromRouter.get(2).bytes()).isEqualTo(hex("0100"));
        assertThat(fromRouter.get(3).bytes()).isEqualTo(concatenate(hex("0005"), ascii("world")));
        assertThat(fromRouter).hasSize(4);
        for (Direction direction : Direction.values()) {
            assertThat(connection.finSeen(direction)).isTrue();
            assertThat(connection.rstSeen(direction)).isFalse();
        }
    }

    @Test
    void shouldKeepBothConnectionsAndTheIncompleteGreeting() {
        Capture capture = GoldenVectors.load("08a-mismatch-null-vs-plain.txt");

        assertThat(capture.connections()).extracting(Connection::number).containsExactly(1, 2);
        Unit cutShort = capture.connection(2).units(SERVER_TO_CLIENT).get(0);
        assertThat(cutShort.isGreeting()).isTrue();
        assertThat(cutShort.kind()).startsWith("greeting (INCOMPLETE");
        assertThat(cutShort.bytes()).isEqualTo(hex("ff00000000000000017f03"));
    }

    @Test
    void shouldShowSubscriptionsAsCommandsIn31AndAsMessagesIn30() {
        // README observation 6.
        List<Unit> zmtp31 = firstConnection("02-null-sub-pub-zmtp31.txt").units(CLIENT_TO_SERVER);
        assertThat(zmtp31.get(2).bytes())
                .isEqualTo(concatenate(hex("0411"), lengthPrefixed("SUBSCRIBE"), ascii("weather")));
        assertThat(zmtp31.get(3).bytes())
                .isEqualTo(concatenate(hex("040a"), lengthPrefixed("SUBSCRIBE")));

        List<Unit> zmtp30 =
                firstConnection("03a-jeromq-sub-libzmq-pub.txt").units(CLIENT_TO_SERVER);
        assertThat(zmtp30.get(0).bytes()[11]).as("JeroMQ minor version").isEqualTo((byte) 0);
        assertThat(zmtp30.get(2).bytes()).isEqualTo(concatenate(hex("000801"), ascii("weather")));
        assertThat(zmtp30.get(3).bytes()).isEqualTo(hex("000101"));
    }

    @Test
    void shouldKeepLibzmqsMalformedPlainError() {
        // README observation 9: "\x05ERROR" in C became 0x5e 'R' 'R' 'O' 'R'.
        Unit error =
                firstConnection("08c-plain-bad-password-error.txt").units(SERVER_TO_CLIENT).get(1);

        assertThat(error.bytes()).isEqualTo(hex("04095e52524f5203343030"));
    }

    @Test
    void shouldReturnCopiesOfBytes() {
        Connection connection = firstConnection(DEALER_ROUTER);
        Unit greeting = connection.units(CLIENT_TO_SERVER).get(0);

        greeting.bytes()[0] = 0;
        connection.rawClientToServer()[0] = 0;

        assertThat(greeting.bytes()[0]).isEqualTo((byte) 0xff);
        assertThat(connection.rawClientToServer()[0]).isEqualTo((byte) 0xff);
    }

    @Test
    void shouldParseHandMadeCaptureWithContinuationAndTruncatedUnit() {
        String truncated = "~C>S len=5 sha256=" + sha256(hex("0003616263")) + " 0003";

        Capture capture = GoldenVectors.parse("hand-made.txt", handMadeCapture(truncated));

        Connection connection = capture.connection(1);
        assertThat(connection.rawClientToServer()).isEqualTo(hex("01000003616263"));
        assertThat(connection.rawServerToClient()).isEmpty();
        assertThat(connection.units(SERVER_TO_CLIENT)).isEmpty();
        Unit last = connection.units(CLIENT_TO_SERVER).get(1);
        assertThat(last.printedInFull()).isFalse();
        assertThat(last.kind()).isEqualTo("message 1, frame 2 (last frame)");
        assertThat(last.bytes()).isEqualTo(hex("0003616263"));
    }

    @Test
    void shouldRejectUnitsThatDifferFromRawStream() {
        List<String> lines = handMadeCapture("=C>S 0003616264");

        assertThatThrownBy(() -> GoldenVectors.parse("bad.txt", lines))
                .isInstanceOf(MalformedVectorException.class)
                .hasMessageContaining("bad.txt:")
                .hasMessageContaining("differ from the raw stream")
                .hasMessageContaining("offset 6");
    }

    @Test
    void shouldRejectTruncatedUnitWithWrongSha256() {
        String wrongSha = "~C>S len=5 sha256=" + "0".repeat(64) + " 0003";

        assertThatThrownBy(() -> GoldenVectors.parse("bad.txt", handMadeCapture(wrongSha)))
                .isInstanceOf(MalformedVectorException.class)
                .hasMessageContaining("sha256 mismatch");
    }

    @Test
    void shouldRejectUnitWithoutAnnotationAndUnknownLines() {
        List<String> noNote = handMadeCapture("=C>S 0003616263");
        noNote.remove(noNote.indexOf("=C>S 0003616263") - 1);
        assertThatThrownBy(() -> GoldenVectors.parse("bad.txt", noNote))
                .isInstanceOf(MalformedVectorException.class)
                .hasMessageContaining("unit without");

        List<String> unknown = handMadeCapture("=C>S 0003616263");
        unknown.add(3, "C>S hello");
        assertThatThrownBy(() -> GoldenVectors.parse("bad.txt", unknown))
                .isInstanceOf(MalformedVectorException.class)
                .hasMessageContaining("bad.txt:4: unexpected line");
    }

    @Test
    void shouldFindTheVectorsFolderOnTheClassPath() {
        Path directory = GoldenVectors.vectorsDirectory();

        assertThat(directory.getFileName()).hasToString(GoldenVectors.RESOURCE_FOLDER);
        assertThat(directory.resolve("README.md")).isRegularFile();
        assertThat(GoldenVectors.locateVectorsDirectory(GoldenVectorsTest.class.getClassLoader()))
                .isEqualTo(directory);
    }

    @Test
    void shouldReadTheVectorsFolderFromAJar(@TempDir Path temp) throws IOException {
        Path jar = temp.resolve("vectors.jar");
        List<String> capture = handMadeCapture("=C>S 0003616263");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            addEntry(out, "vectors/README.md", List.of("# vectors"));
            addEntry(out, "vectors/hand-made.txt", capture);
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path directory = GoldenVectors.locateVectorsDirectory(loader);
            try (FileSystem jarFileSystem = directory.getFileSystem()) {
                assertThat(jarFileSystem).isNotEqualTo(FileSystems.getDefault());
                assertThat(GoldenVectors.locateVectorsDirectory(loader)).isEqualTo(directory);
                List<String> lines =
                        Files.readAllLines(
                                directory.resolve("hand-made.txt"), StandardCharsets.UTF_8);
                assertThat(lines).isEqualTo(capture);
                assertThat(
                                GoldenVectors.parse("hand-made.txt", lines)
                                        .connection(1)
                                        .rawClientToServer())
                        .isEqualTo(hex("01000003616263"));
            }
        }
    }

    @Test
    void shouldNameTheMissingResourceWhenVectorsAreNotOnTheClassPath() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> GoldenVectors.locateVectorsDirectory(empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("vectors/README.md")
                    .hasMessageContaining("core/src/test/resources/vectors/README.md");
        }
    }

    private static void addEntry(JarOutputStream out, String name, List<String> lines)
            throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /**
     * A one-connection file: C sends {@code 01 00} then {@code 00 03 "abc"}, in a chunk continued
     * by a {@code +} line; S sends nothing. {@code lastUnitLine} is the line for the second unit.
     */
    private static List<String> handMadeCapture(String lastUnitLine) {
        String text =
                """
                # hand-made capture
                [connection 1]
                [raw]
                C>S 0100
                + 0003616263
                C>S FIN
                S>C FIN

                [units C>S]
                # C>S stream of connection 1: 7 octets in 2 units; sha256 %s
                # unit 0 at stream offset 0: message 1, frame 1 (MORE follows), 2 octets
                =C>S 0100
                # unit 1 at stream offset 2: message 1, frame 2 (last frame), 5 octets
                %s

                [units S>C]
                # S>C stream of connection 1: 0 octets in 0 units; sha256 %s
                [end connection 1]
                """
                        .formatted(
                                sha256(hex("01000003616263")), lastUnitLine, sha256(new byte[0]));
        return new ArrayList<>(text.lines().toList());
    }

    private static Connection firstConnection(String fileName) {
        return GoldenVectors.load(fileName).connection(1);
    }

    private static byte[] concatenate(List<Unit> units) {
        return concatenate(units.stream().map(Unit::bytes).toArray(byte[][]::new));
    }

    private static byte[] concatenate(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A ZMTP short string: one length octet, then the ASCII text. */
    private static byte[] lengthPrefixed(String text) {
        return concatenate(new byte[] {(byte) text.length()}, ascii(text));
    }

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
