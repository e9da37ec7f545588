package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.interop.LibzmqPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lbbroker example, run from the jar: REQ workers announce READY, REQ clients get served. */
@Timeout(120)
class LbBrokerIT extends BrokerITBase {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    String example() {
        return "lbbroker";
    }

    @Test
    void shouldSendEachRequestToAReadyWorker() throws Exception {
        String front = frontend();
        String back = backend();

        ReqSocket weftWorker =
                new ReqSocket(ctx, SocketOptions.builder().routingId("weft-worker").build());
        weftWorker.connect(back);
        weftWorker.send("READY");
        try (LibzmqPeer libzmqWorker = LibzmqPeer.start("REQ");
                LibzmqPeer libzmqClient = LibzmqPeer.start("REQ")) {
            libzmqWorker.connect(back);
            libzmqWorker.send(List.of(bytes("READY")));
            ReqSocket weftClient = new ReqSocket(ctx);
            weftClient.connect(front);
            libzmqClient.connect(front);

            weftClient.send("job-1");
            libzmqClient.send(List.of(bytes("job-2")));
            int served = 0;
            for (int attempt = 0; attempt < 40 && served < 2; attempt++) {
                try (Message job = weftWorker.receive(Duration.ofMillis(250))) {
                    if (job != null) {
                        // [client-id, "", request]
                        assertThat(job.size()).isEqualTo(3);
                        weftWorker.send(
                                Message.of(
                                        job.frame(0).toByteArray(),
                                        new byte[0],
                                        bytes(
                                                job.frame(2).toString(StandardCharsets.UTF_8)
                                                        + "-by-weft")));
                        served++;
                        continue;
                    }
                }
                var job = libzmqWorker.tryReceive(Duration.ofMillis(250));
                if (job.isPresent()) {
                    List<byte[]> f = job.get();
                    libzmqWorker.send(
                            List.of(f.get(0), new byte[0], bytes(text(f.get(2)) + "-by-libzmq")));
                    served++;
                }
            }
            assertThat(served).isEqualTo(2);
            try (Message reply = weftClient.receive(WAIT)) {
                assertThat(reply.strings().get(0)).startsWith("job-1-by-");
            }
            assertThat(text(libzmqClient.receive(WAIT).get(0))).startsWith("job-2-by-");
        }
        assertThat(broker.stop()).isIn(0, 143);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
