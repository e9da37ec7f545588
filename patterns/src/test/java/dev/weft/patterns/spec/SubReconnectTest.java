package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.awaitConnectedPeers;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.awaitSubscribed;
import static dev.weft.patterns.spec.Traffic.subscriptionEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Subscribers send their subscriptions again when they reconnect: a publisher that restarts on the
 * same endpoint knows nothing of them, yet its messages arrive.
 */
@Timeout(60)
class SubReconnectTest {
    private static final SocketOptions FAST_RECONNECT =
            SocketOptions.builder()
                    .reconnectInterval(Duration.ofMillis(20))
                    .reconnectIntervalMax(Duration.ofMillis(100))
                    .linger(Duration.ZERO)
                    .build();

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
    void shouldReceiveFromAPublisherRestartedOnTheSameEndpoint() {
        PubSocket first = new PubSocket(ctx, Traffic.noLinger());
        String ep = first.bind("tcp://127.0.0.1:*");
        SubSocket sub = new SubSocket(ctx, FAST_RECONNECT).subscribe("news");
        sub.connect(ep);
        awaitSubscribed(first, sub, "news");

        first.close();
        awaitConnectedPeers(sub, 0);
        PubSocket second = new PubSocket(ctx, Traffic.noLinger());
        assertThat(second.bind(ep)).isEqualTo(ep);

        // Only a subscription sent again reaches the new publisher.
        String got = null;
        for (int i = 0; i < 1_000 && got == null; i++) {
            second.send("news", Integer.toString(i));
            try (Message m = sub.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    got = m.strings().get(0);
                }
            }
        }
        assertThat(got).isEqualTo("news");
        assertThat(sub.stats().reconnects()).isPositive();
    }

    @Test
    void shouldSendEverySubscriptionAgainToAPublisherThatReturns() {
        XPubSocket first = new XPubSocket(ctx, Traffic.noLinger());
        String ep = first.bind("tcp://127.0.0.1:*");
        SubSocket sub = new SubSocket(ctx, FAST_RECONNECT).subscribe("a").subscribe("b");
        XSubSocket xsub = new XSubSocket(ctx, FAST_RECONNECT);
        sub.connect(ep);
        xsub.connect(ep);
        xsub.subscribe("c");
        awaitPeers(first, 2);
        first.close();
        awaitConnectedPeers(sub, 0);
        awaitConnectedPeers(xsub, 0);

        XPubSocket second = new XPubSocket(ctx, Traffic.noLinger()).verbose(true);
        second.bind(ep);

        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(subscriptionEvent(second));
        }
        assertThat(seen).containsExactlyInAnyOrder("+a", "+b", "+c");
    }
}
