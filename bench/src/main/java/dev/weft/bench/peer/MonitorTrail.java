package dev.weft.bench.peer;

import dev.weft.core.MonitorEvent;
import dev.weft.core.MonitorListener;
import java.util.ArrayDeque;
import java.util.StringJoiner;

/**
 * The last monitor events of a bench socket, with the time each came, so that a failed run can tell
 * what its connections did (connected, retried, handshaken, closed) instead of only that nothing
 * arrived. Keeps at most {@value #CAPACITY} events; thread-safe.
 */
final class MonitorTrail implements MonitorListener {
    static final int CAPACITY = 64;

    private final long startNs = System.nanoTime();
    private final ArrayDeque<String> events = new ArrayDeque<>(CAPACITY);
    private long dropped;

    @Override
    public synchronized void onEvent(MonitorEvent event) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
            dropped++;
        }
        long ms = (System.nanoTime() - startNs) / 1_000_000;
        events.addLast(
                "+"
                        + ms
                        + " ms "
                        + event.type()
                        + " "
                        + event.peerAddress()
                        + " "
                        + event.detail());
    }

    /**
     * Returns the kept events, oldest first, one per line.
     *
     * @return the trail, or a line saying there was none
     */
    synchronized String describe() {
        if (events.isEmpty()) {
            return "no monitor events";
        }
        StringJoiner j = new StringJoiner("\n");
        if (dropped > 0) {
            j.add("(" + dropped + " older events not kept)");
        }
        events.forEach(j::add);
        return j.toString();
    }
}
