package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link MdpClient} through a real {@link MdpBroker}, and against a fake broker ROUTER. */
@Timeout(60)
class MdpClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private Context ctx;

    @BeforeEach
    void start() {
        ctx = Context.create();
    }

    @AfterEach
    void stop() {
        ctx.close();
    }

    @Test
    void shouldGetRepliesFromAWorkerThroughTheBroker() throws Exception {
        try (RunningMdpBroker broker = RunningMdpBroker.start(ctx, RunningMdpBroker.fast());
                RunningMdpWorker worker =
                        RunningMdpWorker.start(
                                ctx, broker.endpoint(), "echo", Duration.ofMillis(100), "w:");
                MdpClient client = client(broker.endpoint(), WAIT, 0, () -> true)) {
            for (int i = 0; i < 3; i++) {
                try (Message reply = client.request("echo", Message.of("hi " + i, "more"))) {
                    assertThat(reply.strings()).containsExactly("w:hi " + i, "more");
                }
            }
            // Each counter moves just after its send, so the last reply may arrive before it does.
            await().atMost(WAIT).until(() -> worker.worker().served() == 3);
            await().atMost(WAIT).until(() -> broker.broker().replies() == 3);
        }
    }

    @Test
    @DisplayName("RFC 8: mmi.service responds with \"200\" (Found) or \"404\" (Not found)")
    void shouldAskTheBrokerAboutServicesThroughMmi() throws Exception {
        try (RunningMdpBroker broker = RunningMdpBroker.start(ctx, RunningMdpBroker.fast());
                RunningMdpWorker worker =
                        RunningMdpWorker.start(
                                ctx, broker.endpoint(), "known", Duration.ofMillis(100), "");
                MdpClient client = client(broker.endpoint(), WAIT, 0, () -> true)) {
            await().atMost(WAIT).until(() -> worker.worker().connectedPeers() == 1);
            await().atMost(WAIT).until(() -> broker.broker().workers() == 1);
            try (Message reply = client.request("mmi.service", Message.of("known"))) {
                assertThat(reply.strings()).containsExactly("200");
            }
            try (Message reply = client.request("mmi.service", Message.of("unknown"))) {
                assertThat(reply.strings()).containsExactly("404");
            }
        }
    }

    @Test
    @DisplayName(
            "RFC 7: if there is no reply within some timeout, close the request socket and open a new socket, and resend")
    void shouldResendOnNewSocketsAndGiveUpAfterTheRetries() {
        RouterSocket fake = new RouterSocket(ctx);
        String endpoint = fake.bind("tcp://127.0.0.1:*");
        long started = System.nanoTime();
        try (MdpClient client = client(endpoint, Duration.ofMillis(200), 2, () -> true)) {
            assertThat(client.request("void", Message.of("anyone?"))).isNull();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);

        Set<String> senders = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            try (Message m = fake.receive(WAIT)) {
                assertThat(m).as("attempt %d reached the broker", i + 1).isNotNull();
                assertThat(m.strings().subList(1, 5))
                        .containsExactly("", "MDPC01", "void", "anyone?");
                senders.add(m.frame(0).toString());
            }
        }
        assertThat(senders).as("one new socket per attempt").hasSize(3);
    }

    @Test
    void shouldSkipRepliesThatAreNotForTheRequest() throws Exception {
        RouterSocket fake = new RouterSocket(ctx);
        String endpoint = fake.bind("tcp://127.0.0.1:*");
        try (MdpClient client = client(endpoint, WAIT, 0, () -> true)) {
            CompletableFuture<List<String>> reply =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (Message m = client.request("svc", Message.of("q"))) {
                                    return m == null ? null : m.strings();
                                }
                            });
            byte[] id;
            try (Message request = fake.receive(WAIT)) {
                assertThat(request).isNotNull();
                id = request.frame(0).toByteArray();
            }
            send(fake, id, "", "MDPC01", "other-service", "not mine");
            send(fake, id, "", "garbage");
            send(fake, id, "", "MDPC01", "svc", "the answer");
            assertThat(reply.get(10, TimeUnit.SECONDS)).containsExactly("the answer");
        }
    }

    @Test
    void shouldStopWaitingWhenAskedTo() throws Exception {
        RouterSocket fake = new RouterSocket(ctx);
        String endpoint = fake.bind("tcp://127.0.0.1:*");
        AtomicBoolean keepGoing = new AtomicBoolean(true);
        try (MdpClient client = client(endpoint, Duration.ofSeconds(30), 5, keepGoing::get)) {
            CompletableFuture<Message> reply =
                    CompletableFuture.supplyAsync(() -> client.request("svc", Message.of("q")));
            fake.receive(WAIT).close();
            keepGoing.set(false);
            assertThat(reply.get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    private MdpClient client(
            String endpoint, Duration timeout, int retries, BooleanSupplier keepGoing) {
        return new MdpClient(ctx, endpoint, timeout, retries, keepGoing, NOWHERE);
    }

    private static void send(RouterSocket router, byte[] id, String... frames) {
        Message m = Message.of(frames).addFirst(Unpooled.wrappedBuffer(id));
        assertThat(router.send(m, WAIT)).isTrue();
    }
}
