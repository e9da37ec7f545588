package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.patterns.interop.InheritedSocketLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * An example run as a separate JVM from the examples jar, with its stderr collected line by line.
 * Stopping it sends SIGTERM and checks that it exits cleanly.
 */
final class ExampleProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ExampleProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "example-stderr");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code java -jar weft-examples.jar <args>}. */
    static ExampleProcess start(String... args) throws IOException {
        Path jar = Path.of(System.getProperty("weft.examples.jar", "target/weft-examples.jar"));
        assertThat(Files.exists(jar)).as("examples jar %s (run mvn verify)", jar).isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ExampleProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * Starts {@code java -jar weft-examples.jar <args>} with a listening TCP socket on an ephemeral
     * loopback port as its standard input, as systemd's {@code StandardInput=socket} hands one
     * over: a {@code python3} launcher creates it, prints {@code PORT <port>}, and execs the JVM.
     */
    static ExampleProcess startWithInheritedSocket(String... args) throws IOException {
        Path jar = Path.of(System.getProperty("weft.examples.jar", "target/weft-examples.jar"));
        assertThat(Files.exists(jar)).as("examples jar %s (run mvn verify)", jar).isTrue();
        List<String> javaArgs = new ArrayList<>(List.of("-jar", jar.toString()));
        javaArgs.addAll(List.of(args));
        List<String> command = InheritedSocketLauncher.command(javaArgs);
        return new ExampleProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits for an output line matching the pattern and returns its first group. */
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
                                    found[0] = m.groupCount() > 0 ? m.group(1) : l;
                                    return true;
                                }
                            }
                            return !process.isAlive();
                        });
        assertThat(found[0]).as("output: %s", lines).isNotNull();
        return found[0];
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and returns the exit code (bounded wait). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("example did not stop within 15 s after SIGTERM: " + lines);
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("example did not end within " + timeout + ": " + lines);
        }
        reader.join(5_000);
        return process.exitValue();
    }

    void writeStdin(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
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
