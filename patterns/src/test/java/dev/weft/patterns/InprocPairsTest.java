package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every classic socket pair over {@code inproc://}, in both orders: bind then connect, and connect
 * before the name is bound (libzmq 4 semantics).
 */
@Timeout(60)
class InprocPairsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private Context ctx;
    private String endpoint;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
        endpoint = "inproc://pairs-" + NAMES.incrementAndGet();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    /** Binds {@code bound} and connects {@code connecting}, in the order asked. */
    private <B extends WeftSocket, C extends WeftSocket> void join(
            B bound, C connecting, boolean bindFirst) {
        if (bindFirst) {
            bound.bind(endpoint);
            connecting.connect(endpoint);
        } else {
            connecting.connect(endpoint);
            bound.bind(endpoint);
        }
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("PAIR talks to PAIR both ways")
    void pair(boolean bindFirst) {
        PairSocket a = new PairSocket(ctx);
        PairSocket b = new PairSocket(ctx);
        join(a, b, bindFirst);
        assertThat(b.send("to-a")).isTrue();
        assertThat(Received.texts(a)).containsExactly("to-a");
        assertThat(a.send("to-b")).isTrue();
        assertThat(Received.texts(b)).containsExactly("to-b");
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("PUSH delivers to PULL in order, multipart intact")
    void pushPull(boolean bindFirst) {
        PullSocket pull = new PullSocket(ctx);
        PushSocket push = new PushSocket(ctx);
        join(pull, push, bindFirst);
        for (int i = 0; i < 500; i++) {
            assertThat(push.send("m" + i, "part2")).isTrue();
        }
        for (int i = 0; i < 500; i++) {
            assertThat(Received.texts(pull)).containsExactly("m" + i, "part2");
        }
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("PUSH bound, PULL connecting: the same over inproc")
    void pushBoundPullConnecting(boolean bindFirst) {
        PushSocket push = new PushSocket(ctx);
        PullSocket pull = new PullSocket(ctx);
        join(push, pull, bindFirst);
        assertThat(push.send("hello")).isTrue();
        assertThat(Received.texts(pull)).containsExactly("hello");
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("SUB receives the topics it subscribed to from PUB, and no others")
    void pubSub(boolean bindFirst) {
        PubSocket pub = new PubSocket(ctx);
        SubSocket sub = new SubSocket(ctx);
        sub.subscribe("a");
        join(pub, sub, bindFirst);
        assertThat(firstAfterSubscription(pub::send, sub, "a-1")).isEqualTo("a-1");
        pub.send("b-skipped");
        pub.send("a-2");
        assertThat(Received.texts(sub)).containsExactly("a-2");
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName(
            "XSUB's subscription reaches XPUB as a message, then XPUB's matching messages reach XSUB")
    void xpubXsub(boolean bindFirst) {
        XPubSocket xpub = new XPubSocket(ctx);
        XSubSocket xsub = new XSubSocket(ctx);
        join(xpub, xsub, bindFirst);
        xsub.subscribe("t");
        try (Message sub = xpub.receive(Received.WAIT)) {
            assertThat(sub).isNotNull();
            assertThat(sub.frame(0).toByteArray()).containsExactly(1, 't');
        }
        assertThat(xpub.send("t-1")).isTrue();
        assertThat(Received.texts(xsub)).containsExactly("t-1");
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("REQ gets REP's reply")
    void reqRep(boolean bindFirst) {
        RepSocket rep = new RepSocket(ctx);
        ReqSocket req = new ReqSocket(ctx);
        join(rep, req, bindFirst);
        for (int i = 0; i < 3; i++) {
            assertThat(req.send("q" + i)).isTrue();
            assertThat(Received.texts(rep)).containsExactly("q" + i);
            assertThat(rep.send("a" + i)).isTrue();
            assertThat(Received.texts(req)).containsExactly("a" + i);
        }
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("ROUTER sees DEALER's routingId and routes the reply back by it")
    void dealerRouter(boolean bindFirst) {
        RouterSocket router = new RouterSocket(ctx);
        DealerSocket dealer =
                new DealerSocket(ctx, SocketOptions.builder().routingId("dealer-1").build());
        join(router, dealer, bindFirst);
        assertThat(dealer.send("hi")).isTrue();
        assertThat(Received.texts(router)).containsExactly("dealer-1", "hi");
        assertThat(router.sendTo("dealer-1".getBytes(), "back")).isTrue();
        assertThat(Received.texts(dealer)).containsExactly("back");
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("DEALER talks to DEALER both ways")
    void dealerDealer(boolean bindFirst) {
        DealerSocket a = new DealerSocket(ctx);
        DealerSocket b = new DealerSocket(ctx);
        join(a, b, bindFirst);
        assertThat(b.send("x", "y")).isTrue();
        assertThat(Received.texts(a)).containsExactly("x", "y");
        assertThat(a.send("z")).isTrue();
        assertThat(Received.texts(b)).containsExactly("z");
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("ROUTER gets REQ's envelope (id, empty delimiter, body) and REQ gets the reply")
    void reqRouter(boolean bindFirst) {
        RouterSocket router = new RouterSocket(ctx);
        ReqSocket req = new ReqSocket(ctx, SocketOptions.builder().routingId("req-1").build());
        join(router, req, bindFirst);
        assertThat(req.send("q")).isTrue();
        assertThat(Received.texts(router)).containsExactly("req-1", "", "q");
        assertThat(router.sendTo("req-1".getBytes(), "", "a")).isTrue();
        assertThat(Received.texts(req)).containsExactly("a");
    }

    @ParameterizedTest(name = "bind first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("REP answers a DEALER that sends the empty delimiter itself")
    void dealerRep(boolean bindFirst) {
        RepSocket rep = new RepSocket(ctx);
        DealerSocket dealer = new DealerSocket(ctx);
        join(rep, dealer, bindFirst);
        assertThat(dealer.send("", "q")).isTrue();
        assertThat(Received.texts(rep)).containsExactly("q");
        assertThat(rep.send("a")).isTrue();
        assertThat(Received.texts(dealer)).containsExactly("", "a");
    }

    /**
     * Publishes until the subscriber gets a message: a subscription reaches the publisher
     * asynchronously, over inproc as over tcp.
     */
    static String firstAfterSubscription(
            Function<String, Boolean> publish, SubSocket sub, String text) {
        for (int attempt = 0; attempt < 200; attempt++) {
            publish.apply(text);
            try (Message m = sub.receive(Duration.ofMillis(50))) {
                if (m != null) {
                    List<String> got = m.strings();
                    return got.get(0);
                }
            }
        }
        throw new AssertionError("no message on " + sub + " after 200 attempts");
    }
}
