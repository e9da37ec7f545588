package dev.weft.testkit;

/**
 * The faults of one direction of a {@link FaultProxy}, shared by all its connections. Written by
 * any thread through the proxy's methods, read by the forwarding threads on every step: all fields
 * are volatile, and a change applies to the bytes read after it.
 */
final class LinkFaults {
    private volatile long latencyNs;
    private volatile long bytesPerSecond;
    private volatile boolean paused;

    long latencyNs() {
        return latencyNs;
    }

    void latencyNs(long latencyNs) {
        this.latencyNs = latencyNs;
    }

    /** Returns the bandwidth cap, 0 for none. */
    long bytesPerSecond() {
        return bytesPerSecond;
    }

    void bytesPerSecond(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }

    void clear() {
        latencyNs = 0;
        bytesPerSecond = 0;
        paused = false;
    }

    @Override
    public String toString() {
        return "latency="
                + latencyNs / 1_000_000
                + "ms, bandwidth="
                + (bytesPerSecond == 0 ? "unlimited" : bytesPerSecond + "B/s")
                + (paused ? ", paused" : "");
    }
}
