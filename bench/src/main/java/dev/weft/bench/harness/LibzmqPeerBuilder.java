package dev.weft.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the libzmq column's peer: a small C program of this project ({@code libzmq_peer.c}, a
 * resource next to this class) compiled with gcc against Debian's libzmq3-dev at run time. When the
 * headers, gcc or the library are missing, says why and the column is skipped; it never fails the
 * comparison.
 */
public final class LibzmqPeerBuilder {
    /** Where Debian's libzmq3-dev puts the C header. */
    public static final Path HEADER = Path.of("/usr/include/zmq.h");

    private static final String SOURCE = "libzmq_peer.c";
    private static final long COMPILE_TIMEOUT_S = 120;

    /**
     * The outcome: either a launcher and the library version, or the reason for skipping.
     *
     * @param launcher runs the compiled peer; null when unavailable
     * @param version e.g. {@code 4.3.4}; null when unavailable
     * @param skipReason why the column is skipped; null when available
     */
    public record Availability(PeerLauncher launcher, String version, String skipReason) {
        /**
         * Tells whether libzmq peers can run.
         *
         * @return true when built
         */
        public boolean isAvailable() {
            return launcher != null;
        }
    }

    private LibzmqPeerBuilder() {}

    /**
     * Compiles the C peer into a work directory.
     *
     * @param workDir where the source and binary go (created if needed)
     * @return the availability; never throws for a missing toolchain
     */
    public static Availability build(Path workDir) {
        if (!Files.exists(HEADER)) {
            return skipped(HEADER + " not found (install Debian's libzmq3-dev to get this column)");
        }
        try {
            Files.createDirectories(workDir);
            Path source = workDir.resolve(SOURCE);
            try (InputStream in = LibzmqPeerBuilder.class.getResourceAsStream(SOURCE)) {
                if (in == null) {
                    return skipped("resource " + SOURCE + " missing from the bench jar");
                }
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            Path binary = workDir.resolve("libzmq-peer");
            List<String> gcc =
                    List.of(
                            "gcc",
                            "-O2",
                            "-Wall",
                            "-pthread",
                            "-o",
                            binary.toString(),
                            source.toString(),
                            "-lzmq");
            String compile = runQuietly(gcc);
            if (compile != null) {
                return skipped("compiling the C peer failed: " + compile);
            }
            List<String> versionCommand = List.of(binary.toString(), "--version");
            Process p = new ProcessBuilder(versionCommand).redirectErrorStream(true).start();
            String out =
                    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)
                    || p.exitValue() != 0
                    || !out.startsWith("VERSION ")) {
                p.destroyForcibly();
                return skipped("the compiled C peer does not run: " + out);
            }
            PeerLauncher launcher =
                    args -> {
                        List<String> c = new ArrayList<>();
                        c.add(binary.toString());
                        c.addAll(args.toArgs());
                        return c;
                    };
            return new Availability(launcher, out.substring("VERSION ".length()), null);
        } catch (IOException e) {
            return skipped("building the C peer failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return skipped("interrupted while building the C peer");
        }
    }

    private static String runQuietly(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMPILE_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return command.get(0) + " did not finish in " + COMPILE_TIMEOUT_S + " s";
            }
            if (p.exitValue() != 0) {
                return command.get(0)
                        + " exited with "
                        + p.exitValue()
                        + ": "
                        + new String(out, StandardCharsets.UTF_8).strip();
            }
            return null;
        } catch (IOException e) {
            return command.get(0) + " could not run (" + e.getMessage() + ")";
        }
    }

    private static Availability skipped(String reason) {
        return new Availability(null, null, reason);
    }
}
