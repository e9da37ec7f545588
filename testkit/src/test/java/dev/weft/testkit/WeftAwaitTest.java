package dev.weft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import dev.weft.patterns.RouterSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.XPubSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The waiting helpers: each returns as soon as its condition holds, and on timeout fails with an
 * {@link AssertionError} that says what was awaited.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
@ExtendWith(WeftExtension.class)
class WeftAwaitTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void shouldReturnOnceADealerIsConnected(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context)) {
            dealer.connect(router.bind(TestEndpoints.tcp()));

            WeftAwait.awaitConnected(dealer, TIMEOUT);
            WeftAwait.awaitConnected(router);

            assertThat(dealer.stats().peers()).hasSize(1);
        }
    }

    @Test
    void shouldFailToConnectWithTheSocketsCounters(Context context) {
        try (DealerSocket dealer = new DealerSocket(context);
                FaultProxy nowhere = FaultProxy.start("tcp://127.0.0.1:1")) {
            nowhere.refuseConnections(true);
            dealer.connect(nowhere.endpoint());

            assertThatThrownBy(() -> WeftAwait.awaitConnected(dealer, SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected at least 1 connected peer on DEALER")
                    .hasMessageContaining("within 200 ms")
                    .hasMessageContaining("peers=0");
        }
    }

    @Test
    void shouldFailFastOnAClosedSocket(Context context) {
        DealerSocket dealer = new DealerSocket(context);
        dealer.close();

        assertThatThrownBy(() -> WeftAwait.awaitConnected(dealer, TIMEOUT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("it is closed");
    }

    @Test
    void shouldCountPeersUpAndDown(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket first = new DealerSocket(context)) {
            String endpoint = router.bind(TestEndpoints.tcp());
            first.connect(endpoint);
            try (DealerSocket second = new DealerSocket(context)) {
                second.connect(endpoint);
                WeftAwait.awaitPeers(router, 2, TIMEOUT);
            }
            WeftAwait.awaitPeers(router, 1, TIMEOUT);

            assertThatThrownBy(() -> WeftAwait.awaitPeers(router, 3, SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("exactly 3 peer(s)");
            assertThatThrownBy(() -> WeftAwait.awaitPeers(router, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count: -1");
        }
    }

    @Test
    void shouldProbeUntilSubscribedAndLeaveNoProbeBehind(Context context) {
        try (PubSocket pub = new PubSocket(context);
                SubSocket sub = new SubSocket(context)) {
            sub.connect(pub.bind(TestEndpoints.tcp()));
            sub.subscribe("news");

            WeftAwait.awaitSubscribed(pub, sub, "news.sport", TIMEOUT);

            assertThat(pub.send(Message.of("news.sport", "goal"), TIMEOUT)).isTrue();
            assertThat(WeftAwait.awaitStrings(sub, TIMEOUT)).containsExactly("news.sport", "goal");
            assertThat(sub.receive(SHORT)).as("a probe left behind").isNull();
        }
    }

    @Test
    void shouldProbeThroughAnXPub(Context context) {
        try (XPubSocket xpub = new XPubSocket(context);
                SubSocket sub = new SubSocket(context)) {
            sub.connect(xpub.bind(TestEndpoints.tcp()));
            sub.subscribe("");

            WeftAwait.awaitSubscribed(xpub, sub, "any");

            try (Message subscription = WeftAwait.awaitMessage(xpub, TIMEOUT)) {
                assertThat(subscription.frame(0).toByteArray()).containsExactly(1);
            }
        }
    }

    @Test
    void shouldFailWhenTheSubscriberNeverGetsTheTopic(Context context) {
        try (PubSocket pub = new PubSocket(context);
                SubSocket sub = new SubSocket(context)) {
            sub.connect(pub.bind(TestEndpoints.tcp()));
            sub.subscribe("weather");

            assertThatThrownBy(() -> WeftAwait.awaitSubscribed(pub, sub, "news", SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("topic 'news'")
                    .hasMessageContaining("probe(s), none arrived");
        }
    }

    @Test
    void shouldRecognizeProbes() {
        try (Message probe = Message.of("topic", WeftAwait.PROBE_MARKER + "x:1");
                Message data = Message.of("topic", "data");
                Message single = Message.of("topic")) {
            assertThat(WeftAwait.isProbe(probe)).isTrue();
            assertThat(WeftAwait.isProbe(data)).isFalse();
            assertThat(WeftAwait.isProbe(single)).isFalse();
        }
    }

    @Test
    void shouldReturnAMessageOrFailWithAClearText(Context context) {
        try (PullSocket pull = new PullSocket(context);
                PushSocket push = new PushSocket(context)) {
            push.connect(pull.bind(TestEndpoints.tcp()));
            WeftAwait.awaitConnected(push, TIMEOUT);

            assertThatThrownBy(() -> WeftAwait.awaitMessage(pull, SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected a message on PULL socket")
                    .hasMessageContaining("within 200 ms, none arrived");

            assertThat(push.send(Message.of("hello"), TIMEOUT)).isTrue();
            try (Message m = WeftAwait.awaitMessage(pull)) {
                assertThat(m.strings()).containsExactly("hello");
            }
        }
    }

    @Test
    void shouldRecordMonitorEventsAndWaitForThem(Context context) {
        try (RouterSocket router = new RouterSocket(context);
                DealerSocket dealer = new DealerSocket(context)) {
            MonitorRecorder events = MonitorRecorder.attach(dealer);
            dealer.connect(router.bind(TestEndpoints.tcp()));

            events.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 1, TIMEOUT);

            assertThat(events.count(MonitorEvent.Type.CONNECTED)).isEqualTo(1);
            assertThat(events.events())
                    .extracting(MonitorEvent::type)
                    .containsSubsequence(
                            MonitorEvent.Type.CONNECTED, MonitorEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThatThrownBy(() -> events.awaitCount(MonitorEvent.Type.DISCONNECTED, 1, SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("at least 1 DISCONNECTED event(s) within 200 ms, saw 0")
                    .hasMessageContaining("HANDSHAKE_SUCCEEDED");
            events.clear();
            assertThat(events.events()).isEmpty();
        }
    }
}
