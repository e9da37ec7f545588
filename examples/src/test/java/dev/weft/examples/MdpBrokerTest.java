package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.DuplexSocket;
import dev.weft.patterns.ReqSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MdpBroker} in process on a real ROUTER, driven by Weft DEALER and REQ peers that write MDP
 * frames by hand.
 */
@Timeout(60)
class MdpBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String READY = "\u0001";
    private static final String REQUEST = "\u0002";
    private static final String REPLY = "\u0003";
    private static final String HEARTBEAT = "\u0004";
    private static final String DISCONNECT = "\u0005";

    private Context ctx;
    private RunningMdpBroker running;
    private MdpBroker broker;

    @BeforeEach
    void start() {
        ctx = Context.create();
        startBroker(RunningMdpBroker.fast());
    }

    @AfterEach
    void stop() throws InterruptedException {
        try {
            running.close();
        } finally {
            ctx.close();
        }
    }

    @Test
    void shouldRouteRequestFromReqClientToWorkerAndReplyBack() {
        DealerSocket worker = readyWorker("echo");
        ReqSocket client = reqClient();

        client.send("MDPC01", "echo", "hello", "world");
        List<byte[]> request = nextCommand(worker);
        assertThat(text(request.subList(0, 3))).containsExactly("", "MDPW01", REQUEST);
        assertThat(text(request.subList(4, 7))).containsExactly("", "hello", "world");

        reply(worker, request.get(3), "hello back");
        assertThat(receive(client)).containsExactly("MDPC01", "echo", "hello back");
        assertThat(broker.requests()).isEqualTo(1);
        await().atMost(WAIT).until(() -> broker.replies() == 1);
    }

    @Test
    @DisplayName(
            "RFC 7: the broker SHOULD queue client requests for which no service has been registered")
    void shouldQueueRequestUntilAWorkerIsReady() {
        DealerSocket client = dealerClient();
        client.send("", "MDPC01", "late", "early request");
        await().atMost(WAIT).until(() -> broker.services() == 1);

        DealerSocket worker = readyWorker("late");
        List<byte[]> request = nextCommand(worker);
        assertThat(text(request.subList(5, 6))).containsExactly("early request");
        reply(worker, request.get(3), "served late");
        assertThat(receive(client)).containsExactly("", "MDPC01", "late", "served late");
    }

    @Test
    @DisplayName("RFC 7: the broker MAY deliver requests to workers on a least-recently-used basis")
    void shouldGiveEachRequestToTheLeastRecentlyUsedWorker() {
        DealerSocket first = readyWorker("lru");
        DealerSocket second = readyWorker("lru");
        DealerSocket client = dealerClient();

        client.send("", "MDPC01", "lru", "one");
        List<byte[]> one = nextCommand(first);
        reply(first, one.get(3), "1");
        assertThat(receive(client)).endsWith("1");

        client.send("", "MDPC01", "lru", "two");
        List<byte[]> two = nextCommand(second);
        assertThat(text(two.subList(5, 6))).containsExactly("two");
        reply(second, two.get(3), "2");
        assertThat(receive(client)).endsWith("2");

        client.send("", "MDPC01", "lru", "three");
        assertThat(text(nextCommand(first).subList(5, 6))).containsExactly("three");
    }

    @Test
    @DisplayName(
            "RFC 8: mmi.service responds with \"200\" if there is at least one worker registered for the service")
    void shouldAnswerMmiService200ForAServiceWithAWorker() {
        readyWorker("present");
        ReqSocket client = reqClient();
        client.send("MDPC01", "mmi.service", "present");
        assertThat(receive(client)).containsExactly("MDPC01", "mmi.service", "200");
    }

    @Test
    @DisplayName(
            "RFC 8: mmi.service responds with \"404\" if there are no workers registered for the service")
    void shouldAnswerMmiService404ForAServiceWithoutWorkers() {
        DealerSocket client = dealerClient();
        client.send("", "MDPC01", "waiting", "queued, but no worker");
        await().atMost(WAIT).until(() -> broker.services() == 1);

        client.send("", "MDPC01", "mmi.service", "waiting");
        assertThat(receive(client)).containsExactly("", "MDPC01", "mmi.service", "404");
        client.send("", "MDPC01", "mmi.service", "never-heard-of");
        assertThat(receive(client)).containsExactly("", "MDPC01", "mmi.service", "404");
    }

    @Test
    @DisplayName(
            "RFC 8: any unimplemented services in the \"mmi.\" namespace MUST result in a reply \"501\"")
    void shouldAnswer501ForUnknownMmiServices() {
        ReqSocket client = reqClient();
        client.send("MDPC01", "mmi.nonsense", "x");
        assertThat(receive(client)).containsExactly("MDPC01", "mmi.nonsense", "501");
    }

    @Test
    @DisplayName(
            "RFC 8: it MUST disconnect any workers that attempt to register services in this namespace")
    void shouldDisconnectWorkerRegisteringAnMmiService() {
        DealerSocket worker = dealer();
        worker.send("", "MDPW01", READY, "mmi.service");
        assertThat(receive(worker)).containsExactly("", "MDPW01", DISCONNECT);
        assertThat(broker.workers()).isZero();
    }

    @Test
    @DisplayName(
            "RFC 7: both broker and worker MUST send heartbeats at regular and agreed-upon intervals")
    void shouldHeartbeatIdleWorkers() {
        DealerSocket worker = readyWorker("beat");
        for (int i = 0; i < 3; i++) {
            assertThat(receive(worker)).containsExactly("", "MDPW01", HEARTBEAT);
            worker.send("", "MDPW01", HEARTBEAT);
        }
        assertThat(broker.workers()).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "RFC 7: a peer MUST consider the other peer disconnected if no heartbeat arrives within some multiple of that interval")
    void shouldExpireASilentWorkerAndResendItsRequestToAnother() {
        DealerSocket silent = readyWorker("flaky");
        DealerSocket client = dealerClient();
        client.send("", "MDPC01", "flaky", "idempotent");
        nextCommand(silent); // taken, never answered; the worker sends nothing more

        // Not readyWorker(): the silent worker may expire while this one registers.
        DealerSocket healthy = dealer();
        healthy.send("", "MDPW01", READY, "flaky");
        List<byte[]> resent = nextCommand(healthy);
        assertThat(text(resent.subList(5, 6))).containsExactly("idempotent");
        reply(healthy, resent.get(3), "done by the healthy worker");
        assertThat(receive(client)).endsWith("done by the healthy worker");
        assertThat(running.log()).contains("removed: expired");
        assertThat(broker.workers()).isEqualTo(1);
    }

    @Test
    void shouldForgetAWorkerThatClosedItsSocketWithoutDisconnect() {
        DealerSocket worker = readyWorker("gone");
        worker.close();
        await().atMost(WAIT).until(() -> broker.workers() == 0);
        assertThat(broker.services()).isZero();

        ReqSocket client = reqClient();
        client.send("MDPC01", "mmi.service", "gone");
        assertThat(receive(client)).containsExactly("MDPC01", "mmi.service", "404");
    }

    @Test
    @DisplayName(
            "RFC 7: when the broker receives DISCONNECT from a worker it MUST send no further commands to that worker")
    void shouldResendTheRequestOfAWorkerThatDisconnects() {
        DealerSocket quitter = readyWorker("quit");
        DealerSocket client = dealerClient();
        client.send("", "MDPC01", "quit", "job");
        nextCommand(quitter);
        quitter.send("", "MDPW01", DISCONNECT);
        await().atMost(WAIT).until(() -> broker.workers() == 0);

        DealerSocket next = readyWorker("quit");
        List<byte[]> resent = nextCommand(next);
        reply(next, resent.get(3), "finished");
        assertThat(receive(client)).endsWith("finished");
        // A HEARTBEAT the broker sent before it read the DISCONNECT may still be queued here;
        // nothing else may be, and nothing may come after it (three heartbeat intervals).
        Message early;
        while ((early = quitter.tryReceive()) != null) {
            try (Message m = early) {
                assertThat(m.strings())
                        .as("sent before the DISCONNECT was read")
                        .containsExactly("", "MDPW01", HEARTBEAT);
            }
        }
        try (Message nothing = quitter.receive(Duration.ofMillis(300))) {
            assertThat(nothing).as("no command after DISCONNECT, not even HEARTBEAT").isNull();
        }
    }

    @Test
    @DisplayName(
            "RFC 7: the broker MUST respond to any valid but unexpected command by sending DISCONNECT")
    void shouldDisconnectValidButUnexpectedCommands() {
        DealerSocket stranger = dealer();
        stranger.send("", "MDPW01", HEARTBEAT);
        assertThat(receive(stranger)).containsExactly("", "MDPW01", DISCONNECT);

        DealerSocket twice = readyWorker("twice");
        twice.send("", "MDPW01", READY, "twice");
        assertThat(text(nextCommand(twice))).containsExactly("", "MDPW01", DISCONNECT);
        await().atMost(WAIT).until(() -> broker.workers() == 0);

        DealerSocket eager = readyWorker("eager");
        eager.send("", "MDPW01", REPLY, "nobody", "", "unasked");
        assertThat(text(nextCommand(eager))).containsExactly("", "MDPW01", DISCONNECT);
        await().atMost(WAIT).until(() -> broker.workers() == 0);

        DealerSocket bossy = readyWorker("bossy");
        bossy.send("", "MDPW01", REQUEST, "someone", "", "do this");
        assertThat(text(nextCommand(bossy))).containsExactly("", "MDPW01", DISCONNECT);
        await().atMost(WAIT).until(() -> broker.workers() == 0);
    }

    @Test
    @DisplayName(
            "RFC 7: the broker SHOULD respond to invalid messages by dropping them and treating that peer as invalid")
    void shouldDropMalformedMessagesAndKeepServing() {
        DealerSocket junk = dealer();
        List<Message> garbage = new ArrayList<>();
        garbage.add(Message.of("no delimiter"));
        garbage.add(Message.of("", "HTTP/1.1"));
        garbage.add(Message.of("", "MDPC01"));
        garbage.add(Message.of("", "MDPC01", "no-body"));
        garbage.add(Message.of("", "MDPC01", "", "empty service"));
        garbage.add(Message.of("", "MDPC01", "x".repeat(256), "service name too long"));
        garbage.add(Message.of("", "MDPW01"));
        garbage.add(Message.of("", "MDPW01", "\u0009"));
        garbage.add(Message.of("", "MDPW01", "\u0001\u0001", "two-byte command"));
        garbage.add(Message.of("", "MDPW01", READY));
        garbage.add(Message.of("", "MDPW01", READY, ""));
        garbage.add(Message.of("", "MDPW01", HEARTBEAT, "extra"));
        garbage.add(Message.of("", "MDPW01", DISCONNECT, "extra"));
        garbage.add(Message.of(new byte[] {0}, new byte[] {(byte) 0xff, 0, 1}));
        for (Message m : garbage) {
            assertThat(junk.send(m, WAIT)).isTrue();
        }
        await().atMost(WAIT).until(() -> broker.dropped() == garbage.size());

        DealerSocket sloppy = readyWorker("sloppy");
        sloppy.send("", "MDPW01", REPLY, "client-without-delimiter");
        assertThat(text(nextCommand(sloppy))).containsExactly("", "MDPW01", DISCONNECT);
        await().atMost(WAIT).until(() -> broker.workers() == 0);

        DealerSocket worker = readyWorker("fine");
        ReqSocket client = reqClient();
        client.send("MDPC01", "fine", "still serving?");
        List<byte[]> request = nextCommand(worker);
        reply(worker, request.get(3), "yes");
        assertThat(receive(client)).containsExactly("MDPC01", "fine", "yes");
        assertThat(running.log()).contains("dropped from 0x");
    }

    @Test
    @DisplayName(
            "RFC 7: the broker SHOULD expire these requests after a reasonable and configurable time")
    void shouldExpireRequestsThatNoWorkerTakes() throws InterruptedException {
        running.close();
        startBroker(new MdpBroker.Settings(Duration.ofMillis(100), 3, Duration.ofMillis(300), 10));
        DealerSocket client = dealerClient();
        client.send("", "MDPC01", "nobody", "anyone?");
        await().atMost(WAIT).until(() -> broker.requests() == 1);
        await().atMost(WAIT).until(() -> broker.dropped() == 1 && broker.services() == 0);
        assertThat(running.log()).contains("service nobody: 1 request(s) expired");
    }

    @Test
    void shouldDropRequestsBeyondTheQueueLimit() throws InterruptedException {
        running.close();
        startBroker(new MdpBroker.Settings(Duration.ofMillis(100), 3, Duration.ofSeconds(10), 2));
        DealerSocket client = dealerClient();
        for (int i = 0; i < 3; i++) {
            client.send("", "MDPC01", "busy", "request " + i);
        }
        await().atMost(WAIT).until(() -> broker.requests() == 3 && broker.dropped() == 1);

        DealerSocket worker = readyWorker("busy");
        for (int i = 0; i < 2; i++) {
            List<byte[]> request = nextCommand(worker);
            assertThat(text(request.subList(5, 6))).containsExactly("request " + i);
            reply(worker, request.get(3), "ok " + i);
            assertThat(receive(client)).endsWith("ok " + i);
        }
    }

    @Test
    void shouldDropTheReplyForAClientThatLeftAndKeepTheWorker() {
        DealerSocket worker = readyWorker("slow");
        DealerSocket impatient = dealerClient();
        impatient.send("", "MDPC01", "slow", "are you there?");
        List<byte[]> request = nextCommand(worker);
        impatient.close();
        await().atMost(WAIT).until(() -> broker.dropped() == 0 && !running.hasPeer(request.get(3)));

        reply(worker, request.get(3), "too late");
        await().atMost(WAIT).until(() -> broker.dropped() == 1);
        ReqSocket patient = reqClient();
        patient.send("MDPC01", "slow", "me next");
        List<byte[]> next = nextCommand(worker);
        reply(worker, next.get(3), "right away");
        assertThat(receive(patient)).containsExactly("MDPC01", "slow", "right away");
    }

    private void startBroker(MdpBroker.Settings settings) {
        running = RunningMdpBroker.start(ctx, settings);
        broker = running.broker();
    }

    private DealerSocket dealer() {
        DealerSocket d = new DealerSocket(ctx);
        d.connect(running.endpoint());
        return d;
    }

    private DealerSocket dealerClient() {
        return dealer();
    }

    private ReqSocket reqClient() {
        ReqSocket r = new ReqSocket(ctx);
        r.connect(running.endpoint());
        return r;
    }

    /**
     * A DEALER that sent READY for the service, once the broker registered it. Counts workers, so
     * no other worker may come or go meanwhile.
     */
    private DealerSocket readyWorker(String service) {
        int before = broker.workers();
        DealerSocket w = dealer();
        w.send("", "MDPW01", READY, service);
        await().atMost(WAIT).until(() -> broker.workers() == before + 1);
        return w;
    }

    /** Sends REPLY for a client address taken from a REQUEST. */
    private static void reply(DealerSocket worker, byte[] client, String body) {
        Message m =
                Message.of(
                        new byte[0],
                        bytes("MDPW01"),
                        bytes(REPLY),
                        client,
                        new byte[0],
                        bytes(body));
        assertThat(worker.send(m, WAIT)).isTrue();
    }

    /** Receives the next command that is not a HEARTBEAT, answering heartbeats meanwhile. */
    private static List<byte[]> nextCommand(DealerSocket worker) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try (Message m = worker.receive(WAIT)) {
                assertThat(m).as("a command within %s", WAIT).isNotNull();
                List<byte[]> frames = new ArrayList<>();
                for (int i = 0; i < m.size(); i++) {
                    frames.add(m.frame(i).toByteArray());
                }
                if (!(frames.size() == 3 && latin1(frames.get(2)).equals(HEARTBEAT))) {
                    return frames;
                }
                worker.send("", "MDPW01", HEARTBEAT);
            }
        }
        throw new AssertionError("only heartbeats for " + WAIT);
    }

    private static List<String> receive(DuplexSocket socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("a message within %s", WAIT).isNotNull();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                out.add(latin1(m.frame(i).toByteArray()));
            }
            return out;
        }
    }

    private static List<String> text(List<byte[]> frames) {
        return frames.stream().map(MdpBrokerTest::latin1).toList();
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
