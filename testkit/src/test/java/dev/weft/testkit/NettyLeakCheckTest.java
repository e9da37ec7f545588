package dev.weft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.core.Context;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The netty leak check end to end, in a fresh JVM each: this build's own JVM already has
 * weft-core's recorder watching netty's buffers, and only one detector can. The child JVM installs
 * {@link RecordingLeakDetector} one of the documented ways, runs a test that leaks a buffer under
 * {@code @WeftTest(failOnNettyLeaks = true)} and a test that leaks nothing, and prints what failed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NettyLeakCheckTest {
    private static final String RUNNING_CASE = "weft.testkit.runningNettyCase";
    private static final long CHILD_TIMEOUT_S = 60;

    @Test
    void shouldFailTheLeakingTestWhenNamedAsNettysCustomDetector() {
        List<String> out =
                runChild(
                        List.of(
                                "-Dio.netty.customResourceLeakDetector="
                                        + RecordingLeakDetector.class.getName()),
                        "property");

        assertLeakingTestFailedAlone(out);
    }

    @Test
    void shouldFailTheLeakingTestWhenInstalledByTheLauncherListener() {
        List<String> out = runChild(List.of(), "listener");

        assertLeakingTestFailedAlone(out);
    }

    private static void assertLeakingTestFailedAlone(List<String> out) {
        assertThat(out).contains("recording=true", "succeeded=1");
        assertThat(String.join("\n", out))
                .contains("FAILED leaksABuffer")
                .contains("netty reported 1 buffer(s) never released")
                .contains("leaksABuffer")
                .doesNotContain("FAILED releasesEverything");
    }

    /** Runs {@link #main} in a new JVM with this JVM's class path; returns its output lines. */
    private static List<String> runChild(List<String> properties, String mode) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dio.netty.leakDetection.level=paranoid");
        command.addAll(properties);
        command.add(NettyLeakCheckTest.class.getName());
        command.add(mode);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(p));
            if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM did not end in " + CHILD_TIMEOUT_S + " s");
            }
            String text = output.get(10, TimeUnit.SECONDS);
            assertThat(p.exitValue()).as("child exit code; output:\n%s", text).isZero();
            return text.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("running the child JVM failed", e);
        }
    }

    private static String read(Process p) {
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The child JVM: installs the recorder as told, runs {@link LeakyCase} and prints the results.
     *
     * @param args {@code property} (netty made the recorder from the system property) or {@code
     *     listener} (the launcher listener installs it before any buffer exists)
     */
    public static void main(String[] args) {
        if (args[0].equals("listener")) {
            new NettyLeakRecordingListener().launcherSessionOpened(null);
        }
        // From here on netty's buffer classes are initialized, whoever else tries to take over.
        Unpooled.buffer(1).release();
        System.out.println("recording=" + RecordingLeakDetector.isRecordingBuffers());

        System.setProperty(RUNNING_CASE, "true");
        LauncherDiscoveryRequest request =
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(LeakyCase.class))
                        .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);

        System.out.println("succeeded=" + listener.getSummary().getTestsSucceededCount());
        List<String> failures = new ArrayList<>();
        listener.getSummary()
                .getFailures()
                .forEach(
                        f ->
                                failures.add(
                                        "FAILED "
                                                + f.getTestIdentifier().getDisplayName()
                                                + ": "
                                                + f.getException().getMessage()));
        failures.forEach(System.out::println);
        System.exit(0);
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest(failOnNettyLeaks = true)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class LeakyCase {
        @Test
        void leaksABuffer(Context context) {
            ByteBuf lost = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            lost.writeLong(42);
        }

        @Test
        void releasesEverything(Context context) {
            ByteBuf kept = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            kept.writeLong(42);
            kept.release();
        }
    }
}
