package dev.weft.patterns.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Message;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.RadioSocket;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Helpers of the RADIO/DISH tests: waiting for a join to reach a radio, reading group and body. */
final class Groups {
    private static final String PROBE = "probe";

    private Groups() {}

    /**
     * Sends probes to the group until the dish gets one, so its JOIN is known to have reached the
     * radio; drains the probes that follow.
     */
    static void awaitJoined(RadioSocket radio, DishSocket dish, String group) {
        for (int i = 0; i < 500; i++) {
            radio.send(group, PROBE);
            try (Message m = dish.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    drainProbes(dish);
                    return;
                }
            }
        }
        throw new AssertionError("join of '" + group + "' never took effect");
    }

    /**
     * Sends to the group until the radio counts a send as unroutable, so the dish's LEAVE (or its
     * departure) is known to have reached it.
     */
    static void awaitNotJoined(RadioSocket radio, String group) {
        LongSupplier unroutable = () -> radio.stats().droppedUnroutable();
        await("'" + group + "' to have no member on the radio")
                .atMost(Traffic.WAIT)
                .until(
                        () -> {
                            long before = unroutable.getAsLong();
                            radio.send(group, PROBE);
                            return unroutable.getAsLong() > before;
                        });
    }

    /** Receives one message that is not a probe within {@link Traffic#WAIT}: "group:body". */
    static String next(DishSocket dish) {
        for (int i = 0; i < 10_000; i++) {
            try (Message m = dish.receive(Traffic.WAIT)) {
                assertThat(m).as("a message within %s on %s", Traffic.WAIT, dish).isNotNull();
                assertThat(m.size()).isEqualTo(1);
                String body = m.frame(0).toString(java.nio.charset.StandardCharsets.UTF_8);
                if (!body.equals(PROBE)) {
                    return m.group() + ":" + body;
                }
            }
        }
        throw new AssertionError("only probes arrived on " + dish);
    }

    private static void drainProbes(DishSocket dish) {
        for (int i = 0; i < 1_000; i++) {
            try (Message m = dish.receive(Duration.ofMillis(50))) {
                if (m == null) {
                    return;
                }
            }
        }
    }
}
