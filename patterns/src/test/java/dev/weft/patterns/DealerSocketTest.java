package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DealerSocketTest {
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
    void shouldSendRoundRobinToItsPeers() {
        RouterSocket r1 = new RouterSocket(ctx);
        RouterSocket r2 = new RouterSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx, SocketOptions.builder().routingId("d").build());
        dealer.connect(r1.bind("tcp://127.0.0.1:*"));
        dealer.connect(r2.bind("tcp://127.0.0.1:*"));
        await().until(() -> dealer.stats().peers().size() == 2);

        for (int i = 0; i < 10; i++) {
            dealer.send("m" + i);
        }
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(Received.texts(r1).get(1));
            second.add(Received.texts(r2).get(1));
        }
        assertThat(first).hasSize(5).doesNotContainAnyElementsOf(second);
    }

    @Test
    void shouldReceiveFairlyFromItsPeers() {
        DealerSocket dealer = new DealerSocket(ctx);
        String ep = dealer.bind("tcp://127.0.0.1:*");
        DealerSocket p1 = new DealerSocket(ctx);
        DealerSocket p2 = new DealerSocket(ctx);
        p1.connect(ep);
        p2.connect(ep);
        for (int i = 0; i < 20; i++) {
            p1.send("a");
            p2.send("b");
        }
        await().until(() -> dealer.stats().peers().stream().allMatch(p -> p.inboundDepth() == 20));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            order.add(Received.texts(dealer).get(0));
        }
        for (int i = 1; i < order.size(); i++) {
            assertThat(order.get(i))
                    .as("message %d alternates peers: %s", i, order)
                    .isNotEqualTo(order.get(i - 1));
        }
    }

    @Test
    void shouldCarryMultipartEmptyAndLargeFrames() {
        DealerSocket a = new DealerSocket(ctx);
        String ep = a.bind("tcp://127.0.0.1:*");
        DealerSocket b = new DealerSocket(ctx);
        b.connect(ep);
        byte[] f255 = new byte[255];
        byte[] f256 = new byte[256];
        byte[] mib = new byte[1024 * 1024];
        for (int i = 0; i < mib.length; i++) {
            mib[i] = (byte) (i % 251);
        }
        b.send(Message.of(new byte[0], f255, f256, mib));
        try (Message m = a.receive(Received.WAIT)) {
            assertThat(m.size()).isEqualTo(4);
            assertThat(m.frame(0).size()).isZero();
            assertThat(m.frame(1).size()).isEqualTo(255);
            assertThat(m.frame(2).size()).isEqualTo(256);
            assertThat(m.frame(3).toByteArray()).isEqualTo(mib);
        }
    }
}
