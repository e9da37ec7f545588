package dev.weft.patterns;

import dev.weft.core.MonitorEvent;
import dev.weft.core.MonitorListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;

/** Records a socket's monitor events for tests and waits for them with Awaitility. */
final class EventLog implements MonitorListener {
    private final ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();

    static EventLog of(WeftSocket socket) {
        EventLog log = new EventLog();
        socket.addMonitor(log);
        return log;
    }

    @Override
    public void onEvent(MonitorEvent event) {
        events.add(event);
    }

    List<MonitorEvent> events() {
        return List.copyOf(events);
    }

    long count(MonitorEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    MonitorEvent await(MonitorEvent.Type type) {
        return await(type, 1);
    }

    MonitorEvent await(MonitorEvent.Type type, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(type) >= count);
        return events.stream()
                .filter(e -> e.type() == type)
                .skip(count - 1)
                .findFirst()
                .orElseThrow();
    }
}
