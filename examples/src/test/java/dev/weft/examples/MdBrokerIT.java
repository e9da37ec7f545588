package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.interop.LibzmqPeer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mdbroker example run from the jar, driven by Weft workers and clients and by libzmq ones
 * (pyzmq speaking MDP), including workers that die without a word.
 */
@Timeout(180)
class MdBrokerIT {
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> peers = new ArrayList<>();
    private Context ctx;
    private ExampleProcess broker;
    private String endpoint;

    @BeforeEach
    void startBroker() throws IOException {
        ctx = Context.create();
        broker =
                ExampleProcess.start(
                        "mdbroker",
                        "--endpoint",
                        "tcp://127.0.0.1:*",
                        "--heartbeat",
                        Long.toString(HEARTBEAT.toMillis()));
        endpoint = broker.awaitLine("ROUTER bound to (tcp://\\S+)");
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            for (AutoCloseable peer : peers) {
                peer.close();
            }
            ctx.close();
            assertThat(broker.isAlive()).as("broker alive: %s", broker.lines()).isTrue();
            assertThat(broker.stop()).as("exit code after SIGTERM").isIn(0, 143);
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldServeWeftAndLibzmqClientsFromAWeftWorker() throws Exception {
        keep(RunningMdpWorker.start(ctx, endpoint, "weft-echo", HEARTBEAT, "weft:"));
        MdpClient client = weftClient(WAIT, 2);
        awaitMmiService(client, "weft-echo", "200");

        try (Message reply = client.request("weft-echo", Message.of("from weft", "2nd frame"))) {
            assertThat(reply.strings()).containsExactly("weft:from weft", "2nd frame");
        }
        LibzmqMdpPeer libzmqClient =
                keep(LibzmqMdpPeer.client(endpoint, "weft-echo", WAIT, 0, "from libzmq", "again"));
        assertThat(libzmqClient.awaitExit(WAIT.multipliedBy(2))).isZero();
        assertThat(libzmqClient.lines())
                .containsExactly(
                        "{\"reply\": [\"weft:from libzmq\"]}", "{\"reply\": [\"weft:again\"]}");
        broker.awaitLine("(requests \\d+  replies \\d+  services 1  workers 1)");
    }

    @Test
    void shouldServeWeftAndLibzmqClientsFromALibzmqWorker() throws Exception {
        LibzmqMdpPeer libzmqWorker =
                keep(LibzmqMdpPeer.worker(endpoint, "py-echo", HEARTBEAT, "py:"));
        libzmqWorker.awaitLine("^ready$");
        MdpClient client = weftClient(WAIT, 2);
        awaitMmiService(client, "py-echo", "200");

        try (Message reply = client.request("py-echo", Message.of("from weft"))) {
            assertThat(reply.strings()).containsExactly("py:from weft");
        }
        LibzmqMdpPeer libzmqClient =
                keep(LibzmqMdpPeer.client(endpoint, "py-echo", WAIT, 0, "from libzmq"));
        assertThat(libzmqClient.awaitExit(WAIT.multipliedBy(2))).isZero();
        assertThat(libzmqClient.lines()).containsExactly("{\"reply\": [\"py:from libzmq\"]}");
        libzmqWorker.awaitLine("^served 2 from libzmq$");

        assertThat(libzmqWorker.stop()).as("worker exit code").isZero();
        broker.awaitLine("service py-echo removed: sent DISCONNECT");
    }

    @Test
    void shouldAnswerMmiService200Or404AndUnknownMmi501() throws Exception {
        LibzmqMdpPeer libzmqWorker = keep(LibzmqMdpPeer.worker(endpoint, "listed", HEARTBEAT, ""));
        libzmqWorker.awaitLine("^ready$");
        MdpClient client = weftClient(WAIT, 2);
        awaitMmiService(client, "listed", "200");
        try (Message reply = client.request("mmi.service", Message.of("unlisted"))) {
            assertThat(reply.strings()).containsExactly("404");
        }
        try (Message reply = client.request("mmi.workers", Message.of("listed"))) {
            assertThat(reply.strings()).containsExactly("501");
        }
        LibzmqMdpPeer libzmqClient =
                keep(LibzmqMdpPeer.client(endpoint, "mmi.service", WAIT, 0, "listed", "unlisted"));
        assertThat(libzmqClient.awaitExit(WAIT.multipliedBy(2))).isZero();
        assertThat(libzmqClient.lines())
                .containsExactly("{\"reply\": [\"200\"]}", "{\"reply\": [\"404\"]}");
    }

    @Test
    void shouldServeTheServiceOfAKilledLibzmqWorkerFromAnotherWorker() throws Exception {
        LibzmqMdpPeer doomed = keep(LibzmqMdpPeer.worker(endpoint, "fragile", HEARTBEAT, "py:"));
        doomed.awaitLine("^ready$");
        MdpClient client = weftClient(WAIT, 2);
        awaitMmiService(client, "fragile", "200");
        keep(RunningMdpWorker.start(ctx, endpoint, "fragile", HEARTBEAT, "weft:"));
        broker.awaitLine("(services 1  workers 2)");

        doomed.kill();
        broker.awaitLine("(service fragile removed: (expired|disconnected))");
        for (int i = 0; i < 4; i++) {
            try (Message reply = client.request("fragile", Message.of("job " + i))) {
                assertThat(reply).as("reply %d", i).isNotNull();
                assertThat(reply.strings()).containsExactly("weft:job " + i);
            }
        }
        LibzmqMdpPeer libzmqClient =
                keep(LibzmqMdpPeer.client(endpoint, "fragile", WAIT, 0, "libzmq job"));
        assertThat(libzmqClient.awaitExit(WAIT.multipliedBy(2))).isZero();
        assertThat(libzmqClient.lines()).containsExactly("{\"reply\": [\"weft:libzmq job\"]}");
    }

    @Test
    void shouldExpireAFrozenLibzmqWorkerAndServeItsServiceFromAnotherWorker() throws Exception {
        LibzmqMdpPeer frozen = keep(LibzmqMdpPeer.worker(endpoint, "stuck", HEARTBEAT, "py:"));
        frozen.awaitLine("^ready$");
        MdpClient client = weftClient(WAIT, 2);
        awaitMmiService(client, "stuck", "200");
        keep(RunningMdpWorker.start(ctx, endpoint, "stuck", HEARTBEAT, "weft:"));
        broker.awaitLine("(services 1  workers 2)");

        // The connection stays open: only heartbeating can tell that this worker is gone.
        frozen.freeze();
        try (Message reply = client.request("stuck", Message.of("first"))) {
            assertThat(reply.strings()).containsExactly("weft:first");
        }
        broker.awaitLine("(service stuck removed: expired)");
        for (int i = 0; i < 3; i++) {
            try (Message reply = client.request("stuck", Message.of("job " + i))) {
                assertThat(reply.strings()).containsExactly("weft:job " + i);
            }
        }
    }

    @Test
    void shouldTimeOutCleanlyWhileTheOnlyWorkerIsDeadThenServeWhenOneReturns() throws Exception {
        LibzmqMdpPeer doomed = keep(LibzmqMdpPeer.worker(endpoint, "lonely", HEARTBEAT, "py:"));
        doomed.awaitLine("^ready$");
        MdpClient client = weftClient(WAIT, 2);
        awaitMmiService(client, "lonely", "200");

        doomed.kill();
        awaitMmiService(client, "lonely", "404");
        MdpClient impatient = weftClient(Duration.ofMillis(300), 1);
        long started = System.nanoTime();
        assertThat(impatient.request("lonely", Message.of("anyone?"))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
        LibzmqMdpPeer libzmqClient =
                keep(LibzmqMdpPeer.client(endpoint, "lonely", Duration.ofMillis(300), 1, "hello?"));
        assertThat(libzmqClient.awaitExit(WAIT)).isEqualTo(3);
        assertThat(libzmqClient.lines())
                .containsExactly("{\"error\": \"timeout\", \"body\": \"hello?\"}");

        keep(RunningMdpWorker.start(ctx, endpoint, "lonely", HEARTBEAT, "back:"));
        try (Message reply = client.request("lonely", Message.of("welcome back"))) {
            assertThat(reply.strings()).containsExactly("back:welcome back");
        }
    }

    @Test
    void shouldRunTheMdworkerAndMdclientExamples() throws Exception {
        ExampleProcess worker =
                keep(
                        ExampleProcess.start(
                                "mdworker",
                                "--endpoint",
                                endpoint,
                                "--service",
                                "cli-echo",
                                "--heartbeat",
                                Long.toString(HEARTBEAT.toMillis()),
                                "--reply-prefix",
                                "cli:"));
        worker.awaitLine("(DEALER connecting to tcp://\\S+ for service cli-echo)");
        awaitMmiService(weftClient(WAIT, 2), "cli-echo", "200");

        ExampleProcess client =
                keep(
                        ExampleProcess.start(
                                "mdclient",
                                "--endpoint",
                                endpoint,
                                "--service",
                                "cli-echo",
                                "--count",
                                "3",
                                "a",
                                "b"));
        assertThat(client.awaitExit(WAIT.multipliedBy(2))).isZero();
        assertThat(client.lines()).containsSubsequence("cli:a", "cli:b", "cli:a");
        assertThat(client.lines()).contains("mdclient: 3 of 3 request(s) answered");

        ExampleProcess mmi =
                keep(
                        ExampleProcess.start(
                                "mdclient",
                                "--endpoint",
                                endpoint,
                                "--service",
                                "mmi.service",
                                "cli-echo",
                                "nope"));
        assertThat(mmi.awaitExit(WAIT.multipliedBy(2))).isZero();
        assertThat(mmi.lines()).containsSubsequence("200", "404");

        worker.awaitLine("(mdworker: [0-9,]+ msgs)");
        assertThat(worker.stop()).as("mdworker exit code after SIGTERM").isIn(0, 143);
        broker.awaitLine("service cli-echo removed: sent DISCONNECT");

        ExampleProcess unanswered =
                keep(
                        ExampleProcess.start(
                                "mdclient",
                                "--endpoint",
                                endpoint,
                                "--service",
                                "cli-echo",
                                "--timeout",
                                "200",
                                "--retries",
                                "1",
                                "x"));
        assertThat(unanswered.awaitExit(WAIT.multipliedBy(2))).isEqualTo(1);
        assertThat(unanswered.lines()).contains("mdclient: 0 of 1 request(s) answered");
    }

    @Test
    void shouldKeepServingAfterMalformedMessagesAndGarbageBytes() throws Exception {
        try (LibzmqPeer rogue = LibzmqPeer.start("DEALER")) {
            rogue.connect(endpoint);
            rogue.send(frames("", "MDPW01", "\u0004"));
            assertThat(text(rogue.receive(WAIT)))
                    .as("RFC 7: a valid but unexpected command gets DISCONNECT")
                    .containsExactly("", "MDPW01", "\u0005");
            rogue.send(frames("not MDP at all"));
            rogue.send(frames("", "MDPC01", "no-body"));
            rogue.send(frames("", "MDPW01", "\u0009", "bogus command"));
            rogue.send(frames("", "MDPW01", "\u0001"));
        }
        DealerSocket weftRogue = new DealerSocket(ctx);
        weftRogue.connect(endpoint);
        weftRogue.send("", "MDPC01", "", "empty service name");
        weftRogue.send("", "XXXX01", "svc", "body");
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port(endpoint)), 5_000);
            OutputStream out = raw.getOutputStream();
            out.write(random);
            out.flush();
        }
        broker.awaitLine("(dropped [1-9][0-9]*)");

