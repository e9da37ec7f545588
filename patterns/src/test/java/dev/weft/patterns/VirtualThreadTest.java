package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Weft's blocking waits from virtual threads: runs {@link VirtualThreadCheck} in a child JVM of
 * Java 21 or later (the build targets 17, which has no virtual threads) with a single carrier
 * thread, so that a wait that pinned its carrier would stall every other virtual thread.
 *
 * <p>The child JVM is the first JDK of version 21 or later installed beside the one running the
 * tests (the parent directory of {@code java.home}). Without one the test is skipped, saying so.
 */
@Timeout(120)
class VirtualThreadTest {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    @Test
    void pollerAndReceiveShouldParkVirtualThreadsWithoutHoldingTheirCarrier() throws Exception {
        Optional<Path> java = javaWithVirtualThreads();
        Assumptions.assumeTrue(
                java.isPresent(), "no JDK 21+ installed beside " + System.getProperty("java.home"));
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Process child =
                new ProcessBuilder(
                                java.get().toString(),
                                "-Djdk.virtualThreadScheduler.parallelism=1",
                                "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                                "-cp",
                                classPath,
                                VirtualThreadCheck.class.getName())
                        .redirectErrorStream(true)
                        .start();
        try {
            boolean exited = child.waitFor(90, TimeUnit.SECONDS);
            String output =
                    exited
                            ? new String(
                                    child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            : "(still running after 90 s)";
            assertThat(exited).as("child JVM exited; output:%n%s", output).isTrue();
            assertThat(output.lines().toList())
                    .as("child output")
                    .contains("OK")
                    .noneMatch(l -> l.startsWith("FAIL"));
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }

    private static Optional<Path> javaWithVirtualThreads() throws IOException {
        Path jvms = Path.of(System.getProperty("java.home")).toRealPath().getParent();
        if (jvms == null) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            List<Path> candidates = homes.sorted().toList();
            for (Path home : candidates) {
                Path java = home.resolve("bin").resolve("java");
                if (Files.isExecutable(java) && majorVersion(home) >= 21) {
                    return Optional.of(java);
                }
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Matcher m = VERSION.matcher(Files.readString(release, StandardCharsets.ISO_8859_1));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
