package dev.weft.testkit;

import dev.weft.core.MonitorEvent;
import dev.weft.core.MonitorListener;
import dev.weft.patterns.WeftSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Records a socket's monitor events so that a test can wait for them and assert on them.
 *
 * <pre>{@code
 * MonitorRecorder events = MonitorRecorder.attach(dealer);   // before connect()
 * dealer.connect(endpoint);
 * events.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 1, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>A monitor listener sees only the events that happen after it was added: attach the recorder
 * before {@code bind} or {@code connect} when the first events matter.
 *
 * <p>Thread-safe: events arrive on the socket's I/O thread and may be read from any thread.
 */
public final class MonitorRecorder implements MonitorListener {
    private static final long POLL_MS = 10;

    private final List<MonitorEvent> events = new CopyOnWriteArrayList<>();

    /** Creates a recorder attached to nothing; pass it to {@code addMonitor}. */
    public MonitorRecorder() {}

    /**
     * Creates a recorder and adds it to the socket's monitors.
     *
     * @param socket the socket to watch
     * @return the attached recorder
     */
    public static MonitorRecorder attach(WeftSocket socket) {
        MonitorRecorder recorder = new MonitorRecorder();
        socket.addMonitor(recorder);
        return recorder;
    }

    /**
     * Records one event; called by the socket on its I/O thread. Never blocks.
     *
     * @param event what happened
     */
    @Override
    public void onEvent(MonitorEvent event) {
        events.add(event);
    }

    /**
     * Returns the events recorded so far, oldest first.
     *
     * @return an immutable copy
     */
    public List<MonitorEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Counts the recorded events of one type.
     *
     * @param type the event type
     * @return how many were recorded
     */
    public int count(MonitorEvent.Type type) {
        int n = 0;
        for (MonitorEvent e : events) {
            if (e.type() == type) {
                n++;
            }
        }
        return n;
    }

    /**
     * Waits until at least {@code count} events of the type were recorded.
     *
     * @param type the event type
     * @param count how many to wait for, at least 1
     * @param timeout how long to wait
     * @throws AssertionError when fewer arrived in time; the message lists every recorded event
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public void awaitCount(MonitorEvent.Type type, int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(0, TimeUnit.MILLISECONDS)
                    .pollInterval(POLL_MS, TimeUnit.MILLISECONDS)
                    .until(() -> count(type) >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "expected at least "
                            + count
                            + " "
                            + type
                            + " event(s) within "
                            + timeout.toMillis()
                            + " ms, saw "
                            + count(type)
                            + "; recorded events: "
                            + events,
                    e);
        }
    }

    /** Forgets the events recorded so far. */
    public void clear() {
        events.clear();
    }

    @Override
    public String toString() {
        return "MonitorRecorder" + events;
    }
}
