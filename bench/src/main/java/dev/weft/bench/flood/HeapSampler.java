package dev.weft.bench.flood;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures another JVM's heap after a full GC with the JDK's {@code jcmd}: {@code GC.run}, then the
 * "used" figure of {@code GC.heap_info}. Blocking; not thread-safe.
 */
final class HeapSampler {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final long JCMD_TIMEOUT_S = 60;

    private final long pid;

    /**
     * Creates a sampler.
     *
     * @param pid the JVM to sample
     */
    HeapSampler(long pid) {
        this.pid = pid;
    }

    /**
     * Tells whether the target process still runs.
     *
     * @return false once it has exited
     */
    boolean targetAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Runs a full GC in the target and reads its heap use.
     *
     * @return the heap used after the GC, in KiB
     * @throws IOException when jcmd fails or its output has no heap figure
     * @throws InterruptedException when interrupted while jcmd runs
     */
    long heapAfterGcKib() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IOException("jcmd " + pid + " GC.heap_info: no 'used NK' in: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of("jcmd", Long.toString(pid), command))
                        .redirectErrorStream(true)
                        .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(JCMD_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + ": no answer in 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + text.strip());
        }
        return text;
    }
}
