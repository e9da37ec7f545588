package dev.weft.core.socket;

import dev.weft.core.transport.ListenerLimit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A socket's counters. Roles count their drops here; the core counts traffic, reconnects and
 * handshake failures. Traffic and drop counters are plain fields guarded by the socket lock (the
 * hot path pays no atomic); the I/O-side counters are atomic.
 */
public final class SocketCounters {
    long sent;
    long received;
    long droppedUnroutable;
    long droppedAtHwm;
    long droppedOnDisconnect;
    long droppedOnClose;
    long droppedFromDepartedPeers;
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong handshakeFailures = new AtomicLong();
    // Bound endpoints' connection counts; added and removed on the I/O thread, read by stats().
    final List<ListenerLimit> listeners = new CopyOnWriteArrayList<>();
    final AtomicLong acceptPausesOfUnbound = new AtomicLong();

    SocketCounters() {}

    /** Counts a message dropped because no peer has its routing id; call under the socket lock. */
    public void droppedUnroutable() {
        droppedUnroutable++;
    }

    /** Counts a message dropped at a peer's high-water mark; call under the socket lock. */
    public void droppedAtHwm() {
        droppedAtHwm++;
    }
}
