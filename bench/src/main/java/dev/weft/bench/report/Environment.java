package dev.weft.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The facts about the machine and JVM that a result table needs next to it.
 *
 * @param processors available processors
 * @param memory total memory, e.g. {@code 23.5 GiB}, or {@code unknown}
 * @param os operating system and architecture
 * @param java the JVM's name and version
 * @param peerJvmFlags flags the Java peers ran with
 * @param libzmq the libzmq version, or why its column is skipped
 * @param loadBefore the 1/5/15-minute load averages when the comparison started, or {@code
 *     unknown}: other work on the machine skews results
 */
public record Environment(
        int processors,
        String memory,
        String os,
        String java,
        List<String> peerJvmFlags,
        String libzmq,
        String loadBefore) {

    /**
     * Describes this machine and JVM.
     *
     * @param peerJvmFlags the Java peers' flags
     * @param libzmq the libzmq version, or the reason for skipping it
     * @param loadBefore the load averages at the start, see {@link #loadAverage()}
     * @return the description
     */
    public static Environment current(List<String> peerJvmFlags, String libzmq, String loadBefore) {
        return new Environment(
                Runtime.getRuntime().availableProcessors(),
                memTotal(),
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"),
                List.copyOf(peerJvmFlags),
                libzmq,
                loadBefore);
    }

    /**
     * Reads the load averages (Linux {@code /proc/loadavg}).
     *
     * @return e.g. {@code 0.08 0.31 0.52}, or {@code unknown}
     */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Renders the facts as a Markdown list.
     *
     * @return one bullet per fact
     */
    public String toMarkdown() {
        return "- machine: "
                + processors
                + " processors, "
                + memory
                + " memory, "
                + os
                + "\n"
                + "- JVM: "
                + java
                + "\n"
                + "- Java peer flags: `"
                + String.join(" ", peerJvmFlags)
                + "`\n"
                + "- libzmq: "
                + libzmq
                + "\n"
                + "- load average (1/5/15 min) at the start: "
                + loadBefore
                + " (other work on this machine skews the numbers)\n";
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown";
        }
        return "unknown";
    }
}
