package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Garbage sent to a running broker closes only that connection; the broker keeps serving. */
@Timeout(120)
class HostileInputIT extends BrokerITBase {
    @Override
    String example() {
        return "rrbroker";
    }

    @Test
    void shouldKeepServingAfterRandomBytesBadGreetingsAndHugeFrames() throws Exception {
        String front = frontend();
        String back = backend();
        int port = Integer.parseInt(front.substring(front.lastIndexOf(':') + 1));

        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        byte[] badSignature = new byte[64];
        badSignature[0] = 0x7f;
        byte[] hugeFrame = new byte[64 + 9];
        hugeFrame[0] = (byte) 0xff;
        hugeFrame[9] = 0x7f;
        hugeFrame[10] = 3;
        hugeFrame[11] = 1;
        System.arraycopy("NULL".getBytes(), 0, hugeFrame, 12, 4);
        hugeFrame[64] = 0x06; // a long command frame during the handshake
        hugeFrame[65] = 0x40; // 2^62 octets
        for (byte[] attack : new byte[][] {random, badSignature, hugeFrame}) {
            assertThat(closedByBroker(port, attack))
                    .as("the broker closed the bad connection")
                    .isTrue();
        }

        RepSocket worker = new RepSocket(ctx);
        worker.connect(back);
        ReqSocket client = new ReqSocket(ctx);
        client.connect(front);
        client.send("still-serving");
        try (Message request = worker.receive(Duration.ofSeconds(10))) {
            assertThat(request.strings()).containsExactly("still-serving");
        }
        worker.send("yes");
        try (Message reply = client.receive(Duration.ofSeconds(10))) {
            assertThat(reply.strings()).containsExactly("yes");
        }
        assertThat(broker.isAlive()).isTrue();
        assertThat(broker.stop()).isIn(0, 143);
    }

    /** Sends the bytes and reports whether the broker then closed the connection. */
    private static boolean closedByBroker(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1024];
            for (int i = 0; i < 100; i++) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException reset) {
                    return true;
                }
                if (n < 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
