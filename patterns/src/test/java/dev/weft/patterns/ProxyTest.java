package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProxyTest {
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
    void shouldBrokerRequestsFromReqClientsToRepWorkers() {
        RouterSocket frontend = new RouterSocket(ctx);
        DealerSocket backend = new DealerSocket(ctx);
        String front = frontend.bind("tcp://127.0.0.1:*");
        String back = backend.bind("tcp://127.0.0.1:*");
        try (Proxy proxy = Proxy.start(frontend, backend)) {
            RepSocket worker = new RepSocket(ctx);
            worker.connect(back);
            ReqSocket client = new ReqSocket(ctx);
            client.connect(front);

            for (int i = 0; i < 5; i++) {
                client.send("request-" + i);
                assertThat(Received.texts(worker)).containsExactly("request-" + i);
                worker.send("reply-" + i);
                assertThat(Received.texts(client)).containsExactly("reply-" + i);
            }
            // The proxy counts a message once it is sent on, which may be just after it arrives.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> proxy.stats().backToFrontMessages() == 5);
            assertThat(proxy.stats().frontToBackMessages()).isEqualTo(5);
            assertThat(proxy.stats().frontToBackBytes()).isPositive();
        }
    }

    @Test
    void shouldForwardSubscriptionsUpstreamAndDataDownstream() {
        XSubSocket frontend = new XSubSocket(ctx);
        XPubSocket backend = new XPubSocket(ctx);
        String front = frontend.bind("tcp://127.0.0.1:*");
        String back = backend.bind("tcp://127.0.0.1:*");
        try (Proxy proxy = Proxy.start(frontend, backend)) {
            PubSocket publisher = new PubSocket(ctx);
            publisher.connect(front);
            SubSocket subscriber = new SubSocket(ctx).subscribe("weather");
            subscriber.connect(back);

            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> {
                                publisher.send("news", "ignored");
                                publisher.send("weather", "sunny");
                                try (Message m = subscriber.receive(Duration.ofMillis(20))) {
                                    return m != null && m.strings().get(0).equals("weather");
                                }
                            });
            await("the subscription went upstream")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> proxy.stats().backToFrontMessages() > 0);
        }
    }

    @Test
    void shouldHoldMessagesWhilePausedAndCopyThemToTheCapture() {
        PullSocket frontend = new PullSocket(ctx);
        PushSocket backend = new PushSocket(ctx);
        PushSocket capture = new PushSocket(ctx);
        String front = frontend.bind("tcp://127.0.0.1:*");
        String back = backend.bind("tcp://127.0.0.1:*");
        String cap = capture.bind("tcp://127.0.0.1:*");
        PullSocket captured = new PullSocket(ctx);
        captured.connect(cap);
        PullSocket sink = new PullSocket(ctx);
        sink.connect(back);
        PushSocket source = new PushSocket(ctx);
        source.connect(front);
        await().until(() -> capture.canSend() && backend.canSend());

        try (Proxy proxy = Proxy.start(frontend, backend, capture)) {
            proxy.pause();
            assertThat(proxy.isPaused()).isTrue();
            source.send("held");
            await().during(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> proxy.stats().frontToBackMessages() == 0);

            proxy.resume();
            assertThat(sink.receiveString()).isEqualTo("held");
            assertThat(captured.receiveString()).isEqualTo("held");
            // The proxy counts a message once it is sent on, which may be just after it arrives.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> proxy.stats().frontToBackMessages() == 1);
            assertThat(proxy.stats().backToFrontMessages()).isZero();

            proxy.terminate();
            assertThat(proxy.isRunning()).isFalse();
        }
    }

    @Test
    void shouldRefuseSocketsThatCannotForwardEitherWay() {
        PushSocket a = new PushSocket(ctx);
        PushSocket b = new PushSocket(ctx);
        assertThatThrownBy(() -> Proxy.start(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no direction can forward");
    }
}
