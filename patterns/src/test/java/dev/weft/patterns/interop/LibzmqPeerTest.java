package dev.weft.patterns.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proves {@link LibzmqPeer} by letting two libzmq peers talk to each other. */
@Timeout(60)
class LibzmqPeerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] EMPTY = new byte[0];

    @Test
    void shouldFindPythonWithZmq() {
        assertThat(LibzmqPeer.available())
                .as("%s with %s installed", LibzmqPeer.PYTHON, LibzmqPeer.REQUIRED_PACKAGE)
                .isTrue();
    }

    @Test
    void shouldRouteMultipartMessageWithEmptyAnd256OctetFrames() {
        byte[] routingId = ascii("dealer-1");
        byte[] body = counting(256);
        try (LibzmqPeer router = LibzmqPeer.start("ROUTER");
                LibzmqPeer dealer = LibzmqPeer.start("dealer")) {
            router.setOption("router_mandatory", 1);
            String endpoint = router.bind("tcp://127.0.0.1:*");
            dealer.setOption("routing_id", routingId);
            dealer.connect(endpoint);

            dealer.send(List.of(EMPTY, body));
            List<byte[]> atRouter = router.receive(WAIT);
            router.send(atRouter);
            List<byte[]> atDealer = dealer.receive(WAIT);

            assertThat(endpoint).matches("tcp://127\\.0\\.0\\.1:[1-9][0-9]*");
            assertThat(router.libzmqVersion()).isEqualTo("4.3.4");
            assertThat(atRouter).containsExactly(routingId, EMPTY, body);
            assertThat(atDealer).containsExactly(EMPTY, body);
        }
    }

    @Test
    void shouldEchoMessagesSentWhileEchoRuns() {
        try (LibzmqPeer router = LibzmqPeer.start("ROUTER");
                LibzmqPeer dealer = LibzmqPeer.start("DEALER")) {
            dealer.connect(router.bind("tcp://127.0.0.1:*"));

            CompletableFuture<Integer> echo = router.echoAsync(2, WAIT);
            assertThatThrownBy(() -> router.send(List.of(EMPTY)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("echo still running");
            dealer.send(List.of(ascii("one")));
            dealer.send(List.of(ascii("two"), EMPTY));

            assertThat(dealer.receive(WAIT)).containsExactly(ascii("one"));
            assertThat(dealer.receive(WAIT)).containsExactly(ascii("two"), EMPTY);
            assertThat(echo).succeedsWithin(WAIT).isEqualTo(2);
        }
    }

    @Test
    void shouldDeliverOnlySubscribedTopics() {
        try (LibzmqPeer publisher = LibzmqPeer.start("PUB");
                LibzmqPeer subscriber = LibzmqPeer.start("SUB")) {
            subscriber.connect(publisher.bind("tcp://127.0.0.1:*"));
            subscriber.subscribe(ascii("weather"));

            // PUB drops messages until the subscription has arrived: publish probes, each
            // waited for briefly, until one gets through (bounded by the attempts).
            Optional<List<byte[]>> probe = Optional.empty();
            for (int attempt = 0; attempt < 50 && probe.isEmpty(); attempt++) {
                publisher.send(List.of(ascii("weather"), ascii("probe")));
                probe = subscriber.tryReceive(Duration.ofMillis(100));
            }
            assertThat(probe).as("a subscribed message within 50 probes").isPresent();
            publisher.send(List.of(ascii("traffic"), ascii("jam")));
            publisher.send(List.of(ascii("weather"), ascii("sunny")));

            List<byte[]> next = subscriber.receive(WAIT);
            while (new String(next.get(1), US_ASCII).equals("probe")) {
                next = subscriber.receive(WAIT); // late probes, still in order before "sunny"
            }
            assertThat(next).containsExactly(ascii("weather"), ascii("sunny"));
        }
    }

    @Test
    void shouldFailReceiveWithTheScriptsTimeoutText() {
        try (LibzmqPeer pull = LibzmqPeer.start("PULL")) {
            pull.bind("tcp://127.0.0.1:*");

            assertThat(pull.tryReceive(Duration.ofMillis(50))).isEmpty();
            assertThatThrownBy(() -> pull.receive(Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("libzmq PULL peer")
                    .hasMessageContaining("timeout");
        }
    }

    @Test
    void shouldReportLibzmqErrorsWithTheirText() {
        try (LibzmqPeer router = LibzmqPeer.start("ROUTER")) {
            router.setOption("router_mandatory", 1);

            assertThatThrownBy(() -> router.send(List.of(ascii("nobody"), ascii("hi"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Host unreachable");
            assertThatThrownBy(() -> router.bind("tcp://127.0.0.1:not-a-port"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bind failed");
            assertThatThrownBy(() -> router.setOption("linger", -1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("linger must be >= 0");
        }
    }

    @Test
    void shouldRefuseDraftSocketTypes() {
        assertThatThrownBy(() -> LibzmqPeer.start("CLIENT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("draft");
    }

    @Test
    void shouldRefuseCommandsAfterClose() {
        LibzmqPeer peer = LibzmqPeer.start("PAIR");
        peer.close();
        peer.close();

        assertThatThrownBy(() -> peer.bind("tcp://127.0.0.1:*"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void shouldReadAndWriteTheScriptsJson() {
        Map<String, Object> answer =
                LibzmqPeer.Json.parseObject(
                        "{\"ok\": false, \"error\": \"a\\\"b\\\\c\\u00e9\\n\","
                                + " \"frames\": [\"\", \"00ff\"], \"n\": [1, -2.5, true, null], \"o\": {}}");

        assertThat(answer)
                .containsEntry("ok", false)
                .containsEntry("error", "a\"b\\c\u00e9\n")
                .containsEntry("frames", List.of("", "00ff"))
                .containsEntry("o", Map.of());
        assertThat(answer.get("n")).isEqualTo(Arrays.asList(1L, -2.5, true, null));
        assertThat(LibzmqPeer.Json.write(Map.of("frames", List.of("", "0a"))))
                .isEqualTo("{\"frames\":[\"\",\"0a\"]}");
        assertThat(LibzmqPeer.Json.write(List.of("q\"\\\n", 5L, false)))
                .isEqualTo("[\"q\\\"\\\\\\u000a\",5,false]");
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }
}
