package dev.weft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RFC 37 heartbeats detect a peer that went silent: with a fault proxy paused between a DEALER and
 * a ROUTER, both ends close the connection once {@code heartbeatTimeout} passed without traffic,
 * which happens within timeout + one interval of the last traffic, and the DEALER reconnects once
 * the proxy passes traffic again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(WeftExtension.class)
class HeartbeatSilenceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(800);

    /** Generous for a loaded machine: five times the longest detection, timeout + one interval. */
    private static final Duration DETECTION_BOUND =
            HEARTBEAT_TIMEOUT.plus(INTERVAL).multipliedBy(5);

    private static final Pattern SILENCE = Pattern.compile("no traffic for (\\d+) ms");

    @Test
    void shouldCloseASilentConnectionAfterTheTimeoutAndReconnectAfterThePartition(Context context) {
        SocketOptions heartbeats =
                SocketOptions.builder()
                        .heartbeatInterval(INTERVAL)
                        .heartbeatTimeout(HEARTBEAT_TIMEOUT)
                        .reconnectInterval(Duration.ofMillis(50))
                        .build();
        try (RouterSocket router = new RouterSocket(context, heartbeats);
                DealerSocket dealer = new DealerSocket(context, heartbeats);
                FaultProxy proxy = FaultProxy.start(router.bind(TestEndpoints.tcp()))) {
            MonitorRecorder dealerEvents = MonitorRecorder.attach(dealer);
            MonitorRecorder routerEvents = MonitorRecorder.attach(router);
            dealer.connect(proxy.endpoint());
            dealerEvents.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 1, TIMEOUT);
            // Heartbeats flow through the proxy before the partition: the connection is quiet.
            dealerEvents.clear();

            long pausedAt = System.nanoTime();
            proxy.pause();
            dealerEvents.awaitCount(MonitorEvent.Type.DISCONNECTED, 1, TIMEOUT);
            long detectedMs = (System.nanoTime() - pausedAt) / 1_000_000;
            routerEvents.awaitCount(MonitorEvent.Type.DISCONNECTED, 1, TIMEOUT);

            assertThat(detectedMs).isLessThan(DETECTION_BOUND.toMillis());
            for (MonitorRecorder events : List.of(dealerEvents, routerEvents)) {
                MonitorEvent closed = first(events, MonitorEvent.Type.DISCONNECTED);
                assertThat(closed.detail()).contains("heartbeatTimeout");
                Matcher silence = SILENCE.matcher(closed.detail());
                assertThat(silence.find()).as(closed.detail()).isTrue();
                assertThat(Long.parseLong(silence.group(1)))
                        .as("silence before closing: %s", closed)
                        .isGreaterThanOrEqualTo(HEARTBEAT_TIMEOUT.toMillis())
                        .isLessThan(DETECTION_BOUND.toMillis());
            }
            WeftAwait.awaitPeers(router, 0, TIMEOUT);

            proxy.resume();
            dealerEvents.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 1, TIMEOUT);
            assertThat(dealer.send(Message.of("after"), TIMEOUT)).isTrue();
            try (Message received = WeftAwait.awaitMessage(router, TIMEOUT)) {
                assertThat(received.size()).as("routing id and body").isEqualTo(2);
            }
        }
    }

    private static MonitorEvent first(MonitorRecorder events, MonitorEvent.Type type) {
        return events.events().stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }
}
