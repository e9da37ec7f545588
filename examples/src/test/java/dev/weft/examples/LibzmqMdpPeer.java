package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.patterns.interop.LibzmqPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A libzmq Majordomo worker or client: the {@code mdp/mdp_peer.py} test resource run with {@value
 * LibzmqPeer#PYTHON} (Debian's python3-zmq), its output collected line by line.
 *
 * <p>A worker runs until {@link #stop()} closes its stdin (it then sends DISCONNECT), {@link
 * #kill()} ends it without a word, as a crash would, or {@link #freeze()} stops it with its
 * connection open, as a hang would. A client sends its requests and exits.
 */
final class LibzmqMdpPeer implements AutoCloseable {
    private static final String SCRIPT_RESOURCE = "/mdp/mdp_peer.py";
    private static Path script;

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private LibzmqMdpPeer(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "libzmq-mdp-peer");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code mdp_peer.py worker ENDPOINT SERVICE --heartbeat MS --prefix PREFIX}. */
    static LibzmqMdpPeer worker(String endpoint, String service, Duration heartbeat, String prefix)
            throws IOException {
        return start(
                "worker",
                endpoint,
                service,
                "--heartbeat",
                Long.toString(heartbeat.toMillis()),
                "--prefix",
                prefix);
    }

    /** Starts {@code mdp_peer.py client ENDPOINT SERVICE --timeout MS --retries N BODY...}. */
    static LibzmqMdpPeer client(
            String endpoint, String service, Duration timeout, int retries, String... bodies)
            throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "client",
                                endpoint,
                                service,
                                "--timeout",
                                Long.toString(timeout.toMillis()),
                                "--retries",
                                Integer.toString(retries)));
        args.addAll(List.of(bodies));
        return start(args.toArray(String[]::new));
    }

    /** Waits for an output line matching the pattern and returns it. */
    String awaitLine(String regex) {
        Pattern p = Pattern.compile(regex);
        String[] found = new String[1];
        Awaitility.await("a line matching " + regex + " in " + lines)
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            for (String l : lines) {
                                Matcher m = p.matcher(l);
                                if (m.find()) {
                                    found[0] = l;
                                    return true;
                                }
                            }
                            return !process.isAlive() && !reader.isAlive();
                        });
        assertThat(found[0]).as("output of the libzmq peer: %s", lines).isNotNull();
        return found[0];
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("libzmq peer did not end within " + timeout + ": " + lines);
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** Closes stdin, which makes a worker send DISCONNECT and exit; returns the exit code. */
    int stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        return awaitExit(Duration.ofSeconds(10));
    }

    /** Ends the process at once (SIGKILL): no DISCONNECT, the socket just goes away. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    /**
     * Stops the process with SIGSTOP: its connection stays open but it sends nothing, like a hung
     * worker. {@link #close()} still kills it.
     */
    void freeze() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -STOP %d", process.pid())
                .isTrue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static LibzmqMdpPeer start(String... args) throws IOException {
        assertThat(LibzmqPeer.available())
                .as(
                        "libzmq peers need %s with the Debian package %s (apt-get install -y %s)",
                        LibzmqPeer.PYTHON, LibzmqPeer.REQUIRED_PACKAGE, LibzmqPeer.REQUIRED_PACKAGE)
                .isTrue();
        List<String> command =
                new ArrayList<>(List.of(LibzmqPeer.PYTHON, "-u", script().toString()));
        command.addAll(List.of(args));
        return new LibzmqMdpPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static synchronized Path script() throws IOException {
        if (script == null) {
            try (InputStream resource = LibzmqMdpPeer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                assertThat(resource).as("test resource %s", SCRIPT_RESOURCE).isNotNull();
                Path file = Files.createTempFile("weft-mdp-peer", ".py");
                file.toFile().deleteOnExit();
                Files.copy(resource, file, StandardCopyOption.REPLACE_EXISTING);
                script = file;
            }
        }
        return script;
    }

    private void collect() {
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading output failed: " + e + ")");
        }
    }
}
