package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code reusePort} option: several sockets bind one TCP port and the kernel spreads peers. */
@Timeout(60)
class ReusePortTest {
    private static final int PEERS = 40;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final SocketOptions REUSE = SocketOptions.builder().reusePort(true).build();
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void shouldLetTwoSocketsBindOnePortAndBothReceiveConnections() {
        PullSocket first = new PullSocket(ctx, REUSE);
        PullSocket second = new PullSocket(ctx, REUSE);
        EventLog firstEvents = EventLog.of(first);
        EventLog secondEvents = EventLog.of(second);
        String endpoint = first.bind("tcp://127.0.0.1:*");
        assertThat(second.bind(endpoint)).isEqualTo(endpoint);

        for (int i = 0; i < PEERS; i++) {
            PushSocket push = new PushSocket(ctx);
            push.connect(endpoint);
            assertThat(push.send(Message.of("m-" + i), Duration.ofSeconds(5))).isTrue();
            push.close();
        }

        List<String> fromFirst = new ArrayList<>();
        List<String> fromSecond = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (fromFirst.size() + fromSecond.size() < PEERS && System.nanoTime() < deadline) {
            receiveInto(first, fromFirst);
            receiveInto(second, fromSecond);
        }

        Set<String> all = new HashSet<>(fromFirst);
        all.addAll(fromSecond);
        assertThat(fromFirst.size() + fromSecond.size()).isEqualTo(PEERS);
        assertThat(all).hasSize(PEERS);
        assertThat(fromFirst).as("messages through the first socket").isNotEmpty();
        assertThat(fromSecond).as("messages through the second socket").isNotEmpty();
        assertThat(
                        firstEvents.count(MonitorEvent.Type.ACCEPTED)
                                + secondEvents.count(MonitorEvent.Type.ACCEPTED))
                .isEqualTo(PEERS);
    }

    @Test
    void shouldRefuseASecondBindOfAPortWithoutTheOption() {
        PullSocket first = new PullSocket(ctx);
        String endpoint = first.bind("tcp://127.0.0.1:*");
        PullSocket second = new PullSocket(ctx);

        assertThatThrownBy(() -> second.bind(endpoint))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("bind '" + endpoint + "' failed")
                .hasMessageContaining("is the port in use");
    }

    @Test
    void shouldRefuseASecondBindWhenOnlyOneSocketSetsTheOption() {
        PullSocket first = new PullSocket(ctx);
        String endpoint = first.bind("tcp://127.0.0.1:*");
        PullSocket second = new PullSocket(ctx, REUSE);

        assertThatThrownBy(() -> second.bind(endpoint)).isInstanceOf(TransportException.class);
    }

    private static void receiveInto(PullSocket socket, List<String> into) {
        try (Message m = socket.receive(Duration.ofMillis(20))) {
            if (m != null) {
                into.add(m.strings().get(0));
            }
        }
    }
}
