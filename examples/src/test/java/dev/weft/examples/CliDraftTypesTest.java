package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.ChannelSocket;
import dev.weft.patterns.ClientSocket;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.GatherSocket;
import dev.weft.patterns.PeerSocket;
import dev.weft.patterns.RadioSocket;
import dev.weft.patterns.ScatterSocket;
import dev.weft.patterns.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cli with RADIO/DISH and the draft types, run in this JVM against Weft peers over tcp on
 * loopback (Debian's libzmq has no draft types).
 */
@Timeout(120)
class CliDraftTypesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ANY_PORT = "tcp://127.0.0.1:*";

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
    void shouldPrintEachDishMessageWithItsGroupAndOnlyTheJoinedGroups() throws Exception {
        CliRun recv =
                CliRun.start(
                        "recv",
                        "--type",
                        "DISH",
                        "--bind",
                        ANY_PORT,
                        "--join",
                        "a",
                        "--join",
                        "b",
                        "--count",
                        "3",
                        "--format",
                        "JSON");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(recv.awaitErr("DISH bound to (tcp://\\S+)"));

        sendUntilRouted(radio, "a", "first");
        radio.send("a/b", "a near miss: not joined");
        radio.send("c", "not joined");
        sendUntilRouted(radio, "b", "second");
        radio.send("a", "third");

        assertThat(recv.awaitExit()).isZero();
        assertThat(recv.out())
                .containsExactly(
                        "{\"group\":\"a\",\"frames\":[\"first\"]}",
                        "{\"group\":\"b\",\"frames\":[\"second\"]}",
                        "{\"group\":\"a\",\"frames\":[\"third\"]}");
    }

    @Test
    void shouldReceiveUdpDatagramsOfTheJoinedGroupOnly() throws Exception {
        CliRun recv =
                CliRun.start(
                        "recv",
                        "--type",
                        "DISH",
                        "--bind",
                        "udp://127.0.0.1:*",
                        "--join",
                        "a",
                        "--count",
                        "1");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(recv.awaitErr("DISH bound to (udp://\\S+)"));

        // udp may lose a datagram: send until the cli has printed one and ended.
        await("the cli to print a datagram")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            radio.send("b", "not joined");
                            radio.send("a", "over udp");
                            return recv.isDone();
                        });

        assertThat(recv.awaitExit()).isZero();
        assertThat(recv.out()).containsExactly("a|over udp");
    }

    @Test
    void shouldSendIntoTheGroupOnceADishHasJoinedIt() throws Exception {
        DishSocket dish = new DishSocket(ctx).join("weather");
        String ep = dish.bind(ANY_PORT);

        CliRun send =
                CliRun.start(
                        "send",
                        "--type",
                        "RADIO",
                        "--connect",
                        ep,
                        "--group",
                        "weather",
                        "rain",
                        "sun");

        assertThat(send.awaitExit()).as(send.err()).isZero();
        assertThat(send.err()).contains("cli send: sent 2 message(s)");
        assertThat(receive(dish)).isEqualTo("weather|rain");
        assertThat(receive(dish)).isEqualTo("weather|sun");
    }

    @Test
    void shouldPrintTheRoutingIdOfEachClientAndEchoToIt() throws Exception {
        CliRun recv =
                CliRun.start(
                        "recv", "--type", "SERVER", "--bind", ANY_PORT, "--count", "2", "--echo");
        String ep = recv.awaitErr("SERVER bound to (tcp://\\S+)");
        ClientSocket one = new ClientSocket(ctx);
        ClientSocket two = new ClientSocket(ctx);
        one.connect(ep);
        two.connect(ep);

        one.send("from one");
        assertThat(one.receive(WAIT).strings()).containsExactly("from one");
        two.send("from two");
        assertThat(two.receive(WAIT).strings()).containsExactly("from two");

        assertThat(recv.awaitExit()).isZero();
        assertThat(recv.out()).hasSize(2);
        String idOne = recv.out().get(0).split("\\|")[0];
        String idTwo = recv.out().get(1).split("\\|")[0];
        assertThat(recv.out()).containsExactly(idOne + "|from one", idTwo + "|from two");
        assertThat(Long.parseLong(idOne)).isPositive().isNotEqualTo(Long.parseLong(idTwo));
    }

    @Test
    void shouldSendFromAClientAndPrintTheServersReplies() throws Exception {
        ServerSocket server = new ServerSocket(ctx);
        String ep = server.bind(ANY_PORT);

        CliRun send =
                CliRun.start(
                        "send", "--type", "CLIENT", "--connect", ep, "--replies", "ping", "pong");
        for (int i = 0; i < 2; i++) {
            Message request = server.receive(WAIT);
            assertThat(request).isNotNull();
            assertThat(server.send(request.routingId(), "re: " + request.strings().get(0)))
                    .isTrue();
            request.close();
        }

        assertThat(send.awaitExit()).as(send.err()).isZero();
        assertThat(send.out()).containsExactly("re: ping", "re: pong");
    }

    @Test
    void shouldScatterToAGatherAndGatherFromAScatter() throws Exception {
        GatherSocket gather = new GatherSocket(ctx);
        String gatherEp = gather.bind(ANY_PORT);
        CliRun scatter = CliRun.start("send", "--type", "SCATTER", "--connect", gatherEp, "x", "y");
        assertThat(scatter.awaitExit()).as(scatter.err()).isZero();
        assertThat(receive(gather)).isEqualTo("x");
        assertThat(receive(gather)).isEqualTo("y");

        CliRun recv = CliRun.start("recv", "--type", "GATHER", "--bind", ANY_PORT, "--count", "1");
        ScatterSocket sender = new ScatterSocket(ctx);
        sender.connect(recv.awaitErr("GATHER bound to (tcp://\\S+)"));
        sender.send("z");
        assertThat(recv.awaitExit()).isZero();
        assertThat(recv.out()).containsExactly("z");
    }

    @Test
    void shouldTalkToAPeerByItsRoutingIdBothWays() throws Exception {
        PeerSocket peer = new PeerSocket(ctx);
        String ep = peer.bind(ANY_PORT);
        CliRun send = CliRun.start("send", "--type", "PEER", "--connect", ep, "--replies", "hi");
        String idAtCli = send.awaitErr("PEER connecting to \\S+ \\(its routing id (\\d+)\\)");
        Message hi = peer.receive(WAIT);
        assertThat(hi.strings()).containsExactly("hi");
        assertThat(peer.send(hi.routingId(), "hello back")).isTrue();
        hi.close();
        assertThat(send.awaitExit()).as(send.err()).isZero();
        assertThat(send.out()).containsExactly(idAtCli + "|hello back");

        CliRun recv =
                CliRun.start(
                        "recv", "--type", "PEER", "--bind", ANY_PORT, "--count", "1", "--echo");
        int id = peer.connectPeer(recv.awaitErr("PEER bound to (tcp://\\S+)"));
        assertThat(peer.send(id, "yo")).isTrue();
        try (Message echo = peer.receive(WAIT)) {
            assertThat(echo.routingId()).isEqualTo(id);
            assertThat(echo.strings()).containsExactly("yo");
        }
        assertThat(recv.awaitExit()).isZero();
        assertThat(recv.out()).singleElement().asString().matches("[1-9][0-9]*\\|yo");
    }

    @Test
    void shouldTalkOverAChannelBothWays() throws Exception {
        ChannelSocket channel = new ChannelSocket(ctx);
        String ep = channel.bind(ANY_PORT);
        CliRun send = CliRun.start("send", "--type", "CHANNEL", "--connect", ep, "over");
        assertThat(send.awaitExit()).as(send.err()).isZero();
        assertThat(receive(channel)).isEqualTo("over");

        CliRun recv =
                CliRun.start(
                        "recv", "--type", "CHANNEL", "--bind", ANY_PORT, "--count", "1", "--echo");
        ChannelSocket other = new ChannelSocket(ctx);
        other.connect(recv.awaitErr("CHANNEL bound to (tcp://\\S+)"));
        other.send("and out");
        assertThat(receive(other)).isEqualTo("and out");
        assertThat(recv.awaitExit()).isZero();
        assertThat(recv.out()).containsExactly("and out");
    }

    @Test
    void shouldRefuseMultipartInputForSinglePartTypes() throws Exception {
        for (String type : new String[] {"CLIENT", "SCATTER", "CHANNEL", "PEER"}) {
            CliRun send =
                    CliRun.start("send", "--type", type, "--connect", "tcp://127.0.0.1:5", "a|b");
            assertThat(send.awaitExit()).isEqualTo(2);
            assertThat(send.err())
                    .contains(
                            type
                                    + " messages are single-part: 'a|b' has 2 frames at separator"
                                    + " '|' (expected: 1; pick another --separator to send that"
                                    + " text whole)");
        }
        CliRun radio =
                CliRun.start(
                        "send",
                        "--type",
                        "RADIO",
                        "--connect",
                        "tcp://127.0.0.1:5",
                        "--group",
                        "g",
                        "a|b");
        assertThat(radio.awaitExit()).isEqualTo(2);
        assertThat(radio.err()).contains("RADIO messages are single-part");
    }

    @Test
    void shouldSayWhatIsWrongWithAnArgumentAndWhatIsAllowed() throws Exception {
        assertRefused(
                "RADIO without --group (expected: the group to send into, e.g. --group weather)",
                "send",
                "--type",
                "RADIO",
                "--connect",
                "tcp://127.0.0.1:5",
                "x");
        assertRefused(
                "--group with PUSH (expected: RADIO)",
                "send",
                "--type",
                "PUSH",
                "--connect",
                "tcp://127.0.0.1:5",
                "--group",
                "g",
                "x");
        assertRefused(
                "--type SERVER (expected: a type that can address its peers;",
                "send",
                "--type",
                "SERVER",
                "--bind",
                ANY_PORT,
                "x");
        assertRefused(
                "PEER with 2 --connect and 0 --bind (expected: exactly one --connect",
                "send",
                "--type",
                "PEER",
                "--connect",
                "tcp://127.0.0.1:5",
                "--connect",
                "tcp://127.0.0.1:6",
                "x");
        assertRefused(
                "DISH without --join (expected: at least one group",
                "recv",
                "--type",
                "DISH",
                "--bind",
                ANY_PORT);
        assertRefused(
                "--join with PULL (expected: DISH)",
                "recv",
                "--type",
                "PULL",
                "--bind",
                ANY_PORT,
                "--join",
                "g");
        assertRefused(
                "--echo with GATHER (expected: a type that can send too",
                "recv",
                "--type",
                "GATHER",
                "--bind",
                ANY_PORT,
                "--echo");
        assertRefused(
                "--replies with SCATTER (expected: a type that can receive",
                "send",
                "--type",
                "SCATTER",
                "--connect",
                "tcp://127.0.0.1:5",
                "--replies",
                "x");
        assertRefused(
                "socket type 'RADIOX' (expected one of [PAIR,",
                "send",
                "--type",
                "RADIOX",
                "--connect",
                "tcp://127.0.0.1:5",
                "x");
    }

    private static void assertRefused(String message, String... args) throws Exception {
        CliRun run = CliRun.start(args);
        assertThat(run.awaitExit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    /**
     * Sends to the group until the radio routes a send, so the dish's JOIN is known to be there.
     */
    private static void sendUntilRouted(RadioSocket radio, String group, String body) {
        await("a dish to join " + group)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> {
                            long unroutable = radio.stats().droppedUnroutable();
                            radio.send(group, body);
                            return radio.stats().droppedUnroutable() == unroutable;
                        });
    }

    /** Receives one message: its text, after its group and a bar if it has one. */
    private static String receive(dev.weft.patterns.MessageReceiver socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("a message within %s", WAIT).isNotNull();
            String body = String.join("|", m.strings());
            return m.group() == null ? body : m.group() + "|" + body;
        }
    }
}
