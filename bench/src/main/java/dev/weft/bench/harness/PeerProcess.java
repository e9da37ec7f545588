package dev.weft.bench.harness;

import dev.weft.bench.peer.PeerResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running peer process: its stdout is read line by line on a daemon thread, its stderr goes to
 * a log file. Every wait has a deadline; {@link #close()} kills the process if it still runs.
 *
 * <p>Used by one harness thread.
 */
public final class PeerProcess implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    private static final int KEPT_LINES = 20;

    private final String name;
    private final Process process;
    private final Path stderrLog;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> otherLines = new ArrayDeque<>();
    private String failure;

    private PeerProcess(String name, Process process, Path stderrLog) {
        this.name = name;
        this.process = process;
        this.stderrLog = stderrLog;
        Thread reader = new Thread(this::pump, "peer-stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a peer.
     *
     * @param name for messages, e.g. {@code weft thr-recv}
     * @param command the program and arguments
     * @param stderrLog where the peer's stderr goes
     * @return the running peer
     * @throws UncheckedIOException when the program cannot start
     */
    public static PeerProcess start(String name, List<String> command, Path stderrLog) {
        try {
            Files.createDirectories(stderrLog.getParent());
            Process p =
                    new ProcessBuilder(command)
                            .redirectError(stderrLog.toFile())
                            .redirectInput(ProcessBuilder.Redirect.PIPE)
                            .start();
            p.getOutputStream().close();
            return new PeerProcess(name, p, stderrLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /**
     * Waits for the {@code READY endpoint=...} line of a binding peer.
     *
     * @param timeoutMs how long to wait
     * @return the endpoint, or null when the peer failed or timed out (see {@link #failure})
     */
    public String awaitReady(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            String line = next(deadline);
            if (line == null) {
                failure = "TIMEOUT: " + name + " printed no READY line within " + timeoutMs + " ms";
                return null;
            }
            if (line.equals(EOF)) {
                failure =
                        name + " exited (status " + exitStatus() + ") before READY" + stderrTail();
                return null;
            }
            if (line.startsWith(PeerResult.READY + " endpoint=")) {
                return line.substring((PeerResult.READY + " endpoint=").length()).strip();
            }
            PeerResult r = PeerResult.parse(line);
            if (r != null) {
                failure = name + " ended before READY: " + r.toLine() + stderrTail();
                return null;
            }
            keep(line);
        }
    }

    /**
     * Returns why {@link #awaitReady} returned null.
     *
     * @return the reason, or null
     */
    public String failure() {
        return failure;
    }

    /**
     * Waits for the peer's {@code RESULT} or {@code ERROR} line, then for it to exit.
     *
     * @param timeoutMs how long to wait for the line
     * @return the result; a failed result when the peer timed out, died or printed garbage
     */
    public PeerResult awaitResult(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            String line = next(deadline);
            if (line == null) {
                close();
                return PeerResult.failed(
                        "TIMEOUT: " + name + " reported no result within " + timeoutMs + " ms");
            }
            if (line.equals(EOF)) {
                return PeerResult.failed(
                        "NO_RESULT: "
                                + name
                                + " exited (status "
                                + exitStatus()
                                + ") without a result"
                                + stderrTail());
            }
            PeerResult r;
            try {
                r = PeerResult.parse(line);
            } catch (IllegalArgumentException e) {
                return PeerResult.failed("BAD_RESULT: " + name + ": " + e.getMessage());
            }
            if (r == null) {
                keep(line);
                continue;
            }
            int status = exitStatus();
            if (r.isOk() && status != 0) {
                return PeerResult.failed(
                        "EXIT_STATUS: "
                                + name
                                + " reported a result but exited with "
                                + status
                                + stderrTail());
            }
            return r.isOk() ? r : PeerResult.failed(name + ": " + r.error() + stderrTail());
        }
    }

    /** Kills the process if it still runs. Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int exitStatus() {
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
            close();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String next(long deadlineNs) {
        long remaining = deadlineNs - System.nanoTime();
        if (remaining <= 0) {
            return lines.poll();
        }
        try {
            return lines.poll(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void keep(String line) {
        otherLines.addLast(line);
        if (otherLines.size() > KEPT_LINES) {
            otherLines.removeFirst();
        }
    }

    private String stderrTail() {
        StringBuilder sb = new StringBuilder();
        try {
            List<String> err = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
            int from = Math.max(0, err.size() - 8);
            for (String l : err.subList(from, err.size())) {
                sb.append("\n    stderr| ").append(l);
            }
        } catch (IOException e) {
            sb.append("\n    (stderr log unreadable: ").append(e.getMessage()).append(')');
        }
        for (String l : otherLines) {
            sb.append("\n    stdout| ").append(l);
        }
        return sb.toString();
    }

    private void pump() {
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("ERROR PEER_STDOUT: " + e.getMessage());
        } finally {
            lines.add(EOF);
        }
    }
}