        keep(RunningMdpWorker.start(ctx, endpoint, "sturdy", HEARTBEAT, "ok:"));
        MdpClient client = weftClient(WAIT, 2);
        awaitMmiService(client, "sturdy", "200");
        try (Message reply = client.request("sturdy", Message.of("still serving?"))) {
            assertThat(reply.strings()).containsExactly("ok:still serving?");
        }
        assertThat(broker.lines()).anyMatch(l -> l.contains("dropped from 0x"));
    }

    private MdpClient weftClient(Duration timeout, int retries) {
        return keep(new MdpClient(ctx, endpoint, timeout, retries, () -> true, System.err));
    }

    /** Asks mmi.service until the broker gives the expected answer for the service. */
    private static void awaitMmiService(MdpClient client, String service, String expected) {
        await("mmi.service " + service + " -> " + expected)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            try (Message reply =
                                    client.request("mmi.service", Message.of(service))) {
                                return reply != null && reply.strings().equals(List.of(expected));
                            }
                        });
    }

    private <T extends AutoCloseable> T keep(T peer) {
        peers.add(0, peer);
        return peer;
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static List<byte[]> frames(String... text) {
        List<byte[]> out = new ArrayList<>();
        for (String t : text) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> text(List<byte[]> frames) {
        return frames.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
}
