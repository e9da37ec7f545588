package dev.weft.patterns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.ReqSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket activation: a child JVM whose standard input is a listening TCP socket (or Unix-domain
 * socket), as systemd's {@code StandardInput=socket} with {@code Accept=no} hands it over, binds a
 * Weft REP to {@code tcp://inherited} (or {@code ipc://inherited}); a Weft REQ and a libzmq REQ
 * both get replies from it, a second bind of the inherited socket fails, and unbinding it works and
 * leaves the child's standard output usable.
 *
 * <p>A JVM cannot start a process with a socket as its standard input, so a tiny {@value
 * LibzmqPeer#PYTHON} launcher creates the listening socket (on an ephemeral loopback port, or on a
 * path), prints where, moves the socket to descriptor 0 and execs the JVM.
 */
@Timeout(120)
class SocketActivationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir Path dir;
    private Context ctx;
    private Process child;
    private Path childStderr;
    private final BlockingQueue<String> childLines = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        ctx.close();
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldServeWeftAndLibzmqClientsOnTheInheritedListeningSocket() throws Exception {
        startChild(
                InheritedSocketLauncher.command(
                        List.of(
                                "-cp",
                                System.getProperty("java.class.path"),
                                InheritedRepServer.class.getName())));
        String port = line("PORT ");
        String endpoint = "tcp://127.0.0.1:" + port;
        assertThat(line("BOUND ")).isEqualTo(endpoint);
        assertThat(line("SECOND "))
                .startsWith("InvalidEndpointException")
                .contains("already bound");

        serveBothClientsThenQuit(endpoint);
    }

    @Test
    void shouldServeWeftAndLibzmqClientsOnAnInheritedUnixDomainSocket() throws Exception {
        Path file = dir.resolve("activated.sock");
        startChild(
                InheritedSocketLauncher.commandWithUnixSocket(
                        file,
                        List.of(
                                "-cp",
                                System.getProperty("java.class.path"),
                                InheritedRepServer.class.getName(),
                                "ipc://inherited")));
        assertThat(line("PATH ")).isEqualTo(file.toString());
        String endpoint = "ipc://" + file;
        assertThat(line("BOUND ")).isEqualTo(endpoint);
        assertThat(line("SECOND "))
                .startsWith("InvalidEndpointException")
                .contains("'ipc://inherited'")
                .contains("already bound");

        serveBothClientsThenQuit(endpoint);
        assertThat(file).as("the socket file is left to the service manager that made it").exists();
    }

    private void serveBothClientsThenQuit(String endpoint) throws Exception {
        ReqSocket weft = new ReqSocket(ctx);
        weft.connect(endpoint);
        assertThat(ask(weft, "from-weft")).isEqualTo("echo:from-weft");

        try (LibzmqPeer libzmq = LibzmqPeer.start("REQ")) {
            libzmq.connect(endpoint);
            libzmq.send(List.of("from-libzmq".getBytes(StandardCharsets.UTF_8)));
            List<byte[]> reply = libzmq.receive(WAIT);
            assertThat(new String(reply.get(0), StandardCharsets.UTF_8))
                    .isEqualTo("echo:from-libzmq");
        }

        assertThat(ask(weft, "quit")).isEqualTo("bye");
        // The line arrives: unbinding left the child's standard output working.
        assertThat(line("UNBOUND ")).isEqualTo("[]");
        assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("child exits; stderr: %s", stderr())
                .isTrue();
        assertThat(child.exitValue()).as("exit status; stderr: %s", stderr()).isZero();
    }

    private static String ask(ReqSocket req, String text) {
        assertThat(req.send(Message.of(text), WAIT)).isTrue();
        try (Message reply = req.receive(WAIT)) {
            assertThat(reply).as("a reply to %s within %s", text, WAIT).isNotNull();
            return reply.strings().get(0);
        }
    }

    private void startChild(List<String> command) throws IOException {
        childStderr = dir.resolve("child.stderr");
        child = new ProcessBuilder(command).redirectError(childStderr.toFile()).start();
        child.getOutputStream().close();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    child.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String l = in.readLine(); l != null; l = in.readLine()) {
                                    childLines.add(l);
                                }
                            } catch (IOException e) {
                                childLines.add("READ-FAILED " + e);
                            }
                        },
                        "activation-child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private String line(String prefix) throws InterruptedException, IOException {
        String l = childLines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(l).as("a line starting %s; stderr: %s", prefix, stderr()).isNotNull();
        assertThat(l).as("stderr: %s", stderr()).startsWith(prefix);
        return l.substring(prefix.length());
    }

    private String stderr() throws IOException {
        return childStderr != null && Files.exists(childStderr)
                ? Files.readString(childStderr)
                : "";
    }
}
