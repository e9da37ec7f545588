package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.interop.LibzmqPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The forwarder example, run from the jar, with Weft and libzmq publishers and subscribers. */
@Timeout(120)
class ForwarderIT extends BrokerITBase {
    private static final Duration POLL = Duration.ofMillis(20);

    @Override
    String example() {
        return "forwarder";
    }

    @Test
    void shouldForwardFilteredMessagesAndLetSubscriptionsGoUpstream() throws Exception {
        String front = frontend();
        String back = backend();

        PubSocket weftPub = new PubSocket(ctx);
        weftPub.connect(front);
        SubSocket weftSub = new SubSocket(ctx).subscribe("weft.");
        weftSub.connect(back);
        try (LibzmqPeer libzmqPub = LibzmqPeer.start("PUB");
                LibzmqPeer libzmqSub = LibzmqPeer.start("SUB")) {
            libzmqPub.connect(front);
            libzmqSub.subscribe(bytes("zmq."));
            libzmqSub.connect(back);

            // The libzmq publisher's message reaches the Weft subscriber, and the other way round.
            String atWeft = null;
            Optional<List<byte[]>> atLibzmq = Optional.empty();
            for (int i = 0; i < 500 && (atWeft == null || atLibzmq.isEmpty()); i++) {
                libzmqPub.send(List.of(bytes("weft.news"), bytes("from-libzmq")));
                libzmqPub.send(List.of(bytes("other"), bytes("filtered")));
                weftPub.send("zmq.news", "from-weft");
                weftPub.send("other", "filtered");
                try (Message m = weftSub.receive(POLL)) {
                    if (m != null) {
                        assertThat(m.strings().get(0)).startsWith("weft.");
                        atWeft = m.strings().get(1);
                    }
                }
                if (atLibzmq.isEmpty()) {
                    atLibzmq = libzmqSub.tryReceive(POLL);
                }
            }
            assertThat(atWeft).isEqualTo("from-libzmq");
            assertThat(atLibzmq).isPresent();
            assertThat(text(atLibzmq.get().get(1))).isEqualTo("from-weft");

            // After unsubscribing, the publisher side stops sending (nothing more arrives).
            weftSub.unsubscribe("weft.");
            drainUntilQuiet(weftSub);
            for (int i = 0; i < 20; i++) {
                libzmqPub.send(List.of(bytes("weft.news"), bytes("after-unsubscribe")));
            }
            assertThat(weftSub.receive(Duration.ofMillis(300))).isNull();
        }
        broker.awaitLine("(forwarder: [0-9,]+ msgs)");
        assertThat(broker.stop()).isIn(0, 143);
    }

    private static void drainUntilQuiet(SubSocket sub) {
        for (int i = 0; i < 1000; i++) {
            try (Message m = sub.receive(Duration.ofMillis(200))) {
                if (m == null) {
                    return;
                }
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
