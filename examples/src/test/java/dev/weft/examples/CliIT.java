package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.patterns.interop.LibzmqPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cli tool, run from the jar, round-trips messages with a libzmq (pyzmq) peer. */
@Timeout(120)
class CliIT {
    @Test
    void shouldPrintWhatALibzmqPusherSends() throws Exception {
        try (ExampleProcess recv =
                        ExampleProcess.start(
                                "cli",
                                "recv",
                                "--type",
                                "PULL",
                                "--bind",
                                "tcp://127.0.0.1:*",
                                "--count",
                                "2",
                                "--format",
                                "JSON");
                LibzmqPeer push = LibzmqPeer.start("PUSH")) {
            String ep = recv.awaitLine("PULL bound to (tcp://\\S+)");
            push.connect(ep);
            push.send(List.of(bytes("hello"), bytes("world")));
            push.send(List.of(new byte[] {0, 1, 2}));
            assertThat(recv.awaitExit(Duration.ofSeconds(20))).isZero();
            assertThat(recv.lines()).contains("[\"hello\",\"world\"]", "[{\"hex\":\"000102\"}]");
        }
    }

    @Test
    void shouldSendLinesAsMultipartMessagesToALibzmqPuller() throws Exception {
        try (LibzmqPeer pull = LibzmqPeer.start("PULL")) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (ExampleProcess send =
                    ExampleProcess.start("cli", "send", "--type", "PUSH", "--connect", ep)) {
                send.writeStdin("a|b|c\nsecond\n");
                send.closeStdin();
                assertThat(send.awaitExit(Duration.ofSeconds(20))).isZero();
                assertThat(send.lines()).contains("cli send: sent 2 message(s)");
            }
            assertThat(texts(pull.receive(Duration.ofSeconds(10)))).containsExactly("a", "b", "c");
            assertThat(texts(pull.receive(Duration.ofSeconds(10)))).containsExactly("second");
        }
    }

    @Test
    void shouldActAsAReqClientOfALibzmqRep() throws Exception {
        try (LibzmqPeer rep = LibzmqPeer.start("REP")) {
            String ep = rep.bind("tcp://127.0.0.1:*");
            try (ExampleProcess req =
                    ExampleProcess.start(
                            "cli", "send", "--type", "REQ", "--connect", ep, "question")) {
                assertThat(texts(rep.receive(Duration.ofSeconds(10)))).containsExactly("question");
                rep.send(List.of(bytes("answer")));
                assertThat(req.awaitExit(Duration.ofSeconds(20))).isZero();
                assertThat(req.lines()).contains("answer");
            }
        }
    }

    @Test
    void shouldSayHowManyMessagesWereUndeliveredAndFailWhenNobodyListens() throws Exception {
        String nobody = unusedEndpoint();
        try (ExampleProcess send =
                ExampleProcess.start(
                        "cli", "send", "--type", "PUSH", "--connect", nobody, "lost")) {
            assertThat(send.awaitExit(Duration.ofSeconds(20))).isEqualTo(1);
            assertThat(send.lines())
                    .contains("cli send: 1 of 1 message(s) undelivered after linger 1000 ms")
                    .noneMatch(l -> l.contains("sent 1 message(s)"));
        }
    }

    private static String unusedEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
}
