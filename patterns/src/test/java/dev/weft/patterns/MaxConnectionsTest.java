package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code maxConnections} option: at the limit a bound endpoint stops accepting, the next peer
 * waits in the kernel's backlog, and is served once a connection ends.
 */
@Timeout(60)
class MaxConnectionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
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
    void shouldMakeThePeerAboveTheLimitWaitUntilAConnectionEnds() {
        RouterSocket router =
                new RouterSocket(ctx, SocketOptions.builder().maxConnections(2).build());
        EventLog routerEvents = EventLog.of(router);
        String endpoint = router.bind("tcp://127.0.0.1:*");

        DealerSocket first = dealer(endpoint, "first");
        DealerSocket second = dealer(endpoint, "second");
        assertThat(Received.texts(router)).last().isIn("first", "second");
        assertThat(Received.texts(router)).last().isIn("first", "second");
        awaitListener(router, 2, false);
        assertThat(router.stats().acceptPauses()).isEqualTo(1);

        DealerSocket third = new DealerSocket(ctx);
        EventLog thirdEvents = EventLog.of(third);
        third.connect(endpoint);
        assertThat(third.send(Message.of("third"), WAIT)).isTrue();
        // The kernel completes the TCP connect from its backlog; the listener does not accept it.
        thirdEvents.await(MonitorEvent.Type.CONNECTED);
        try (Message none = router.receive(Duration.ofMillis(300))) {
            assertThat(none).as("the third peer's message while two are connected").isNull();
        }
        assertThat(routerEvents.count(MonitorEvent.Type.ACCEPTED)).isEqualTo(2);
        assertThat(thirdEvents.count(MonitorEvent.Type.HANDSHAKE_SUCCEEDED)).isZero();

        first.close();
        assertThat(Received.texts(router)).last().isEqualTo("third");
        thirdEvents.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED);
        List<MonitorEvent> events = routerEvents.events();
        int firstGone = indexOf(events, MonitorEvent.Type.DISCONNECTED, 1);
        int thirdAccepted = indexOf(events, MonitorEvent.Type.ACCEPTED, 3);
        assertThat(thirdAccepted)
                .as("third accept after the first disconnect")
                .isGreaterThan(firstGone);
        awaitListener(router, 2, false);
        assertThat(router.stats().acceptPauses()).isEqualTo(2);

        second.close();
        awaitListener(router, 1, true);
        third.close();
    }

    @Test
    void shouldAcceptWithoutLimitByDefault() {
        RouterSocket router = new RouterSocket(ctx);
        String endpoint = router.bind("tcp://127.0.0.1:*");
        for (int i = 0; i < 5; i++) {
            dealer(endpoint, "peer-" + i);
        }
        for (int i = 0; i < 5; i++) {
            Received.texts(router);
        }

        SocketStats.ListenerStats listener = router.stats().listeners().get(0);
        assertThat(listener.endpoint()).isEqualTo(endpoint);
        assertThat(listener.liveConnections()).isEqualTo(5);
        assertThat(listener.maxConnections()).isZero();
        assertThat(listener.accepting()).isTrue();
        assertThat(router.stats().acceptPauses()).isZero();
    }

    @Test
    void shouldDropAnUnboundEndpointFromTheStatsButKeepItsPauses() {
        RouterSocket router =
                new RouterSocket(ctx, SocketOptions.builder().maxConnections(1).build());
        String endpoint = router.bind("tcp://127.0.0.1:*");
        dealer(endpoint, "only");
        Received.texts(router);
        awaitListener(router, 1, false);

        router.unbind(endpoint);

        assertThat(router.stats().listeners()).isEmpty();
        assertThat(router.stats().acceptPauses()).isEqualTo(1);
    }

    private DealerSocket dealer(String endpoint, String text) {
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(endpoint);
        assertThat(dealer.send(Message.of(text), WAIT)).isTrue();
        return dealer;
    }

    private static void awaitListener(RouterSocket router, int live, boolean accepting) {
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(
                        () -> {
                            SocketStats.ListenerStats l = router.stats().listeners().get(0);
                            assertThat(l.liveConnections()).isEqualTo(live);
                            assertThat(l.accepting()).isEqualTo(accepting);
                        });
    }

    private static int indexOf(List<MonitorEvent> events, MonitorEvent.Type type, int nth) {
        int seen = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == type && ++seen == nth) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " #" + nth + " in " + events);
    }
}
