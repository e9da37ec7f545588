package com.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import dev.weft.testkit.FaultProxy;
import dev.weft.testkit.MonitorRecorder;
import dev.weft.testkit.TestEndpoints;
import dev.weft.testkit.WeftAwait;
import dev.weft.testkit.WeftTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@WeftTest
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EchoServiceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void shouldAnswerAgainAfterTheConnectionDrops(Context context) {
        SocketOptions fastReconnect =
                SocketOptions.builder().reconnectInterval(Duration.ofMillis(50)).build();
        try (RouterSocket service = new RouterSocket(context);
                DealerSocket client = new DealerSocket(context, fastReconnect);
                FaultProxy proxy = FaultProxy.start(service.bind(TestEndpoints.tcp()))) {
            MonitorRecorder events = MonitorRecorder.attach(client);
            client.connect(proxy.endpoint());
            WeftAwait.awaitConnected(client, TIMEOUT);

            assertThat(echo(client, service, "hello")).isEqualTo("hello");

            proxy.latency(Duration.ofMillis(20)); // a slower network from now on...
            proxy.dropConnections(); // ...and every connection through it cut
            events.awaitCount(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 2, TIMEOUT);

            assertThat(echo(client, service, "again")).isEqualTo("again");
        }
    }

    /** Plays the service under test: a ROUTER that sends each request back to its sender. */
    private static String echo(DealerSocket client, RouterSocket service, String text) {
        assertThat(client.send(Message.of(text), TIMEOUT)).isTrue();
        try (Message request = WeftAwait.awaitMessage(service, TIMEOUT)) { // [routing id, text]
            byte[] routingId = request.frame(0).toByteArray();
            assertThat(service.sendTo(routingId, request.frame(1).toString(UTF_8))).isTrue();
        }
        try (Message reply = WeftAwait.awaitMessage(client, TIMEOUT)) {
            return reply.frame(0).toString(UTF_8);
        }
    }
}
