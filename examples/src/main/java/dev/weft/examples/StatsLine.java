package dev.weft.examples;

import dev.weft.core.SocketStats;
import java.io.PrintStream;

/** The one-line periodic stats every example prints to stderr: messages, rate, peers. */
final class StatsLine {
    private final String name;
    private final PrintStream out;
    private long lastMessages;
    private long lastNanos = System.nanoTime();

    StatsLine(String name, PrintStream out) {
        this.name = name;
        this.out = out;
    }

    /**
     * Prints one line.
     *
     * @param messages total messages so far
     * @param peers connected peers now
     * @param extra anything else worth a glance (may be empty)
     */
    void print(long messages, int peers, String extra) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long rate = Math.round((messages - lastMessages) / seconds);
        out.printf(
                "%s: %,d msgs  %,d msg/s  %d peers%s%n",
                name, messages, rate, peers, extra.isEmpty() ? "" : "  " + extra);
        out.flush();
        lastMessages = messages;
        lastNanos = now;
    }

    /**
     * Counts the peers with a live connection, leaving out endpoints still waiting for one.
     *
     * @param stats a socket's stats
     * @return the connected peers
     */
    static int connectedPeers(SocketStats stats) {
        return (int) stats.peers().stream().filter(SocketStats.PeerStats::connected).count();
    }
}
