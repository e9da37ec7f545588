package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.interop.LibzmqPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rrbroker example, run from the jar, with Weft and libzmq clients and workers. */
@Timeout(120)
class RrBrokerIT extends BrokerITBase {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    String example() {
        return "rrbroker";
    }

    @Test
    void shouldCarryRequestsFromWeftAndLibzmqClientsToWeftAndLibzmqWorkers() throws Exception {
        String front = frontend();
        String back = backend();

        RepSocket weftWorker = new RepSocket(ctx);
        weftWorker.connect(back);
        try (LibzmqPeer libzmqWorker = LibzmqPeer.start("REP");
                LibzmqPeer libzmqClient = LibzmqPeer.start("REQ")) {
            libzmqWorker.connect(back);
            ReqSocket weftClient = new ReqSocket(ctx);
            weftClient.connect(front);
            libzmqClient.connect(front);

            weftClient.send("from-weft");
            libzmqClient.send(List.of(bytes("from-libzmq")));
            int servedByWeft = 0;
            int servedByLibzmq = 0;
            for (int i = 0; i < 2; i++) {
                try (Message request = weftWorker.receive(Duration.ofMillis(500))) {
                    if (request != null) {
                        weftWorker.send("weft-says:" + request.strings().get(0));
                        servedByWeft++;
                        continue;
                    }
                }
                List<byte[]> request = libzmqWorker.receive(WAIT);
                libzmqWorker.send(List.of(bytes("libzmq-says:" + text(request.get(0)))));
                servedByLibzmq++;
            }
            assertThat(servedByWeft + servedByLibzmq).isEqualTo(2);
            try (Message reply = weftClient.receive(WAIT)) {
                assertThat(reply.strings().get(0)).endsWith("from-weft");
            }
            assertThat(text(libzmqClient.receive(WAIT).get(0))).endsWith("from-libzmq");
        }
        broker.awaitLine("(rrbroker: [0-9,]+ msgs)");
        assertThat(broker.stop()).isIn(0, 143);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
