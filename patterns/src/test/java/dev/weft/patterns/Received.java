package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import java.time.Duration;
import java.util.List;

/** Receives with a bounded wait and releases the message, for test assertions. */
final class Received {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Received() {}

    static List<String> texts(MessageReceiver socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("a message within %s on %s", WAIT, socket).isNotNull();
            return m.strings();
        }
    }
}
