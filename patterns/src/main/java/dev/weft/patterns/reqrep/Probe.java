package dev.weft.patterns.reqrep;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;

/**
 * libzmq's {@code ZMQ_PROBE_ROUTER}: an empty one-frame message written to a new peer so that a
 * ROUTER on the other side learns the routing id before any real traffic.
 */
final class Probe {
    private Probe() {}

    static void send(boolean enabled, Pipe pipe) {
        if (!enabled) {
            return;
        }
        Message probe = Message.of(new byte[0]);
        if (!pipe.write(probe)) {
            probe.close();
        }
    }
}
