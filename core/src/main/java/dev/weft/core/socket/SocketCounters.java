package dev.weft.core.socket;

import dev.weft.core.transport.ListenerLimit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A socket core's counters: traffic, drops on disconnect and close, reconnects and handshake
 * failures (roles count their own drops in their {@link dev.weft.core.role.RoleContext}). Traffic
 * and drop counters are plain fields guarded by the socket lock (the hot path pays no atomic); the
 * I/O-side counters are atomic.
 */
final class SocketCounters {
    long sent;
    long received;
    long droppedOnDisconnect;
    long droppedOnClose;
    long droppedFromDepartedPeers;
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong handshakeFailures = new AtomicLong();
    // Bound endpoints' connection counts; added and removed on the I/O thread, read by stats().
    final List<ListenerLimit> listeners = new CopyOnWriteArrayList<>();
    final AtomicLong acceptPausesOfUnbound = new AtomicLong();
    final AtomicLong droppedDatagrams = new AtomicLong();

    SocketCounters() {}
}
