package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A cli command run in this JVM on its own thread, as {@code java -jar weft-examples.jar cli ...}
 * would run it, with its stdout and stderr collected.
 */
final class CliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    private CliRun(String... args) {
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        exit = CompletableFuture.supplyAsync(() -> cl.execute(args), CliRun::runOnNewThread);
    }

    /** Starts {@code cli <args>}. */
    static CliRun start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "cli";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CliRun(all);
    }

    /** Waits for a stderr line matching the pattern and returns its first group. */
    String awaitErr(String regex) {
        Pattern p = Pattern.compile(regex);
        String[] found = new String[1];
        Awaitility.await("a line matching " + regex + " in " + err)
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            Matcher m = p.matcher(err.toString());
                            if (m.find()) {
                                found[0] = m.groupCount() > 0 ? m.group(1) : m.group();
                                return true;
                            }
                            return exit.isDone();
                        });
        assertThat(found[0]).as("stderr: %s", err).isNotNull();
        return found[0];
    }

    /** Waits for the command to end by itself and returns its exit code. */
    int awaitExit() throws Exception {
        return exit.get(30, TimeUnit.SECONDS);
    }

    /** Tells whether the command has ended. */
    boolean isDone() {
        return exit.isDone();
    }

    /** The stdout lines so far. */
    List<String> out() {
        String text = out.toString();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
    }

    /** The stderr text so far. */
    String err() {
        return err.toString();
    }

    private static void runOnNewThread(Runnable r) {
        Thread t = new Thread(r, "cli-run");
        t.setDaemon(true);
        t.start();
    }
}
