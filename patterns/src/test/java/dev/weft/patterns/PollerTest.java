package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PollerTest {
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
    void shouldReportWhichOfOneHundredSocketsIsReadable() {
        List<RouterSocket> routers = new ArrayList<>();
        List<DealerSocket> dealers = new ArrayList<>();
        try (Poller poller = new Poller()) {
            for (int i = 0; i < 100; i++) {
                RouterSocket r = new RouterSocket(ctx);
                DealerSocket d = new DealerSocket(ctx);
                d.connect(r.bind("tcp://127.0.0.1:*"));
                routers.add(r);
                dealers.add(d);
                assertThat(poller.register(r, Poller.READABLE)).isEqualTo(i);
            }
            assertThat(poller.poll(Duration.ZERO)).isZero();

            for (int k : new int[] {0, 42, 99}) {
                dealers.get(k).send("to-" + k);
                assertThat(poller.poll(Duration.ofSeconds(10))).isEqualTo(1);
                assertThat(poller.isReadable(k)).isTrue();
                assertThat(Received.texts(routers.get(k))).last().isEqualTo("to-" + k);
                assertThat(poller.poll(Duration.ZERO)).isZero();
            }
        }
    }

    @Test
    void shouldReportWritableOnceAPeerIsConnected() {
        DealerSocket dealer = new DealerSocket(ctx);
        try (Poller poller = new Poller()) {
            int item = poller.register(dealer, Poller.WRITABLE);
            assertThat(poller.poll(Duration.ofMillis(20))).isZero();

            RouterSocket router = new RouterSocket(ctx);
            dealer.connect(router.bind("tcp://127.0.0.1:*"));
            assertThat(poller.poll(Duration.ofSeconds(10))).isEqualTo(1);
            assertThat(poller.isWritable(item)).isTrue();
            assertThat(poller.isReadable(item)).isFalse();
        }
    }

    @Test
    void shouldReturnWhenWokenFromAnotherThread() throws Exception {
        PullSocket pull = new PullSocket(ctx);
        try (Poller poller = new Poller()) {
            poller.register(pull, Poller.READABLE);
            BlockedCall<Integer> polling =
                    BlockedCall.start(() -> poller.poll(Duration.ofSeconds(30)));
            poller.wakeup();
            assertThat(polling.result().get(5, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void shouldWakeWhenAMessageArrivesWhileWaiting() throws Exception {
        PullSocket pull = new PullSocket(ctx);
        String ep = pull.bind("tcp://127.0.0.1:*");
        PushSocket push = new PushSocket(ctx, SocketOptions.DEFAULTS);
        push.connect(ep);
        try (Poller poller = new Poller()) {
            int item = poller.register(pull, Poller.READABLE);
            BlockedCall<Integer> polling =
                    BlockedCall.start(() -> poller.poll(Duration.ofSeconds(30)));
            push.send("wake");
            assertThat(polling.result().get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(poller.isReadable(item)).isTrue();
            assertThat(pull.receiveString()).isEqualTo("wake");
        }
    }

    @Test
    void shouldRefuseInterestsASocketCannotHave() {
        try (Poller poller = new Poller()) {
            PushSocket push = new PushSocket(ctx);
            PullSocket pull = new PullSocket(ctx);
            assertThatThrownBy(() -> poller.register(push, Poller.READABLE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PUSH sockets cannot receive");
            assertThatThrownBy(() -> poller.register(pull, Poller.WRITABLE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PULL sockets cannot send");
            assertThatThrownBy(() -> poller.register(pull, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("interest: 0");
        }
    }
}
