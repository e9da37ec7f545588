package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketClosedException;
import dev.weft.core.SocketOptions;
import dev.weft.core.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rules of {@code inproc://}: they are tcp's, minus the wire. */
@Timeout(60)
class InprocTransportTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private Context ctx;
    private String endpoint;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
        endpoint = "inproc://rules-" + NAMES.incrementAndGet();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    private static SocketOptions hwm(int send, int receive) {
        return SocketOptions.builder().sendHwm(send).receiveHwm(receive).build();
    }

    /** Waits until a socket's connect has joined its peer (the join runs on the I/O thread). */
    private static void awaitJoined(WeftSocket socket) {
        await().atMost(Received.WAIT)
                .until(() -> socket.stats().peers().stream().anyMatch(p -> p.connected()));
    }

    private static int fill(MessageSender sender) {
        int n = 0;
        while (n < 100_000 && sender.trySend(Message.of("m" + n))) {
            n++;
        }
        return n;
    }

    @Test
    @DisplayName(
            "A pair holds the sender's sendHwm plus the receiver's receiveHwm, as libzmq's inproc")
    void capacityIsTheSumOfBothHwms() {
        PullSocket pull = new PullSocket(ctx, hwm(1000, 7));
        PushSocket push = new PushSocket(ctx, hwm(5, 1000));
        pull.bind(endpoint);
        push.connect(endpoint);
        awaitJoined(push);
        assertThat(fill(push)).isEqualTo(12);
        for (int i = 0; i < 12; i++) {
            assertThat(Received.texts(pull)).containsExactly("m" + i);
        }
        assertThat(pull.tryReceive()).isNull();
    }

    @Test
    @DisplayName("A blocked send goes on once the reader drains the pair")
    void blockedSendResumesWhenTheReaderDrains() {
        PullSocket pull = new PullSocket(ctx, hwm(10, 10));
        PushSocket push = new PushSocket(ctx, hwm(10, 10));
        pull.bind(endpoint);
        push.connect(endpoint);
        awaitJoined(push);
        int queued = fill(push);
        BlockedCall<Boolean> blocked = BlockedCall.start(() -> push.send(Message.of("last")));
        for (int i = 0; i < queued; i++) {
            assertThat(Received.texts(pull)).containsExactly("m" + i);
        }
        assertThat(blocked.result()).succeedsWithin(Received.WAIT).isEqualTo(true);
        assertThat(Received.texts(pull)).containsExactly("last");
    }

    @Test
    @DisplayName(
            "Messages keep their order while some go straight to the reader and some wait in the"
                    + " sender's queue")
    void orderHoldsAcrossWriteThroughAndQueuedMessages() throws Exception {
        PullSocket pull = new PullSocket(ctx, hwm(3, 3));
        PushSocket push = new PushSocket(ctx, hwm(3, 3));
        pull.bind(endpoint);
        push.connect(endpoint);
        awaitJoined(push);
        int n = 20_000;
        CompletableFuture<Void> sending =
                CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < n; i++) {
                                assertThat(push.send(Message.of(Integer.toString(i)))).isTrue();
                            }
                        });
        SplittableRandom random = new SplittableRandom(9);
        int next = 0;
        while (next < n) {
            // Bursts of blocking reads and of non-blocking ones, so the reader sometimes drains the
            // pair (the sender's queue then waits) and sometimes catches up with the sender.
            int burst = 1 + random.nextInt(8);
            for (int k = 0; k < burst && next < n; k++) {
                try (Message m = k == 0 ? pull.receive(Received.WAIT) : pull.tryReceive()) {
                    if (m == null) {
                        assertThat(k).as("a blocking receive timed out at %d", next).isPositive();
                        break;
                    }
                    assertThat(m.frame(0).toString(StandardCharsets.UTF_8))
                            .isEqualTo(Integer.toString(next));
                    next++;
                }
            }
        }
        assertThat(sending).succeedsWithin(Received.WAIT);
        assertThat(pull.tryReceive()).isNull();
    }

    @Test
    @DisplayName("PUB drops for a full SUB instead of blocking, and counts the drops")
    void pubDropsAtTheHwm() {
        PubSocket pub = new PubSocket(ctx, hwm(4, 4));
        SubSocket sub = new SubSocket(ctx, hwm(4, 4));
        sub.subscribe("");
        pub.bind(endpoint);
        sub.connect(endpoint);
        InprocPairsTest.firstAfterSubscription(pub::send, sub, "warm-up");
        drain(sub);
        for (int i = 0; i < 100; i++) {
            assertThat(pub.send("p" + i)).isTrue();
        }
        int got = 0;
        Message m;
        while ((m = sub.receive(Duration.ofMillis(200))) != null) {
            m.close();
            got++;
        }
        assertThat(got).isBetween(1, 9);
        assertThat(pub.stats().droppedAtHwm()).isGreaterThanOrEqualTo(100 - 9);
    }

    @Test
    @DisplayName("The receiver gets the very ByteBuf the sender sent: no copy of the body")
    void bodyIsNotCopied() {
        PullSocket pull = new PullSocket(ctx);
        PushSocket push = new PushSocket(ctx);
        pull.bind(endpoint);
        push.connect(endpoint);
        ByteBuf body = Unpooled.directBuffer(16).writeBytes("0123456789abcdef".getBytes());
        long address = body.memoryAddress();
        assertThat(push.send(Message.wrap(body))).isTrue();
        try (Message m = pull.receive(Received.WAIT)) {
            assertThat(m).isNotNull();
            assertThat(m.frame(0).content()).isSameAs(body);
            assertThat(m.frame(0).content().memoryAddress()).isEqualTo(address);
        }
    }

    @Test
    @DisplayName("A published message reaches each inproc subscriber over the same bytes")
    void fanOutSharesTheBody() {
        PubSocket pub = new PubSocket(ctx);
        SubSocket a = new SubSocket(ctx).subscribe("");
        SubSocket b = new SubSocket(ctx).subscribe("");
        pub.bind(endpoint);
        a.connect(endpoint);
        b.connect(endpoint);
        InprocPairsTest.firstAfterSubscription(pub::send, a, "w");
        InprocPairsTest.firstAfterSubscription(pub::send, b, "w");
        drain(a);
        drain(b);
        ByteBuf body = Unpooled.directBuffer(8).writeBytes("shared!!".getBytes());
        long address = body.memoryAddress();
        assertThat(pub.send(Message.wrap(body))).isTrue();
        try (Message ma = a.receive(Received.WAIT);
                Message mb = b.receive(Received.WAIT)) {
            assertThat(ma.frame(0).content().memoryAddress()).isEqualTo(address);
            assertThat(mb.frame(0).content().memoryAddress()).isEqualTo(address);
        }
    }

    @Test
    @DisplayName("A verbose XPUB sees every SUBSCRIBE, the repeated ones too, and the CANCEL")
    void xpubVerboseSeesEverySubscription() {
        XPubSocket xpub = new XPubSocket(ctx).verbose(true);
        xpub.bind(endpoint);
        SubSocket a = new SubSocket(ctx);
        SubSocket b = new SubSocket(ctx);
        a.connect(endpoint);
        b.connect(endpoint);
        a.subscribe("news");
        b.subscribe("news");
        assertThat(xpub.receiveBytes().get(0)).isEqualTo(subscription(1, "news"));
        assertThat(xpub.receiveBytes().get(0)).isEqualTo(subscription(1, "news"));
        a.unsubscribe("news");
        b.unsubscribe("news");
        assertThat(xpub.receiveBytes().get(0)).isEqualTo(subscription(0, "news"));
    }

    @Test
    @DisplayName("ROUTER knows inproc peers by their routingId, or by a generated 5-byte id")
    void routerIds() {
        RouterSocket router = new RouterSocket(ctx);
        router.bind(endpoint);
        DealerSocket named = new DealerSocket(ctx, SocketOptions.builder().routingId("A").build());
        DealerSocket anonymous = new DealerSocket(ctx);
        named.connect(endpoint);
        anonymous.connect(endpoint);
        named.send("from-a");
        assertThat(Received.texts(router)).containsExactly("A", "from-a");
        anonymous.send("from-anon");
        try (Message m = router.receive(Received.WAIT)) {
            assertThat(m.frame(0).size()).isEqualTo(5);
            assertThat(m.frame(0).toByteArray()[0]).isEqualTo((byte) 0);
            assertThat(m.frame(1).toString(StandardCharsets.UTF_8)).isEqualTo("from-anon");
        }
    }

    @Test
    @DisplayName("A second inproc peer with a routing id already in use is refused (PEER_REJECTED)")
    void duplicateRoutingIdIsRejected() {
        RouterSocket router = new RouterSocket(ctx);
        EventLog routerEvents = EventLog.of(router);
        router.bind(endpoint);
        SocketOptions dup = SocketOptions.builder().routingId("dup").build();
        DealerSocket first = new DealerSocket(ctx, dup);
        first.connect(endpoint);
        first.send("one");
        assertThat(Received.texts(router)).containsExactly("dup", "one");
        DealerSocket second = new DealerSocket(ctx, dup);
        EventLog secondEvents = EventLog.of(second);
        second.connect(endpoint);
        routerEvents.await(MonitorEvent.Type.PEER_REJECTED);
        secondEvents.await(MonitorEvent.Type.DISCONNECTED);
        assertThat(router.sendTo("dup".getBytes(), "back")).isTrue();
        assertThat(Received.texts(first)).containsExactly("back");
        second.close();
    }

    @Test
    @DisplayName("Incompatible socket types are refused with HANDSHAKE_FAILED on both sides")
    void incompatibleTypesAreRefused() {
        PullSocket pull = new PullSocket(ctx);
        EventLog pullEvents = EventLog.of(pull);
        pull.bind(endpoint);
        PubSocket pub = new PubSocket(ctx);
        EventLog pubEvents = EventLog.of(pub);
        pub.connect(endpoint);
        assertThat(pubEvents.await(MonitorEvent.Type.HANDSHAKE_FAILED).detail())
                .contains("PULL cannot talk to PUB");
        pullEvents.await(MonitorEvent.Type.HANDSHAKE_FAILED);
        assertThat(pull.stats().peers()).isEmpty();
        // Its queue (immediate off) stays, never joined.
        assertThat(pub.stats().peers()).noneMatch(p -> p.connected());
        assertThat(pullEvents.count(MonitorEvent.Type.HANDSHAKE_SUCCEEDED)).isZero();
    }

    @Test
    @DisplayName(
            "Binding a name bound in the context fails with 'address in use'; an empty name is refused")
    void nameRules() {
        PullSocket first = new PullSocket(ctx);
        PullSocket second = new PullSocket(ctx);
        assertThat(first.bind(endpoint)).isEqualTo(endpoint);
        assertThatThrownBy(() -> second.bind(endpoint))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("address in use");
        assertThatThrownBy(() -> second.bind("inproc://"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("empty inproc name");
        assertThatThrownBy(() -> second.connect("inproc://"))
                .isInstanceOf(InvalidEndpointException.class);
        first.unbind(endpoint);
        assertThat(second.bind(endpoint)).isEqualTo(endpoint);
        // Names are per context.
        try (Context other = Context.create()) {
            PullSocket elsewhere = new PullSocket(other);
            assertThat(elsewhere.bind(endpoint)).isEqualTo(endpoint);
        }
        // Any non-empty text is a name.
        assertThat(new PullSocket(ctx).bind("inproc://a b/c:*")).isEqualTo("inproc://a b/c:*");
    }

    @Test
    @DisplayName(
            "Monitor events as over tcp: CONNECTED/ACCEPTED, HANDSHAKE_SUCCEEDED, DISCONNECTED")
    void monitorEvents() {
        PullSocket pull = new PullSocket(ctx);
        EventLog pullEvents = EventLog.of(pull);
        PushSocket push = new PushSocket(ctx);
        EventLog pushEvents = EventLog.of(push);
        pull.bind(endpoint);
        push.connect(endpoint);
        pullEvents.await(MonitorEvent.Type.LISTENING);
        assertThat(pullEvents.await(MonitorEvent.Type.ACCEPTED).peerAddress()).contains("inproc");
        assertThat(pullEvents.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED).detail())
                .contains("PUSH");
        assertThat(pushEvents.await(MonitorEvent.Type.CONNECTED).endpoint()).isEqualTo(endpoint);
        pushEvents.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED);
        push.close();
        pullEvents.await(MonitorEvent.Type.DISCONNECTED);
        pushEvents.await(MonitorEvent.Type.DISCONNECTED);
    }

    @Test
    @DisplayName("With immediate on, nothing queues before the bind; after it, messages flow")
    void immediateOn() {
        DealerSocket dealer =
                new DealerSocket(ctx, SocketOptions.builder().immediate(true).build());
        dealer.connect(endpoint);
        Message early = Message.of("early");
        assertThat(dealer.trySend(early)).isFalse();
        early.close();
        RouterSocket router = new RouterSocket(ctx);
        router.bind(endpoint);
        await().atMost(Received.WAIT).until(() -> dealer.stats().peers().size() == 1);
        assertThat(dealer.send("now")).isTrue();
        assertThat(Received.texts(router)).last().isEqualTo("now");
    }

    @Test
    @DisplayName("What the writer sent is still readable after the writer closes (linger on)")
    void unreadMessagesSurviveTheWritersClose() {
        PullSocket pull = new PullSocket(ctx, hwm(1000, 3));
        pull.bind(endpoint);
        PushSocket push = new PushSocket(ctx, hwm(3, 1000));
        push.connect(endpoint);
        awaitJoined(push);
        int sent = fill(push);
        assertThat(sent).isEqualTo(6);
        push.close();
        for (int i = 0; i < sent; i++) {
            assertThat(Received.texts(pull)).containsExactly("m" + i);
        }
    }

    @Test
    @DisplayName(
            "With linger 0, a closing writer's own queue is dropped; the reader's stays readable")
    void lingerZeroDropsOnlyTheWritersQueue() {
        PullSocket pull = new PullSocket(ctx, hwm(1000, 3));
        pull.bind(endpoint);
        PushSocket push =
                new PushSocket(
                        ctx, SocketOptions.builder().sendHwm(3).linger(Duration.ZERO).build());
        push.connect(endpoint);
        awaitJoined(push);
        assertThat(fill(push)).isEqualTo(6);
        push.close();
        for (int i = 0; i < 3; i++) {
            assertThat(Received.texts(pull)).containsExactly("m" + i);
        }
        assertThat(pull.receive(Duration.ofMillis(100))).isNull();
        await().atMost(Received.WAIT).until(() -> push.stats().droppedOnClose() == 3);
    }

    @Test
    @DisplayName(
            "Unbind ends the links; connecting sockets join the next socket that binds the name")
    void unbindThenRebind() {
        PullSocket first = new PullSocket(ctx);
        first.bind(endpoint);
        PushSocket push = new PushSocket(ctx);
        EventLog pushEvents = EventLog.of(push);
        push.connect(endpoint);
        assertThat(push.send("one")).isTrue();
        assertThat(Received.texts(first)).containsExactly("one");
        first.unbind(endpoint);
        pushEvents.await(MonitorEvent.Type.DISCONNECTED);
        PullSocket second = new PullSocket(ctx);
        second.bind(endpoint);
        pushEvents.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, 2);
        assertThat(push.send("two")).isTrue();
        assertThat(Received.texts(second)).containsExactly("two");
        assertThat(first.tryReceive()).isNull();
    }

    @Test
    @DisplayName("Disconnect ends the link without hanging; what was sent stays readable")
    void disconnect() {
        PullSocket pull = new PullSocket(ctx);
        pull.bind(endpoint);
        PushSocket push = new PushSocket(ctx);
        push.connect(endpoint);
        push.send("before");
        push.disconnect(endpoint);
        assertThat(Received.texts(pull)).containsExactly("before");
        await().atMost(Received.WAIT).until(() -> pull.stats().peers().isEmpty());
        Message after = Message.of("after");
        assertThat(push.trySend(after)).isFalse();
        after.close();
    }

    @Test
    @DisplayName(
            "Closing the reader releases a writer blocked on a full pair (it is told: closed peer)")
    void closingTheReaderNeverHangsTheWriter() {
        PullSocket pull = new PullSocket(ctx, hwm(2, 2));
        pull.bind(endpoint);
        PushSocket push =
                new PushSocket(ctx, SocketOptions.builder().sendHwm(2).immediate(true).build());
        push.connect(endpoint);
        awaitJoined(push);
        fill(push);
        BlockedCall<Boolean> blocked =
                BlockedCall.start(() -> push.send(Message.of("x"), Duration.ofSeconds(1)));
        pull.close();
        assertThat(blocked.result()).succeedsWithin(Received.WAIT).isEqualTo(false);
    }

    @Test
    @DisplayName(
            "Context close with inproc links, waiting connects and blocked callers never hangs")
    void contextCloseNeverHangs() throws Exception {
        Context local = Context.create();
        PullSocket pull = new PullSocket(local, hwm(2, 2));
        pull.bind(endpoint);
        PushSocket push = new PushSocket(local, hwm(2, 2));
        push.connect(endpoint);
        awaitJoined(push);
        fill(push);
        DealerSocket waiting = new DealerSocket(local);
        waiting.connect("inproc://never-bound");
        waiting.send("queued");
        RouterSocket router = new RouterSocket(local);
        router.bind("inproc://r");
        DealerSocket dealer = new DealerSocket(local);
        dealer.connect("inproc://r");
        dealer.send("unread");
        assertThat(Received.texts(router)).last().isEqualTo("unread");
        BlockedCall<Message> receiving = BlockedCall.start(() -> router.receive());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(local::close);
        assertThat(closing).succeedsWithin(Duration.ofSeconds(30));
        assertThatThrownBy(() -> receiving.result().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SocketClosedException.class);
    }

    @Test
    @DisplayName(
            "DEALER and DEALER sending to each other from two threads, pipes full, never deadlock")
    void crossTrafficNeverDeadlocks() throws Exception {
        DealerSocket a = new DealerSocket(ctx, hwm(8, 8));
        DealerSocket b = new DealerSocket(ctx, hwm(8, 8));
        a.bind(endpoint);
        b.connect(endpoint);
        awaitJoined(b);
        int n = 50_000;
        CompletableFuture<Integer> fromA =
                CompletableFuture.supplyAsync(() -> exchange(a, n, () -> Message.of("x")));
        CompletableFuture<Integer> fromB =
                CompletableFuture.supplyAsync(() -> exchange(b, n, () -> Message.of("y")));
        assertThat(fromA.get(40, TimeUnit.SECONDS)).isEqualTo(n);
        assertThat(fromB.get(40, TimeUnit.SECONDS)).isEqualTo(n);
    }

    @Test
    @DisplayName(
            "DEALER and ROUTER (mandatory: waits at the HWM) sending to each other never deadlock")
    void dealerRouterCrossTrafficNeverDeadlocks() throws Exception {
        RouterSocket router = new RouterSocket(ctx, hwm(8, 8)).mandatory(true);
        DealerSocket dealer =
                new DealerSocket(
                        ctx,
                        SocketOptions.builder().sendHwm(8).receiveHwm(8).routingId("d").build());
        router.bind(endpoint);
        dealer.connect(endpoint);
        awaitJoined(dealer);
        await().atMost(Received.WAIT).until(() -> router.stats().peers().size() == 1);
        int n = 50_000;
        CompletableFuture<Integer> fromRouter =
                CompletableFuture.supplyAsync(
                        () -> exchange(router, n, () -> Message.of("d", "to-dealer")));
        CompletableFuture<Integer> fromDealer =
                CompletableFuture.supplyAsync(
                        () -> exchange(dealer, n, () -> Message.of("to-router")));
        assertThat(fromRouter.get(40, TimeUnit.SECONDS)).isEqualTo(n);
        assertThat(fromDealer.get(40, TimeUnit.SECONDS)).isEqualTo(n);
    }

    @Test
    @DisplayName("Heartbeat options are ignored on inproc: a quiet peer stays connected")
    void heartbeatsDoNotApply() {
        SocketOptions beating =
                SocketOptions.builder()
                        .heartbeatInterval(Duration.ofMillis(10))
                        .heartbeatTimeout(Duration.ofMillis(20))
                        .build();
        PullSocket pull = new PullSocket(ctx, beating);
        EventLog events = EventLog.of(pull);
        pull.bind(endpoint);
        PushSocket push = new PushSocket(ctx, beating);
        push.connect(endpoint);
        events.await(MonitorEvent.Type.HANDSHAKE_SUCCEEDED);
        // Many heartbeat timeouts long: a dropped peer would have been reported by now.
        assertThat(pull.receive(Duration.ofMillis(300))).isNull();
        assertThat(events.count(MonitorEvent.Type.DISCONNECTED)).isZero();
        assertThat(push.send("still here")).isTrue();
        assertThat(Received.texts(pull)).containsExactly("still here");
    }

    /**
     * Sends n messages and receives n from the peer, interleaved, never blocking for long in
     * either: returns how many it received.
     */
    private static <S extends MessageSender & MessageReceiver> int exchange(
            S socket, int n, Supplier<Message> next) {
        int sent = 0;
        int received = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Message pending = null;
        while ((sent < n || received < n) && System.nanoTime() < deadline) {
            if (sent < n) {
                if (pending == null) {
                    pending = next.get();
                }
                if (socket.send(pending, Duration.ofMillis(1))) {
                    pending = null;
                    sent++;
                }
            }
            Message m;
            while ((m = socket.tryReceive()) != null) {
                m.close();
                received++;
            }
        }
        if (pending != null) {
            pending.close();
        }
        return received;
    }

    private static void drain(MessageReceiver socket) {
        Message m;
        while ((m = socket.receive(Duration.ofMillis(50))) != null) {
            m.close();
        }
    }

    private static byte[] subscription(int flag, String topic) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[t.length + 1];
        out[0] = (byte) flag;
        System.arraycopy(t, 0, out, 1, t.length);
        return out;
    }
}
