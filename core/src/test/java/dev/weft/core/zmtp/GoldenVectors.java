package dev.weft.core.zmtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the golden ZMTP capture files ("vectors") from the test class path, so that codec and
 * handshake tests can replay the exact bytes that real libzmq and JeroMQ peers sent each other.
 *
 * <h2>Where the files are</h2>
 *
 * The files are the class-path resource folder {@value #RESOURCE_FOLDER} (in the repository, {@code
 * core/src/test/resources/vectors}, whose {@code README.md} says how they were captured). That
 * folder is read as a directory when the tests run from {@code target/test-classes}, and through a
 * zip file system when it sits in a jar (the {@code weft-core} test-jar). When it is missing,
 * {@link #vectorsDirectory()} throws {@link IllegalStateException}: tests never skip silently.
 *
 * <h2>What one file holds</h2>
 *
 * <pre>
 * [connection N]          one TCP connection (most files have one, some have two)
 * [raw]                   the chunks as the relay read them:    C&gt;S &lt;hex&gt; | S&gt;C &lt;hex&gt; | FIN | RST
 * [units C&gt;S]             the C&gt;S stream cut into units:       =C&gt;S &lt;hex&gt;  (printed in full)
 * [units S&gt;C]             (greeting, then one frame per unit)  ~S&gt;C len=N sha256=H &lt;prefix&gt;  (too long)
 * [end connection N]
 * </pre>
 *
 * {@code + <hex>} lines continue the hex of the line above. Lines starting with {@code #} are
 * annotations; the parser reads two of them and ignores the rest:
 *
 * <ul>
 *   <li>{@code # unit i at stream offset o: <kind>, <n> octets}, which precedes every unit and
 *       gives its {@link Unit#kind() kind};
 *   <li>{@code # C>S stream of connection N: <len> octets in <k> units; sha256 <hex>}, which opens
 *       every units section.
 * </ul>
 *
 * <h2>What {@link #load} checks</h2>
 *
 * Every line must be one the format defines. Per connection and direction: the units are
 * consecutive in the stream, so unit {@code i} starts at the sum of the lengths before it and that
 * offset, the index and the length must agree with the unit's annotation; a truncated unit is cut
 * from the raw stream at that offset and must match its printed prefix and sha256; the units
 * concatenated must equal the raw stream; the stream summary (length, unit count, sha256) must
 * match. Any disagreement throws {@link MalformedVectorException} naming the file and line.
 *
 * <p>Thread safety: every method may be called from any thread; the only state is the folder once
 * found, and every result is immutable. Methods returning {@code byte[]} return a fresh copy each
 * call, which the caller owns.
 */
public final class GoldenVectors {

    /** The class-path folder that holds the vector files and their {@code README.md}. */
    public static final String RESOURCE_FOLDER = "vectors";

    /** A resource every copy of the folder has; its parent is the folder. */
    private static final String MARKER = RESOURCE_FOLDER + "/README.md";

    private static final HexFormat HEX = HexFormat.of();

    /** The folder once found; guarded by the class lock. */
    private static Path directory;

    private GoldenVectors() {}

    /**
     * Finds the vectors folder on the class path of this class, as described in the class
     * documentation, on the first call; later calls return the same folder. A folder inside a jar
     * stays readable until the JVM exits.
     *
     * @return the folder, as a path of the default file system or of the jar's zip file system
     * @throws IllegalStateException when the folder is not on the class path
     */
    public static synchronized Path vectorsDirectory() {
        if (directory == null) {
            directory = locateVectorsDirectory(GoldenVectors.class.getClassLoader());
        }
        return directory;
    }

    /**
     * Lists the vector files.
     *
     * @return the names (not paths) of all {@code *.txt} files in the vectors folder, sorted
     * @throws IllegalStateException when the folder cannot be found
     * @throws UncheckedIOException when the folder cannot be listed
     */
    public static List<String> files() {
        try (Stream<Path> entries = Files.list(vectorsDirectory())) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".txt"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the golden vectors folder", e);
        }
    }

    /**
     * Reads and checks one vector file.
     *
     * @param fileName a name returned by {@link #files()}, such as {@code
     *     01-null-dealer-router.txt}
     * @return the parsed capture
     * @throws IllegalArgumentException when {@code fileName} is not a plain file name in the folder
     * @throws MalformedVectorException when the file breaks the format or fails a check
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Capture load(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        Path directory = vectorsDirectory();
        Path file = directory.resolve(fileName).normalize();
        if (!file.getParent().equals(directory) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no vector file named '" + fileName + "' in " + directory);
        }
        try {
            return parse(fileName, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden vector " + file, e);
        }
    }

    /** Parses the lines of one vector file; {@code fileName} only labels error messages. */
    static Capture parse(String fileName, List<String> lines) {
        return new CaptureParser(fileName).parse(lines);
    }

    /**
     * The search behind {@link #vectorsDirectory()}, with the class loader explicit for testing.
     * For a folder inside a jar it opens the jar's zip file system, or reuses it when it is open
     * already; the caller never closes it.
     *
     * @throws IllegalStateException when {@code loader} has no {@value #MARKER}
     * @throws UncheckedIOException when the jar holding it cannot be opened
     */
    static Path locateVectorsDirectory(ClassLoader loader) {
        URL marker = loader.getResource(MARKER);
        if (marker == null) {
            throw new IllegalStateException(
                    "golden ZMTP vectors not found: no class-path resource "
                            + MARKER
                            + " (in the repository: core/src/test/resources/"
                            + MARKER
                            + ")");
        }
        try {
            return toPath(marker.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable resource URL " + marker, e);
        }
    }

    private static synchronized Path toPath(URI uri) {
        try {
            return Path.of(uri);
        } catch (FileSystemNotFoundException notOpenYet) {
            try {
                return FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the jar that holds " + uri, e);
            }
        }
    }

    /** Which way bytes travel on the TCP connection; {@code C} connects, {@code S} binds. */
    public enum Direction {
        /** Bytes sent by the connecting peer, written {@code C>S} in the files. */
        CLIENT_TO_SERVER("C>S"),
        /** Bytes sent by the binding peer, written {@code S>C} in the files. */
        SERVER_TO_CLIENT("S>C");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        /** The label used in the files, {@code C>S} or {@code S>C}. */
        public String label() {
            return label;
        }

        static Direction fromLabel(String label) {
            return label.equals(CLIENT_TO_SERVER.label) ? CLIENT_TO_SERVER : SERVER_TO_CLIENT;
        }
    }

    /**
     * One parsed vector file.
     *
     * @param fileName the file's name
     * @param connections its TCP connections in file order (immutable, at least one)
     */
    public record Capture(String fileName, List<Connection> connections) {
        /** Copies {@code connections} into an immutable list. */
        public Capture {
            Objects.requireNonNull(fileName, "fileName");
            connections = List.copyOf(connections);
        }

        /**
         * Returns the connection with the given number.
         *
         * @param number the 1-based number from the file's {@code [connection N]} line
         * @throws IllegalArgumentException when the file has no such connection
         */
        public Connection connection(int number) {
            return connections.stream()
                    .filter(connection -> connection.number() == number)
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            fileName + " has no connection " + number));
        }
    }

    /** One TCP connection of a capture: both byte streams, how they ended, and their units. */
    public static final class Connection {
        private final int number;
        private final Map<Direction, byte[]> raw;
        private final Map<Direction, Boolean> finSeen;
        private final Map<Direction, Boolean> rstSeen;
        private final Map<Direction, List<Unit>> units;

        Connection(
                int number,
                Map<Direction, byte[]> raw,
                Map<Direction, Boolean> finSeen,
                Map<Direction, Boolean> rstSeen,
                Map<Direction, List<Unit>> units) {
            this.number = number;
            this.raw = new EnumMap<>(raw);
            this.finSeen = new EnumMap<>(finSeen);
            this.rstSeen = new EnumMap<>(rstSeen);
            this.units = new EnumMap<>(units);
        }

        /** The 1-based connection number from the file. */
        public int number() {
            return number;
        }

        /** A copy of everything C sent: the {@code C>S} raw chunks concatenated. */
        public byte[] rawClientToServer() {
            return raw(Direction.CLIENT_TO_SERVER);
        }

        /** A copy of everything S sent: the {@code S>C} raw chunks concatenated. */
        public byte[] rawServerToClient() {
            return raw(Direction.SERVER_TO_CLIENT);
        }

        /** A copy of the whole byte stream sent in {@code direction}. */
        public byte[] raw(Direction direction) {
            return raw.get(direction).clone();
        }

        /** Whether the sender in {@code direction} closed its side ({@code FIN} line). */
        public boolean finSeen(Direction direction) {
            return finSeen.get(direction);
        }

        /** Whether the sender in {@code direction} reset the connection ({@code RST} line). */
        public boolean rstSeen(Direction direction) {
            return rstSeen.get(direction);
        }

        /** The units of {@code direction} in stream order (immutable; the greeting first). */
        public List<Unit> units(Direction direction) {
            return units.get(direction);
        }

        @Override
        public String toString() {
            return "connection "
                    + number
                    + " (C>S "
                    + raw.get(Direction.CLIENT_TO_SERVER).length
                    + " octets, S>C "
                    + raw.get(Direction.SERVER_TO_CLIENT).length
                    + " octets)";
        }
    }

    /** One protocol unit of a stream: the greeting, or one frame (command or message frame). */
    public static final class Unit {
        private final Direction direction;
        private final int index;
        private final int streamOffset;
        private final String kind;
        private final byte[] bytes;
        private final boolean printedInFull;

        Unit(
                Direction direction,
                int index,
                int streamOffset,
                String kind,
                byte[] bytes,
                boolean printedInFull) {
            this.direction = direction;
            this.index = index;
            this.streamOffset = streamOffset;
            this.kind = kind;
            this.bytes = bytes.clone();
            this.printedInFull = printedInFull;
        }

        /** The direction whose stream holds this unit. */
        public Direction direction() {
            return direction;
        }

        /** The 0-based position of the unit in its stream. */
        public int index() {
            return index;
        }

        /** Where the unit starts in its direction's raw stream. */
        public int streamOffset() {
            return streamOffset;
        }

        /**
         * The annotator's description, for example {@code greeting}, {@code command READY}, {@code
         * message 1, frame 2 (last frame)} or {@code greeting (INCOMPLETE: only 11 of 64 octets
         * were sent before the close)}.
         */
        public String kind() {
            return kind;
        }

        /** Whether this unit is the stream's greeting, complete or cut short by a close. */
        public boolean isGreeting() {
            return kind.startsWith("greeting");
        }

        /** The unit's length in octets. */
        public int length() {
            return bytes.length;
        }

        /** A copy of the unit's bytes, header included; taken from {@code [raw]} when truncated. */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** False when the file printed only a prefix and a sha256 ({@code ~} line). */
        public boolean printedInFull() {
            return printedInFull;
        }

        @Override
        public String toString() {
            return direction.label()
                    + " unit "
                    + index
                    + " at "
                    + streamOffset
                    + ": "
                    + kind
                    + ", "
                    + bytes.length
                    + " octets";
        }
    }

    /** Thrown when a vector file breaks the format or its parts disagree with each other. */
    public static final class MalformedVectorException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedVectorException(String fileName, int lineNumber, String problem) {
            super(fileName + ":" + lineNumber + ": " + problem);
        }
    }

    /**
     * Line-by-line reader for one file. It collects each connection's raw bytes and unit drafts,
     * then builds and checks the connection at {@code [end connection N]}, when the raw streams
     * that truncated units refer to are complete.
     */
    private static final class CaptureParser {
        private static final String DIR = "(C>S|S>C)";
        private static final String HEX_DIGITS = "([0-9a-f]+)";
        private static final Pattern CONNECTION = Pattern.compile("\\[connection (\\d+)]");
        private static final Pattern END = Pattern.compile("\\[end connection (\\d+)]");
        private static final Pattern UNITS = Pattern.compile("\\[units " + DIR + "]");
        private static final Pattern RAW_CHUNK = Pattern.compile(DIR + " (FIN|RST|[0-9a-f]+)");
        private static final Pattern CONTINUATION = Pattern.compile("\\+ " + HEX_DIGITS);
        private static final Pattern PRINTED_UNIT = Pattern.compile("=" + DIR + " " + HEX_DIGITS);
        private static final Pattern TRUNCATED_UNIT =
                Pattern.compile("~" + DIR + " len=(\\d+) sha256=([0-9a-f]{64}) " + HEX_DIGITS);
        private static final Pattern UNIT_NOTE =
                Pattern.compile("# unit (\\d+) at stream offset (\\d+): (.+), (\\d+) octets");
        private static final Pattern STREAM_NOTE =
                Pattern.compile(
                        "# "
                                + DIR
                                + " stream of connection (\\d+): (\\d+) octets in (\\d+) units;"
                                + " sha256 ([0-9a-f]{64})");

        private enum Section {
            OUTSIDE,
            HEADER,
            RAW,
            UNITS
        }

        /** A unit as read from the file, before it is checked against the raw stream. */
        private static final class UnitDraft {
            final int lineNumber;
            final MatchResult note;
            final StringBuilder printedHex = new StringBuilder();
            MatchResult truncated;

            UnitDraft(int lineNumber, MatchResult note) {
                this.lineNumber = lineNumber;
                this.note = note;
            }
        }

        private final String fileName;
        private final List<Connection> connections = new ArrayList<>();

        /**
         * The line that {@link #fail} blames: the line being read, or, while a finished connection
         * is checked, the line of the unit (or section end) under check.
         */
        private int lineNumber;

        private Section section = Section.OUTSIDE;
        private int connectionNumber;
        private Direction direction;
        private Map<Direction, StringBuilder> rawHex;
        private Map<Direction, Boolean> finSeen;
        private Map<Direction, Boolean> rstSeen;
        private Map<Direction, List<UnitDraft>> drafts;
        private Map<Direction, MatchResult> streamNotes;
        private MatchResult pendingUnitNote;
        private StringBuilder continuedHex;

        CaptureParser(String fileName) {
            this.fileName = fileName;
        }

        Capture parse(List<String> lines) {
            for (String line : lines) {
                lineNumber++;
                parseLine(line.strip());
            }
            if (section != Section.OUTSIDE) {
                throw fail("file ends inside connection " + connectionNumber);
            }
            if (connections.isEmpty()) {
                throw fail("no [connection N] section");
            }
            return new Capture(fileName, connections);
        }

        private void parseLine(String line) {
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("#")) {
                readAnnotation(line);
                return;
            }
            Matcher m;
            if ((m = CONNECTION.matcher(line)).matches()) {
                startConnection(Integer.parseInt(m.group(1)));
            } else if ((m = END.matcher(line)).matches()) {
                endConnection(Integer.parseInt(m.group(1)));
            } else if (line.equals("[raw]")) {
                enter(Section.RAW, null);
            } else if ((m = UNITS.matcher(line)).matches()) {
                enter(Section.UNITS, Direction.fromLabel(m.group(1)));
            } else if ((m = CONTINUATION.matcher(line)).matches()) {
                if (continuedHex == null) {
                    throw fail("'+' continuation with no hex line above it");
                }
                continuedHex.append(m.group(1));
            } else if (section == Section.RAW && (m = RAW_CHUNK.matcher(line)).matches()) {
                readRawChunk(Direction.fromLabel(m.group(1)), m.group(2));
            } else if (section == Section.UNITS && (m = PRINTED_UNIT.matcher(line)).matches()) {
                addUnit(m.group(1)).printedHex.append(m.group(2));
            } else if (section == Section.UNITS && (m = TRUNCATED_UNIT.matcher(line)).matches()) {
                addUnit(m.group(1)).truncated = m.toMatchResult();
            } else {
                throw fail("unexpected line in section " + section + ": " + abbreviate(line));
            }
        }

        private void readAnnotation(String line) {
            Matcher m;
            if ((m = UNIT_NOTE.matcher(line)).matches()) {
                if (section != Section.UNITS) {
                    throw fail("unit annotation outside a [units] section");
                }
                pendingUnitNote = m.toMatchResult();
            } else if ((m = STREAM_NOTE.matcher(line)).matches()) {
                if (section != Section.UNITS || Direction.fromLabel(m.group(1)) != direction) {
                    throw fail("stream summary for " + m.group(1) + " outside its section");
                }
                streamNotes.put(direction, m.toMatchResult());
            }
        }

        private void startConnection(int number) {
            if (section != Section.OUTSIDE) {
                throw fail("[connection " + number + "] before [end connection]");
            }
            connectionNumber = number;
            rawHex = new EnumMap<>(Direction.class);
            finSeen = new EnumMap<>(Direction.class);
            rstSeen = new EnumMap<>(Direction.class);
            drafts = new EnumMap<>(Direction.class);
            streamNotes = new EnumMap<>(Direction.class);
            for (Direction d : Direction.values()) {
                rawHex.put(d, new StringBuilder());
                finSeen.put(d, false);
                rstSeen.put(d, false);
                drafts.put(d, new ArrayList<>());
            }
            section = Section.HEADER;
            continuedHex = null;
        }

        private void enter(Section next, Direction unitsDirection) {
            if (section == Section.OUTSIDE) {
                throw fail("section header outside a connection");
            }
            section = next;
            direction = unitsDirection;
            continuedHex = null;
        }

        private void readRawChunk(Direction from, String payload) {
            if (payload.equals("FIN")) {
                finSeen.put(from, true);
                continuedHex = null;
            } else if (payload.equals("RST")) {
                rstSeen.put(from, true);
                continuedHex = null;
            } else {
                // A chunk and its '+' continuations extend the sender's stream; chunk
                // boundaries carry no meaning, so the hex of one direction is simply appended.
                continuedHex = rawHex.get(from).append(payload);
            }
        }

        private UnitDraft addUnit(String label) {
            if (Direction.fromLabel(label) != direction) {
                throw fail(label + " unit inside the [units " + direction.label() + "] section");
            }
            if (pendingUnitNote == null) {
                throw fail("unit without a '# unit i at stream offset o: kind, n octets' line");
            }
            UnitDraft draft = new UnitDraft(lineNumber, pendingUnitNote);
            pendingUnitNote = null;
            drafts.get(direction).add(draft);
            continuedHex = draft.printedHex;
            return draft;
        }

        private void endConnection(int number) {
            if (section == Section.OUTSIDE || number != connectionNumber) {
                throw fail("[end connection " + number + "] does not close an open connection");
            }
            int endLine = lineNumber;
            Map<Direction, byte[]> streams = new EnumMap<>(Direction.class);
            Map<Direction, List<Unit>> units = new EnumMap<>(Direction.class);
            for (Direction d : Direction.values()) {
                byte[] stream = decodeHex(rawHex.get(d));
                streams.put(d, stream);
                units.put(d, buildUnits(d, stream));
                lineNumber = endLine;
                checkStreamNote(d, stream, units.get(d).size());
            }
            connections.add(new Connection(number, streams, finSeen, rstSeen, units));
            section = Section.OUTSIDE;
            continuedHex = null;
        }

        private List<Unit> buildUnits(Direction d, byte[] stream) {
            List<Unit> units = new ArrayList<>();
            ByteArrayOutputStream concatenation = new ByteArrayOutputStream(stream.length);
            int offset = 0;
            for (UnitDraft draft : drafts.get(d)) {
                lineNumber = draft.lineNumber;
                int index = units.size();
                boolean printedInFull = draft.truncated == null;
                byte[] bytes =
                        printedInFull
                                ? decodeHex(draft.printedHex)
                                : cutTruncatedUnit(draft.truncated, stream, offset);
                checkUnitNote(draft.note, index, offset, bytes.length);
                String kind = draft.note.group(3);
                units.add(new Unit(d, index, offset, kind, bytes, printedInFull));
                concatenation.writeBytes(bytes);
                offset += bytes.length;
            }
            lineNumber = drafts.get(d).isEmpty() ? lineNumber : drafts.get(d).get(0).lineNumber;
            checkSameBytes(d, concatenation.toByteArray(), stream);
            return List.copyOf(units);
        }

        private byte[] cutTruncatedUnit(MatchResult truncated, byte[] stream, int offset) {
            int length = Integer.parseInt(truncated.group(2));
            if (offset + length > stream.length) {
                throw fail(
                        "truncated unit of "
                                + length
                                + " octets at offset "
                                + offset
                                + " runs past the raw stream ("
                                + stream.length
                                + " octets)");
            }
            byte[] bytes = Arrays.copyOfRange(stream, offset, offset + length);
            byte[] prefix = HEX.parseHex(truncated.group(4));
            if (prefix.length > bytes.length
                    || !Arrays.equals(prefix, Arrays.copyOf(bytes, prefix.length))) {
                throw fail("truncated unit's printed prefix differs from the raw stream");
            }
            String actual = sha256(bytes);
            if (!actual.equals(truncated.group(3))) {
                throw fail(
                        "truncated unit sha256 mismatch: file says "
                                + truncated.group(3)
                                + ", raw stream gives "
                                + actual);
            }
            return bytes;
        }

        private void checkUnitNote(MatchResult note, int index, int offset, int length) {
            int notedIndex = Integer.parseInt(note.group(1));
            int notedOffset = Integer.parseInt(note.group(2));
            int notedLength = Integer.parseInt(note.group(4));
            if (notedIndex != index || notedOffset != offset || notedLength != length) {
                throw fail(
                        "unit annotation says unit "
                                + notedIndex
                                + " at offset "
                                + notedOffset
                                + " with "
                                + notedLength
                                + " octets, but the units give unit "
                                + index
                                + " at offset "
                                + offset
                                + " with "
                                + length
                                + " octets");
            }
        }

        private void checkSameBytes(Direction d, byte[] units, byte[] stream) {
            int mismatch = Arrays.mismatch(units, stream);
            if (mismatch >= 0) {
                throw fail(
                        "the "
                                + d.label()
                                + " units ("
                                + units.length
                                + " octets) differ from the raw stream ("
                                + stream.length
                                + " octets) at offset "
                                + mismatch);
            }
        }

        private void checkStreamNote(Direction d, byte[] stream, int unitCount) {
            MatchResult note = streamNotes.get(d);
            if (note == null) {
                throw fail("no '# " + d.label() + " stream of connection' summary line");
            }
            boolean agrees =
                    Integer.parseInt(note.group(2)) == connectionNumber
                            && Integer.parseInt(note.group(3)) == stream.length
                            && Integer.parseInt(note.group(4)) == unitCount
                            && note.group(5).equals(sha256(stream));
            if (!agrees) {
                throw fail(
                        "stream summary '"
                                + note.group()
                                + "' disagrees with the parsed stream: "
                                + stream.length
                                + " octets in "
                                + unitCount
                                + " units; sha256 "
                                + sha256(stream));
            }
        }

        private byte[] decodeHex(CharSequence hex) {
            try {
                return HEX.parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw fail("bad hex: " + e.getMessage());
            }
        }

        private MalformedVectorException fail(String problem) {
            return new MalformedVectorException(fileName, lineNumber, problem);
        }

        private static String abbreviate(String line) {
            return line.length() <= 80 ? line : line.substring(0, 80) + "...";
        }

        private static String sha256(byte[] bytes) {
            try {
                return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }
}
