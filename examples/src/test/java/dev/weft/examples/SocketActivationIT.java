package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rrbroker example as the README's systemd units run it: its frontend is {@code
 * tcp://inherited}, the listening socket handed over as standard input.
 */
@Timeout(120)
class SocketActivationIT {
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
    void shouldServeClientsOnTheInheritedFrontend() throws Exception {
        try (ExampleProcess broker =
                ExampleProcess.startWithInheritedSocket(
                        "rrbroker",
                        "--frontend",
                        "tcp://inherited",
                        "--backend",
                        "tcp://127.0.0.1:*")) {
            String port = broker.awaitLine("^PORT (\\d+)$");
            String front = broker.awaitLine("frontend bound to (\\S+),");
            String back = broker.awaitLine("backend bound to (\\S+)$");
            assertThat(front).isEqualTo("tcp://127.0.0.1:" + port);

            RepSocket worker = new RepSocket(ctx);
            worker.connect(back);
            ReqSocket client = new ReqSocket(ctx);
            client.connect(front);
            client.send("hello");
            try (Message request = worker.receive(WAIT)) {
                assertThat(request.strings()).containsExactly("hello");
            }
            worker.send("world");
            try (Message reply = client.receive(WAIT)) {
                assertThat(reply.strings()).containsExactly("world");
            }
            assertThat(broker.stop()).isIn(0, 143);
        }
    }
}
