package dev.weft.patterns.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One libzmq socket in a child process, for interop tests against the reference implementation.
 *
 * <p>The peer runs the {@code interop/zmq_peer.py} test resource with {@value #PYTHON}, which must
 * have Debian's {@code python3-zmq} (pyzmq 24, libzmq 4.3.4). Each call here sends that script one
 * JSON command line and waits, for a bounded time, for its one-line answer. Frames travel as hex,
 * so empty and binary frames are safe. The script's stderr is kept and appended to every error
 * message.
 *
 * <pre>{@code
 * try (LibzmqPeer router = LibzmqPeer.start("ROUTER")) {
 *     String endpoint = router.bind("tcp://127.0.0.1:*");
 *     // ... connect a Weft DEALER to endpoint, send, then:
 *     List<byte[]> message = router.receive(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Only the classic socket types are allowed: Debian's libzmq is built without the draft API and
 * aborts when a draft-type socket connects over TCP (see {@code docs/INTEROP.md}).
 *
 * <p>Thread safety: not thread-safe; use one peer from one test thread. While an {@link #echoAsync}
 * is running, other commands are refused until its future completes.
 */
public final class LibzmqPeer implements AutoCloseable {

    /** The interpreter with {@code python3-zmq}; the first {@code python3} on PATH may lack it. */
    public static final String PYTHON = "/usr/bin/python3";

    /** Runs a program as another user, for {@link #startAs}. */
    public static final String SETPRIV = "/usr/bin/setpriv";

    /** The Debian package that provides libzmq for {@value #PYTHON}. */
    public static final String REQUIRED_PACKAGE = "python3-zmq";

    private static final Set<String> CLASSIC_TYPES =
            Set.of(
                    "PAIR", "DEALER", "ROUTER", "REQ", "REP", "PUB", "SUB", "XPUB", "XSUB", "PUSH",
                    "PULL");
    private static final String SCRIPT_RESOURCE = "/interop/zmq_peer.py";
    private static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);

    /** Extra time allowed for an answer beyond the script's own timeout for the command. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);

    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final Duration AVAILABILITY_CHECK_WAIT = Duration.ofSeconds(20);
    private static final int STDERR_KEPT_CHARS = 16 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    private static Path scriptFile;
    private static Optional<String> unavailableReason;

    private final String socketType;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<Optional<String>> answerLines = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stderrReader;
    private CompletableFuture<Integer> pendingEcho = CompletableFuture.completedFuture(0);

    /** Set when an answer was missed; later answers would pair with the wrong commands. */
    private volatile boolean outOfStep;

    private boolean closed;

    private LibzmqPeer(String socketType, Process process) {
        this.socketType = socketType;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("libzmq-peer-stdout", () -> readAnswers(process.getInputStream())).start();
        this.stderrReader =
                daemon("libzmq-peer-stderr", () -> keepStderr(process.getErrorStream()));
        stderrReader.start();
    }

    /**
     * Whether {@value #PYTHON} can import {@code zmq}. Tests must not skip when this is false: call
     * {@link #start} anyway, which fails with instructions.
     */
    public static synchronized boolean available() {
        if (unavailableReason == null) {
            unavailableReason = checkPython();
        }
        return unavailableReason.isEmpty();
    }

    /**
     * Starts a libzmq peer holding one socket of the given type, with LINGER 1000 ms.
     *
     * @param socketType a classic type name such as {@code DEALER} (case-insensitive)
     * @return the running peer; the caller must {@link #close()} it
     * @throws IllegalArgumentException for a draft or unknown socket type
     * @throws IllegalStateException when {@value #PYTHON} or {@value #REQUIRED_PACKAGE} is missing,
     *     or the script fails to create the socket
     */
    public static LibzmqPeer start(String socketType) {
        return start(socketType, List.of());
    }

    /**
     * Starts a libzmq peer as another user and group, through {@value #SETPRIV} (util-linux), with
     * no supplementary groups: for tests of what a Weft socket does with a peer of another user.
     * Changing user needs root (or {@code CAP_SETUID}/{@code CAP_SETGID}).
     *
     * @param socketType a classic type name such as {@code PUSH}
     * @param uid the user id the script runs as
     * @param gid the group id the script runs as
     * @return the running peer; the caller must {@link #close()} it
     * @throws IllegalStateException when this process cannot change user (not root), or as {@link
     *     #start(String)}
     */
    public static LibzmqPeer startAs(String socketType, int uid, int gid) {
        return start(
                socketType, List.of(SETPRIV, "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
    }

    private static LibzmqPeer start(String socketType, List<String> runAs) {
        String type = socketType.toUpperCase(Locale.ROOT);
        if (!CLASSIC_TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    "socket type "
                            + socketType
                            + " is not a classic type "
                            + CLASSIC_TYPES
                            + "; Debian's libzmq has no draft API, test draft types with JeroMQ");
        }
        if (!available()) {
            throw new IllegalStateException(
                    "libzmq interop tests need "
                            + PYTHON
                            + " with the Debian package "
                            + REQUIRED_PACKAGE
                            + " (apt-get update && apt-get install -y "
                            + REQUIRED_PACKAGE
                            + "). Check failed: "
                            + unavailableReason.orElseThrow());
        }
        Process process;
        try {
            List<String> command = new ArrayList<>(runAs);
            command.addAll(List.of(PYTHON, "-u", script().toString()));
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start " + String.join(" ", runAs) + " " + PYTHON, e);
        }
        LibzmqPeer peer = new LibzmqPeer(type, process);
        try {
            peer.request(command("socket", "type", type), Duration.ZERO);
            return peer;
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
    }

    /** The socket type this peer holds, upper case. */
    public String socketType() {
        return socketType;
    }

    /** The libzmq version the script runs, such as {@code 4.3.4}. */
    public String libzmqVersion() {
        return (String) request(command("version"), Duration.ZERO).get("zmq");
    }

    /**
     * Binds the socket.
     *
     * @param endpoint for example {@code tcp://127.0.0.1:*}
     * @return the endpoint actually bound (libzmq's LAST_ENDPOINT), with the chosen port
     * @throws IllegalStateException when libzmq refuses the bind
     */
    public String bind(String endpoint) {
        return (String)
                request(command("bind", "endpoint", endpoint), Duration.ZERO).get("endpoint");
    }

    /** Connects the socket to {@code endpoint}; libzmq connects in the background. */
    public void connect(String endpoint) {
        request(command("connect", "endpoint", endpoint), Duration.ZERO);
    }

    /**
     * Sets an integer socket option.
     *
     * @param name libzmq's option name in lower case, such as {@code linger}, {@code sndhwm} or
     *     {@code router_mandatory}; a negative {@code linger} is refused so the peer cannot hang
     */
    public void setOption(String name, int value) {
        request(command("set", "options", Map.of(name, value)), Duration.ZERO);
    }

    /** Sets a byte-valued socket option, such as {@code routing_id}. */
    public void setOption(String name, byte[] value) {
        request(command("set", "options", Map.of(name, HEX.formatHex(value))), Duration.ZERO);
    }

    /** Subscribes a SUB socket (by option) or an XSUB socket (by sending {@code 0x01 topic}). */
    public void subscribe(byte[] topic) {
        request(command("subscribe", "topic", HEX.formatHex(topic)), DEFAULT_SEND_TIMEOUT);
    }

    /** Cancels a subscription made with {@link #subscribe}. */
    public void unsubscribe(byte[] topic) {
        request(command("unsubscribe", "topic", HEX.formatHex(topic)), DEFAULT_SEND_TIMEOUT);
    }

    /** Sends one multipart message, waiting up to 5 s; see {@link #send(List, Duration)}. */
    public void send(List<byte[]> frames) {
        send(frames, DEFAULT_SEND_TIMEOUT);
    }

    /**
     * Sends one multipart message. The frames are copied; the caller keeps them.
     *
     * @throws AssertionError when libzmq cannot send within {@code timeout} (no peer, HWM reached)
     * @throws IllegalStateException for other send errors, such as an unroutable ROUTER message
     *     with {@code router_mandatory}
     */
    public void send(List<byte[]> frames, Duration timeout) {
        List<String> hexFrames = frames.stream().map(HEX::formatHex).toList();
        Map<String, Object> sendCommand = command("send", "frames", hexFrames);
        sendCommand.put("timeout_ms", timeout.toMillis());
        request(sendCommand, timeout);
    }

    /**
     * Receives one multipart message.
     *
     * @return the frames, in order; empty frames are empty arrays
     * @throws AssertionError when nothing arrives within {@code timeout}, with the script's text
     */
    public List<byte[]> receive(Duration timeout) {
        Map<String, Object> answer = receiveAnswer(timeout);
        if (isTimeout(answer)) {
            throw new AssertionError(
                    describe("no message within " + timeout + ": " + answer.get("error")));
        }
        return framesOf(answer);
    }

    /**
     * Receives one multipart message if one arrives within {@code timeout}.
     *
     * @return the frames, or empty when nothing arrived; useful to check that nothing is delivered
     */
    public Optional<List<byte[]>> tryReceive(Duration timeout) {
        Map<String, Object> answer = receiveAnswer(timeout);
        return isTimeout(answer) ? Optional.empty() : Optional.of(framesOf(answer));
    }

    private Map<String, Object> receiveAnswer(Duration timeout) {
        Map<String, Object> recvCommand = command("recv");
        recvCommand.put("timeout_ms", timeout.toMillis());
        return exchange(recvCommand, timeout);
    }

    private List<byte[]> framesOf(Map<String, Object> answer) {
        requireOk(answer, "recv");
        List<byte[]> frames = new ArrayList<>();
        for (Object frame : (List<?>) answer.get("frames")) {
            frames.add(HEX.parseHex((String) frame));
        }
        return List.copyOf(frames);
    }

    /**
     * Receives {@code count} messages and sends each straight back unchanged (a ROUTER thereby
     * routes each reply to its sender); blocks until done.
     *
     * @param timeout the time allowed for all {@code count} messages together
     * @throws AssertionError when fewer than {@code count} messages arrive in time
     */
    public void echo(int count, Duration timeout) {
        try {
            echoAsync(count, timeout).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Starts {@link #echo} and returns at once, so the test can send the messages meanwhile. Until
     * the future completes, other calls on this peer throw {@link IllegalStateException}.
     *
     * @return completes with {@code count}, or exceptionally with an {@link AssertionError} when
     *     the messages do not all arrive within {@code timeout}; it always completes within {@code
     *     timeout} plus a margin of 10 s
     */
    public CompletableFuture<Integer> echoAsync(int count, Duration timeout) {
        Map<String, Object> echoCommand = command("echo", "count", count);
        echoCommand.put("timeout_ms", timeout.toMillis());
        checkReady();
        writeCommand(echoCommand);
        CompletableFuture<Integer> echo = new CompletableFuture<>();
        pendingEcho = echo;
        daemon(
                        "libzmq-peer-echo",
                        () -> {
                            try {
                                Map<String, Object> answer =
                                        awaitAnswer("echo", timeout.plus(ANSWER_MARGIN));
                                if (isTimeout(answer)) {
                                    throw new AssertionError(
                                            describe("echo: " + answer.get("error")));
                                }
                                requireOk(answer, "echo");
                                echo.complete(((Number) answer.get("echoed")).intValue());
                            } catch (RuntimeException | Error e) {
                                echo.completeExceptionally(e);
                            }
                        })
                .start();
        return echo;
    }

    /** What the script wrote to stderr so far (its last 16 KiB). */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Asks the script to exit, waits up to 5 s, then destroys the process. Idempotent; never
     * throws.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive() && !outOfStep && pendingEcho.isDone()) {
                writeCommand(command("exit"));
                answerLines.poll(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            commands.close(); // end of input also makes the script exit
        } catch (IOException | RuntimeException e) {
            // The process is already gone or broken; destroying it below is all that is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopProcess();
        }
    }

    @Override
    public String toString() {
        return "libzmq " + socketType + " peer (pid " + process.pid() + ")";
    }

    private void stopProcess() {
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a command that the script answers within {@code scriptTimeout}; requires ok. */
    private Map<String, Object> request(Map<String, Object> command, Duration scriptTimeout) {
        return requireOk(exchange(command, scriptTimeout), (String) command.get("cmd"));
    }

    private Map<String, Object> exchange(Map<String, Object> command, Duration scriptTimeout) {
        checkReady();
        writeCommand(command);
        return awaitAnswer((String) command.get("cmd"), scriptTimeout.plus(ANSWER_MARGIN));
    }

    private void checkReady() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (!pendingEcho.isDone()) {
            throw new IllegalStateException(this + ": echo still running, wait for its future");
        }
        if (outOfStep) {
            throw new IllegalStateException(this + " missed an answer earlier and is unusable");
        }
    }

    private void writeCommand(Map<String, Object> command) {
        try {
            commands.write(Json.write(command));
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException(describe("cannot write to the script: " + e), e);
        }
    }

    private Map<String, Object> awaitAnswer(String commandName, Duration wait) {
        Optional<String> line;
        try {
            line = answerLines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outOfStep = true;
            throw new IllegalStateException(describe("interrupted waiting for " + commandName), e);
        }
        if (line == null) {
            outOfStep = true;
            throw new IllegalStateException(
                    describe("no answer to '" + commandName + "' within " + wait));
        }
        if (line.isEmpty()) {
            outOfStep = true;
            throw new IllegalStateException(
                    describe("the script ended before answering '" + commandName + "'"));
        }
        try {
            return Json.parseObject(line.get());
        } catch (IllegalArgumentException e) {
            outOfStep = true;
            throw new IllegalStateException(describe("unreadable answer: " + line.get()), e);
        }
    }

    private Map<String, Object> requireOk(Map<String, Object> answer, String commandName) {
        if (Boolean.TRUE.equals(answer.get("ok"))) {
            return answer;
        }
        throw new IllegalStateException(describe(commandName + " failed: " + answer.get("error")));
    }

    private static boolean isTimeout(Map<String, Object> answer) {
        return Boolean.FALSE.equals(answer.get("ok"))
                && String.valueOf(answer.get("error")).startsWith("timeout");
    }

    /** Prefixes the peer's name and appends the script's exit code and stderr, when any. */
    private String describe(String problem) {
        StringBuilder text = new StringBuilder(this.toString()).append(": ").append(problem);
        if (!process.isAlive()) {
            text.append(" [script exited with code ").append(process.exitValue()).append(']');
            joinQuietly(stderrReader, Duration.ofSeconds(1));
        }
        String errors = stderr();
        if (!errors.isBlank()) {
            text.append("\n--- zmq_peer.py stderr ---\n").append(errors.strip());
        }
        return text.toString();
    }

    private void readAnswers(InputStream stdout) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                answerLines.add(Optional.of(line));
            }
        } catch (IOException e) {
            // Treated as end of output: waiting callers see "the script ended".
        } finally {
            answerLines.add(Optional.empty());
        }
    }

    private void keepStderr(InputStream errorStream) {
        char[] buffer = new char[4096];
        try (Reader reader = new InputStreamReader(errorStream, StandardCharsets.UTF_8)) {
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                synchronized (stderr) {
                    stderr.append(buffer, 0, n);
                    if (stderr.length() > STDERR_KEPT_CHARS) {
                        stderr.delete(0, stderr.length() - STDERR_KEPT_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; what was read so far is kept.
        }
    }

    private static Map<String, Object> command(String name, Object... keysAndValues) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("cmd", name);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            command.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return command;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void joinQuietly(Thread thread, Duration wait) {
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code PYTHON -c "import zmq"}; returns why it failed, or empty when it worked. */
    private static Optional<String> checkPython() {
        try {
            Process check =
                    new ProcessBuilder(PYTHON, "-c", "import zmq")
                            .redirectErrorStream(true)
                            .start();
            check.getOutputStream().close();
            if (!check.waitFor(AVAILABILITY_CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                check.destroyForcibly();
                return Optional.of(PYTHON + " -c 'import zmq' did not finish in time");
            }
            String output =
                    new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return check.exitValue() == 0
                    ? Optional.empty()
                    : Optional.of(PYTHON + " cannot import zmq: " + output.strip());
        } catch (IOException e) {
            return Optional.of("cannot run " + PYTHON + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking " + PYTHON);
        }
    }

    /** The script copied out of the class path once per JVM, so python can run it from a file. */
    private static synchronized Path script() throws IOException {
        if (scriptFile == null) {
            try (InputStream resource = LibzmqPeer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                if (resource == null) {
                    throw new IllegalStateException("test resource missing: " + SCRIPT_RESOURCE);
                }
                Path file = Files.createTempFile("weft-zmq-peer", ".py");
                file.toFile().deleteOnExit();
                Files.copy(resource, file, StandardCopyOption.REPLACE_EXISTING);
                // Readable by a peer started as another user (startAs).
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                scriptFile = file;
            }
        }
        return scriptFile;
    }

    /**
     * Just enough JSON for the script's protocol: writes maps, lists, strings, numbers and
     * booleans; reads any JSON object (numbers come back as {@link Long} or {@link Double}).
     */
    static final class Json {
        private final String text;
        private int position;

        private Json(String text) {
            this.text = text;
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        static Map<String, Object> parseObject(String text) {
            Json parser = new Json(text);
            Object value = parser.readValue();
            parser.skipSpaces();
            if (!(value instanceof Map<?, ?>) || parser.position != text.length()) {
                throw new IllegalArgumentException("not a single JSON object: " + text);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return object;
        }

        private static void write(Object value, StringBuilder out) {
            if (value instanceof Map<?, ?> map) {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator);
                    writeString(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                    separator = ",";
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            } else if (value instanceof String string) {
                writeString(string, out);
            } else if (value == null || value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                throw new IllegalArgumentException("cannot write as JSON: " + value.getClass());
            }
        }

        private static void writeString(String string, StringBuilder out) {
            out.append('"');
            for (char c : string.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }

        private Object readValue() {
            skipSpaces();
            char c = peek();
            if (c == '{') {
                return readObject();
            } else if (c == '[') {
                return readArray();
            } else if (c == '"') {
                return readString();
            } else if (text.startsWith("true", position)) {
                position += 4;
                return Boolean.TRUE;
            } else if (text.startsWith("false", position)) {
                position += 5;
                return Boolean.FALSE;
            } else if (text.startsWith("null", position)) {
                position += 4;
                return null;
            }
            return readNumber();
        }

        private Map<String, Object> readObject() {
            Map<String, Object> object = new LinkedHashMap<>();
            expect('{');
            skipSpaces();
            if (peek() == '}') {
                position++;
                return object;
            }
            do {
                skipSpaces();
                String key = readString();
                skipSpaces();
                expect(':');
                object.put(key, readValue());
                skipSpaces();
            } while (tryConsume(','));
            expect('}');
            return object;
        }

        private List<Object> readArray() {
            List<Object> array = new ArrayList<>();
            expect('[');
            skipSpaces();
            if (peek() == ']') {
                position++;
                return array;
            }
            do {
                array.add(readValue());
                skipSpaces();
            } while (tryConsume(','));
            expect(']');
            return array;
        }

        private String readString() {
            expect('"');
            StringBuilder string = new StringBuilder();
            for (char c = next(); c != '"'; c = next()) {
                if (c != '\\') {
                    string.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case 'b' -> string.append('\b');
                    case 'f' -> string.append('\f');
                    case 'n' -> string.append('\n');
                    case 'r' -> string.append('\r');
                    case 't' -> string.append('\t');
                    case 'u' -> {
                        string.append(
                                (char)
                                        Integer.parseInt(
                                                text.substring(position, position + 4), 16));
                        position += 4;
                    }
                    default -> string.append(escaped); // \" \\ \/
                }
            }
            return string.toString();
        }

        private Number readNumber() {
            int start = position;
            while (position < text.length()
                    && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            String number = text.substring(start, position);
            if (number.isEmpty()) {
                throw new IllegalArgumentException(
                        "unexpected character at " + start + ": " + text);
            }
            return number.matches("-?\\d+")
                    ? (Number) Long.valueOf(number)
                    : Double.valueOf(number);
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private boolean tryConsume(char c) {
            if (position < text.length() && text.charAt(position) == c) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException(
                        "expected '" + c + "' at " + (position - 1) + ": " + text);
            }
        }

        private char peek() {
            if (position >= text.length()) {
                throw new IllegalArgumentException("unexpected end of JSON: " + text);
            }
            return text.charAt(position);
        }

        private char next() {
            char c = peek();
            position++;
            return c;
        }
    }
}
