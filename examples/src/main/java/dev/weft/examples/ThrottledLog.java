package dev.weft.examples;

import java.io.PrintStream;

/**
 * Prints log lines, at most a few per second, so that a peer sending garbage cannot flood the
 * console; the lines left out are counted in the next line printed.
 *
 * <p>Owned by one thread.
 */
final class ThrottledLog {
    private static final long WINDOW_NS = 1_000_000_000L;

    private final String name;
    private final PrintStream out;
    private final int linesPerSecond;
    private long windowStartNs = System.nanoTime();
    private int printedInWindow;
    private long suppressed;

    /**
     * Creates a log.
     *
     * @param name prefix of every line (the example's name)
     * @param out where lines go
     * @param linesPerSecond most lines printed per second
     */
    ThrottledLog(String name, PrintStream out, int linesPerSecond) {
        this.name = name;
        this.out = out;
        this.linesPerSecond = linesPerSecond;
    }

    /**
     * Prints a line unless too many were printed this second.
     *
     * @param line the text, without the name prefix
     */
    void log(String line) {
        long now = System.nanoTime();
        if (now - windowStartNs >= WINDOW_NS) {
            windowStartNs = now;
            printedInWindow = 0;
        }
        if (printedInWindow >= linesPerSecond) {
            suppressed++;
            return;
        }
        printedInWindow++;
        if (suppressed > 0) {
            out.printf("%s: %s (and %d similar lines not shown)%n", name, line, suppressed);
            suppressed = 0;
        } else {
            out.printf("%s: %s%n", name, line);
        }
        out.flush();
    }
}
