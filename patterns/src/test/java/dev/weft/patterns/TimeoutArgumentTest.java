package dev.weft.patterns;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.Message;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimeoutArgumentTest {
    private static final Duration NEGATIVE = Duration.ofMillis(-1);

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
    void shouldRefuseANegativeSendTimeoutAndLeaveTheMessageWithTheCaller() {
        DealerSocket dealer = new DealerSocket(ctx);
        PushSocket push = new PushSocket(ctx);
        try (Message message = Message.of("kept")) {
            assertThatThrownBy(() -> dealer.send(message, NEGATIVE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "send timeout: PT-0.001S (expected: >= 0; Duration.ZERO does not wait,"
                                    + " and the call without a timeout waits the socket's"
                                    + " configured timeout)");
            assertThatThrownBy(() -> push.send(message, NEGATIVE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("send timeout: PT-0.001S (expected: >= 0");
            assertThat(message.frame(0).toString(UTF_8))
                    .as("the refused message is still the caller's")
                    .isEqualTo("kept");
        }
    }

    @Test
    void shouldRefuseANegativeOrMissingReceiveTimeout() {
        DealerSocket dealer = new DealerSocket(ctx);
        PullSocket pull = new PullSocket(ctx);
        assertThatThrownBy(() -> dealer.receive(NEGATIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("receive timeout: PT-0.001S (expected: >= 0");
        assertThatThrownBy(() -> pull.receive(NEGATIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("receive timeout: PT-0.001S (expected: >= 0");
        assertThatThrownBy(() -> pull.receive(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("receive timeout: null (expected: >= 0");
    }

    @Test
    void shouldRefuseANegativePollTimeout() {
        PullSocket pull = new PullSocket(ctx);
        try (Poller poller = new Poller()) {
            poller.register(pull, Poller.READABLE);
            assertThatThrownBy(() -> poller.poll(NEGATIVE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("poll timeout: PT-0.001S (expected: >= 0");
        }
    }

    @Test
    void shouldTreatAnEnormousTimeoutAsALongWaitNotAnOverflow() {
        PullSocket pull = new PullSocket(ctx);
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        PushSocket push = new PushSocket(ctx);
        push.connect(endpoint);
        assertThat(push.send(Message.of("far"), Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
        try (Message m = pull.receive(Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThat(m.frame(0).toString(UTF_8)).isEqualTo("far");
        }
    }

    @Test
    void shouldNotWaitForAZeroTimeout() {
        PullSocket pull = new PullSocket(ctx);
        assertThat(pull.receive(Duration.ZERO)).isNull();
    }
}
