package dev.weft.core;

/**
 * Receives a socket's {@link MonitorEvent}s.
 *
 * <p>Called on an I/O thread with no lock held. It must return quickly and must not block: hand the
 * event to a queue if there is real work to do.
 */
@FunctionalInterface
public interface MonitorListener {
    /**
     * Takes one event.
     *
     * @param event what happened
     */
    void onEvent(MonitorEvent event);
}
