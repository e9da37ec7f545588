package dev.weft.core.transport;

import dev.weft.core.SocketOptions;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.Timer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * ZMTP 3.1 connection heartbeating for one connection (RFC 37 §Connection Heartbeating): sends a
 * PING every interval, treats any incoming traffic as a sign of life, and declares the connection
 * dead when nothing arrives within the timeout after a PING, or within the TTL a peer's PING
 * announced.
 *
 * <p>Owned by the connection's I/O thread; not thread-safe.
 */
final class Heartbeat {
    private final IoThread ioThread;
    private final long intervalNs;
    private final long timeoutNs;
    private final int ttlDeciseconds;
    private final IntConsumer sendPing;
    private final Consumer<String> expired;
    private long lastTrafficNs = System.nanoTime();
    private Timer pingTimer;
    private Timer timeoutTimer;
    private Timer ttlTimer;

    Heartbeat(
            IoThread ioThread,
            SocketOptions options,
            IntConsumer sendPing,
            Consumer<String> expired) {
        this.ioThread = ioThread;
        this.intervalNs = options.heartbeatInterval().toNanos();
        this.timeoutNs = options.heartbeatTimeout().toNanos();
        this.ttlDeciseconds = (int) Math.min(0xFFFF, options.heartbeatTtl().toMillis() / 100);
        this.sendPing = sendPing;
        this.expired = expired;
    }

    /** Starts sending PINGs when an interval is configured. */
    void start() {
        if (intervalNs > 0) {
            pingTimer = ioThread.schedule(intervalNs, this::ping);
        }
    }

    /** Notes that bytes arrived. */
    void trafficReceived() {
        lastTrafficNs = System.nanoTime();
    }

    /**
     * Notes a PING from the peer: with a TTL, the peer expects us to close if it goes silent.
     *
     * @param ttl the PING's time-to-live in tenths of a second, 0 for none
     */
    void pingReceived(int ttl) {
        if (ttl == 0) {
            return;
        }
        if (ttlTimer != null) {
            ttlTimer.cancel();
        }
        long ttlNs = ttl * 100_000_000L;
        ttlTimer = ioThread.schedule(ttlNs, () -> checkSilence(ttlNs, "peer's PING TTL"));
    }

    /** Cancels every timer. */
    void stop() {
        cancel(pingTimer);
        cancel(timeoutTimer);
        cancel(ttlTimer);
    }

    private void ping() {
        sendPing.accept(ttlDeciseconds);
        if (timeoutTimer == null) {
            timeoutTimer = ioThread.schedule(timeoutNs, this::checkPingAnswered);
        }
        pingTimer = ioThread.schedule(intervalNs, this::ping);
    }

    private void checkPingAnswered() {
        timeoutTimer = null;
        checkSilence(timeoutNs, "heartbeatTimeout");
    }

    private void checkSilence(long windowNs, String rule) {
        long silentNs = System.nanoTime() - lastTrafficNs;
        if (silentNs >= windowNs) {
            expired.accept("no traffic for " + silentNs / 1_000_000 + " ms (" + rule + ")");
        }
    }

    private static void cancel(Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
