package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What peers that have left still hold in a socket nobody reads is bounded by {@code
 * departedPeerBudget}: past it the oldest departed peers' messages go, counted; live peers keep
 * everything.
 */
@Timeout(120)
class DepartedPeerBudgetTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BODY = 100;

    /**
     * What the socket charges a departed peer holding one one-frame message of {@link #BODY}
     * octets: about 4 KiB for the peer (4096), the message (64) and the frame (96) around the body,
     * as {@code SocketOptions#departedPeerBudget} describes.
     */
    private static final long ONE_MESSAGE = 64 + 96 + BODY;

    private static final long PER_PEER = 4096 + ONE_MESSAGE;

    private final Map<RouterSocket, EventLog> events = new HashMap<>();
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
    void shouldHoldDepartedPeersWithinTheBudgetDropTheOldestAndSpareLivePeers() throws IOException {
        int held = 10;
        int peers = 60;
        RouterSocket router = router(held * PER_PEER);
        String ep = router.lastEndpoint();
        DealerSocket live =
                new DealerSocket(ctx, SocketOptions.builder().routingId("live").build());
        live.connect(ep);
        for (int i = 0; i < 20; i++) {
            assertThat(live.send("live-" + i)).isTrue();
        }
        await().atMost(WAIT).until(() -> liveDepth(router) == 20);

        for (int i = 0; i < peers; i++) {
            leave(router, departing(body(i)));
            assertThat(departedHeld(router) + dropped(router)).isEqualTo(i + 1);
            assertThat(departedHeld(router)).isLessThanOrEqualTo(held);
        }

        assertThat(departedHeld(router)).isEqualTo(held);
        assertThat(dropped(router)).isEqualTo(peers - held);
        assertThat(router.stats().droppedOnDisconnect()).isZero();
        List<String> fromLive = new ArrayList<>();
        List<String> fromDeparted = new ArrayList<>();
        for (int i = 0; i < 20 + held; i++) {
            try (Message m = router.receive(WAIT)) {
                assertThat(m).as("message %d of %d", i, 20 + held).isNotNull();
                boolean isLive = m.frame(0).toString(StandardCharsets.UTF_8).equals("live");
                (isLive ? fromLive : fromDeparted).add(m.frame(1).toString(StandardCharsets.UTF_8));
            }
        }
        assertThat(fromLive)
                .containsExactlyElementsOf(
                        IntStream.range(0, 20).mapToObj(i -> "live-" + i).toList());
        assertThat(fromDeparted)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(peers - held, peers)
                                .mapToObj(DepartedPeerBudgetTest::body)
                                .toList());
        assertThat(router.tryReceive()).isNull();
        await().atMost(WAIT).until(() -> router.stats().peers().size() == 1);
        live.send("after");
        assertThat(Received.texts(router)).containsExactly("live", "after");
    }

    @Test
    void shouldFreeTheBudgetOfADepartedPeerOnceItIsReadDry() throws IOException {
        RouterSocket router = router(2 * PER_PEER);

        leave(router, departing(body(1)));
        assertThat(departedHeld(router)).isEqualTo(1);
        assertThat(Received.texts(router).get(1)).isEqualTo(body(1));
        assertThat(departedHeld(router)).isZero();
        leave(router, departing(body(2)));
        leave(router, departing(body(3)));

        assertThat(departedHeld(router)).isEqualTo(2);
        assertThat(dropped(router)).isZero();
        List<String> bodies = List.of(Received.texts(router).get(1), Received.texts(router).get(1));
        assertThat(bodies).containsExactlyInAnyOrder(body(2), body(3));
    }

    @Test
    void shouldTakeOffWhatIsReadFromADepartedPeerAsItIsRead() throws IOException {
        // Room for a peer with three messages and one with one, less an octet: only reading one
        // of the first peer's messages first makes room for the second peer.
        RouterSocket router = router(PER_PEER + 2 * ONE_MESSAGE + PER_PEER - 1);

        leave(router, departing(body(1), body(2), body(3)));
        assertThat(departedHeld(router)).isEqualTo(1);
        assertThat(Received.texts(router).get(1)).isEqualTo(body(1));
        leave(router, departing(body(4)));

        assertThat(departedHeld(router)).isEqualTo(2);
        assertThat(dropped(router)).isZero();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rest.add(Received.texts(router).get(1));
        }
        assertThat(rest).containsExactlyInAnyOrder(body(2), body(3), body(4));
    }

    @Test
    void shouldChargeTheReadBufferALargeBodyKeepsAlive() throws IOException {
        // Bodies over 1 KiB stay slices of the connection's 64 KiB read buffer: by their own
        // bytes 30 such peers would fit, by what they keep alive not even 3.
        String large = "L".repeat(1_100);
        RouterSocket router = router(30 * (4096 + 64 + 96 + 1_100));

        for (int i = 0; i < 10; i++) {
            leave(router, departing(large));
            assertThat(departedHeld(router)).isLessThanOrEqualTo(2);
        }

        assertThat(departedHeld(router) + dropped(router)).isEqualTo(10);
        assertThat(dropped(router)).isGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldKeepThePeerThatLeftLastWholeUntilAnotherLeaves() throws IOException {
        RouterSocket router = router(PER_PEER + ONE_MESSAGE - 1);

        leave(router, departing(body(1), body(2)));

        assertThat(dropped(router)).as("a burst and a close lose nothing").isZero();
        assertThat(departedHeld(router)).isEqualTo(1);

        leave(router, departing(body(3)));

        assertThat(dropped(router)).as("the older peer goes once another leaves").isEqualTo(2);
        assertThat(departedHeld(router)).isEqualTo(1);
        try (Message m = router.receive(WAIT)) {
            assertThat(m.frame(1).toString(StandardCharsets.UTF_8)).isEqualTo(body(3));
        }
    }

    /** A ROUTER bound to an ephemeral port, whose disconnections {@link #leave} can wait for. */
    private RouterSocket router(long budget) {
        RouterSocket router =
                new RouterSocket(
                        ctx,
                        SocketOptions.builder()
                                .departedPeerBudget(budget)
                                .linger(Duration.ZERO)
                                .build());
        router.bind("tcp://127.0.0.1:*");
        events.put(router, EventLog.of(router));
        return router;
    }

    /**
     * A raw peer connects, sends the bytes and leaves; returns once the router has seen it go (its
     * DISCONNECTED event comes after the departure is accounted for).
     */
    private void leave(RouterSocket router, byte[] bytes) throws IOException {
        EventLog log = events.get(router);
        long before = log.count(MonitorEvent.Type.DISCONNECTED);
        assertThat(
                        ShortLivedPeer.sendAndLeave(
                                ShortLivedPeer.address(router.lastEndpoint()), bytes))
                .as("the router closed the connection")
                .isTrue();
        await().atMost(WAIT).until(() -> log.count(MonitorEvent.Type.DISCONNECTED) == before + 1);
    }

    /** A body of exactly {@link #BODY} octets naming the peer. */
    private static String body(int peer) {
        String name = String.format("departed-%03d-", peer);
        return name + "x".repeat(BODY - name.length());
    }

    private static byte[] departing(String... bodies) {
        return ShortLivedPeer.handshakeAndMessages("DEALER", bodies);
    }

    private static long dropped(RouterSocket router) {
        return router.stats().droppedFromDepartedPeers();
    }

    /** Peers other than the live one: all departed, with messages still unread. */
    private static long departedHeld(RouterSocket router) {
        return router.stats().peers().stream().filter(p -> !isLive(p)).count();
    }

    private static int liveDepth(RouterSocket router) {
        return router.stats().peers().stream()
                .filter(DepartedPeerBudgetTest::isLive)
                .mapToInt(SocketStats.PeerStats::inboundDepth)
                .sum();
    }

    private static boolean isLive(SocketStats.PeerStats p) {
        return Arrays.equals(p.routingId(), "live".getBytes(StandardCharsets.UTF_8));
    }
}
