package dev.weft.patterns.pipeline;

import dev.weft.core.Message;
import dev.weft.core.route.FairQueue;

/**
 * libzmq's {@code ZMQ_CONFLATE} for receivers: when on, a receive drains everything waiting and
 * returns only the newest message, releasing the older ones.
 */
public final class Conflation {
    private boolean enabled;

    /**
     * Turns conflation on or off.
     *
     * @param enabled true to keep only the newest message
     */
    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Tells whether conflation is on.
     *
     * @return true when only the newest message is kept
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Receives from the queue, conflating when on.
     *
     * @param in the fair queue to read
     * @return the next (or, conflating, the newest) message, or null
     */
    public Message newest(FairQueue in) {
        Message m = in.receive();
        if (!enabled || m == null) {
            return m;
        }
        Message newer;
        while ((newer = in.receive()) != null) {
            m.close();
            m = newer;
        }
        return m;
    }
}
