package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Frame;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RouterSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private DealerSocket dealer(String id) {
        return new DealerSocket(
                ctx,
                id == null
                        ? SocketOptions.DEFAULTS
                        : SocketOptions.builder().routingId(id).build());
    }

    @Test
    void shouldPrefixMessagesWithTheRoutingIdThePeerChose() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = dealer("client-1");
        dealer.connect(ep);

        assertThat(dealer.send("hello", "world")).isTrue();
        assertThat(Received.texts(router)).containsExactly("client-1", "hello", "world");
    }

    @Test
    void shouldGenerateAFiveByteIdStartingWithZeroForAnonymousPeers() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = dealer(null);
        dealer.connect(ep);
        dealer.send("x");

        try (Message m = router.receive(WAIT)) {
            byte[] id = m.frame(0).toByteArray();
            assertThat(id).hasSize(5);
            assertThat(id[0]).isZero();
        }
    }

    @Test
    void shouldRouteRepliesByTheFirstFrameAndStripIt() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket a = dealer("A");
        DealerSocket b = dealer("B");
        a.connect(ep);
        b.connect(ep);
        a.send("from-a");
        b.send("from-b");
        router.receive(WAIT).close();
        router.receive(WAIT).close();

        router.sendTo("B".getBytes(StandardCharsets.UTF_8), "for-b");
        router.sendTo("A".getBytes(StandardCharsets.UTF_8), "for-a");

        assertThat(Received.texts(b)).containsExactly("for-b");
        assertThat(Received.texts(a)).containsExactly("for-a");
    }

    @Test
    void shouldDropAMessageForAnUnknownPeerSilentlyAndCountIt() {
        RouterSocket router = new RouterSocket(ctx);
        router.bind("tcp://127.0.0.1:*");

        assertThat(router.sendTo("nobody".getBytes(StandardCharsets.UTF_8), "lost")).isTrue();
        assertThat(router.stats().droppedUnroutable()).isEqualTo(1);
    }

    @Test
    void shouldThrowHostUnreachableInMandatoryModeAndLeaveTheMessageWithTheCaller() {
        RouterSocket router = new RouterSocket(ctx).mandatory(true);
        router.bind("tcp://127.0.0.1:*");
        Message m = Message.of("nobody", "lost");

        assertThatThrownBy(() -> router.send(m))
                .isInstanceOf(HostUnreachableException.class)
                .hasMessageContaining("no connected peer has routing id 0x6e6f626f6479");
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.frame(1).content().refCnt()).isEqualTo(1);
        m.close();
        assertThat(router.stats().droppedUnroutable()).isZero();
    }

    @Test
    void shouldRefuseASecondPeerWithARoutingIdInUse() {
        RouterSocket router = new RouterSocket(ctx);
        EventLog events = EventLog.of(router);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket first = dealer("same");
        first.connect(ep);
        first.send("one");
        assertThat(Received.texts(router)).containsExactly("same", "one");

        DealerSocket second = dealer("same");
        second.connect(ep);

        MonitorEvent rejected = events.await(MonitorEvent.Type.PEER_REJECTED);
        assertThat(rejected.detail()).contains("DUPLICATE_ROUTING_ID");
        router.sendTo("same".getBytes(StandardCharsets.UTF_8), "still-first");
        assertThat(Received.texts(first)).containsExactly("still-first");
    }

    @Test
    void shouldHandTheRoutingIdOverToANewPeerWhenHandoverIsOn() {
        RouterSocket router = new RouterSocket(ctx).handover(true);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket first = dealer("worker");
        EventLog firstEvents = EventLog.of(first);
        first.connect(ep);
        first.send("one");
        router.receive(WAIT).close();

        DealerSocket second = dealer("worker");
        second.connect(ep);
        second.send("two");
        assertThat(Received.texts(router)).containsExactly("worker", "two");

        router.sendTo("worker".getBytes(StandardCharsets.UTF_8), "to-new");
        assertThat(Received.texts(second)).containsExactly("to-new");
        firstEvents.await(MonitorEvent.Type.DISCONNECTED);
    }

    @Test
    void shouldRoundTripOneHundredDealersThroughOneRouter() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        List<DealerSocket> dealers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            DealerSocket d = dealer("d" + i);
            d.connect(ep);
            dealers.add(d);
        }
        for (int i = 0; i < 100; i++) {
            dealers.get(i).send("ping-" + i);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            try (Message m = router.receive(WAIT)) {
                assertThat(m).isNotNull();
                String id = m.frame(0).toString(StandardCharsets.UTF_8);
                seen.add(id);
                Message reply = Message.of(id, "pong-" + id);
                assertThat(router.send(reply)).isTrue();
            }
        }
        assertThat(seen).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(Received.texts(dealers.get(i))).containsExactly("pong-d" + i);
        }
        await().until(() -> router.stats().peers().size() == 100);
    }

    @Test
    void shouldRefuseASendWithoutARoutingIdFrame() {
        RouterSocket router = new RouterSocket(ctx);
        Message m = Message.of("only-one-frame");
        assertThatThrownBy(() -> router.send(m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a routing-id frame");
        m.close();
    }

    @Test
    void shouldReceiveAProbeFromAPeerThatConnectsWithProbeRouter() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = dealer("prober").probeRouter(true);
        dealer.connect(ep);

        assertThat(Received.texts(router)).containsExactly("prober", "");
    }

    @Test
    void shouldKeepTheSharedRoutingIdFrameValidAfterTheUserClosesMessages() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = dealer("client-1");
        dealer.connect(ep);
        dealer.send("one");
        dealer.send("two");

        Message first = router.receive(WAIT);
        Frame id = first.frame(0);
        first.close();
        first.close();
        assertThat(id.content().refCnt()).isPositive();
        assertThat(id.content().isReadOnly()).isTrue();
        assertThat(id.toString(StandardCharsets.UTF_8)).isEqualTo("client-1");

        try (Message second = router.receive(WAIT)) {
            assertThat(second.strings()).containsExactly("client-1", "two");
            assertThat(second.frame(0).content().refCnt()).isPositive();
        }
    }

    @Test
    void shouldResetTheRoutingIdFrameAReaderMovedBeforeTheNextMessage() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = dealer("mover");
        dealer.connect(ep);
        dealer.send("one");
        dealer.send("two");

        try (Message m = router.receive(WAIT)) {
            m.frame(0).content().skipBytes(m.frame(0).size());
        }
        assertThat(Received.texts(router)).containsExactly("mover", "two");
    }

    @Test
    void shouldGiveEveryHeldMessageItsRoutingIdAndRouteRepliesWithIt() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket a = dealer("A");
        DealerSocket b = dealer("B");
        a.connect(ep);
        b.connect(ep);
        int each = 300;
        for (int i = 0; i < each; i++) {
            assertThat(a.send("a" + i)).isTrue();
            assertThat(b.send("b" + i)).isTrue();
        }
        List<Message> held = new ArrayList<>();
        for (int i = 0; i < 2 * each; i++) {
            Message m = router.receive(WAIT);
            assertThat(m).isNotNull();
            held.add(m);
        }
        for (Message m : held) {
            String id = m.frame(0).toString(StandardCharsets.UTF_8);
            assertThat(m.frame(1).toString(StandardCharsets.UTF_8)).startsWith(id.toLowerCase());
        }
        for (Message m : held) {
            assertThat(router.send(m)).isTrue();
        }
        for (int i = 0; i < each; i++) {
            assertThat(Received.texts(a)).containsExactly("a" + i);
            assertThat(Received.texts(b)).containsExactly("b" + i);
        }
    }

    @Test
    void shouldKeepAHeldRoutingIdValidAndPrefixTheNewOneAfterThePeerReconnects() {
        RouterSocket router = new RouterSocket(ctx);
        EventLog events = EventLog.of(router);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket first = dealer(null);
        first.connect(ep);
        first.send("from-first");
        Message held = router.receive(WAIT);
        byte[] firstId = held.frame(0).toByteArray();

        first.close();
        events.await(MonitorEvent.Type.DISCONNECTED);
        DealerSocket second = dealer(null);
        second.connect(ep);
        second.send("from-second");

        try (Message m = router.receive(WAIT)) {
            assertThat(m.frame(1).toString(StandardCharsets.UTF_8)).isEqualTo("from-second");
            assertThat(m.frame(0).toByteArray()).hasSize(5).isNotEqualTo(firstId);
            assertThat(router.send(Message.of(m.frame(0).toByteArray(), "reply".getBytes())))
                    .isTrue();
        }
        assertThat(Received.texts(second)).containsExactly("reply");
        assertThat(held.frame(0).toByteArray()).isEqualTo(firstId);
        held.close();
    }
}
