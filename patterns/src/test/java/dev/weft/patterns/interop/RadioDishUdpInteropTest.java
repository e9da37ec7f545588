package dev.weft.patterns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.RadioSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libzmq's udp datagrams between Weft and a Python process using the plain {@code socket} module
 * (Debian's libzmq has no RADIO/DISH, see {@code docs/INTEROP.md}): a raw sender in libzmq's format
 * reaches a Weft DISH, which keeps its groups; a Weft RADIO's datagrams parse, octet for octet, as
 * libzmq's udp engine reads them (length octet, group, body).
 */
@Timeout(60)
class RadioDishUdpInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

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
    void shouldDeliverAPythonSendersDatagramsOfTheJoinedGroupToAWeftDish() throws Exception {
        DishSocket dish = new DishSocket(ctx).join("sensors/temp");
        String endpoint = dish.bind("udp://127.0.0.1:*");
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);

        String out =
                python(
                        String.join(
                                "\n",
                                "import socket, sys",
                                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                                "def radio(group, body):",
                                "    g = group.encode()",
                                "    s.sendto(bytes([len(g)]) + g + body, ('127.0.0.1', "
                                        + port
                                        + "))",
                                "radio('sensors/hum', b'40')",
                                "radio('sensors/temp', b'21.5')",
                                "radio('sensors/temperature', b'near miss')",
                                "radio('sensors/temp', b'')",
                                "print('sent')"));

        assertThat(out).isEqualTo("sent\n");
        try (Message m = dish.receive(WAIT)) {
            assertThat(m.group()).isEqualTo("sensors/temp");
            assertThat(m.strings()).containsExactly("21.5");
        }
        try (Message m = dish.receive(WAIT)) {
            assertThat(m.group()).isEqualTo("sensors/temp");
            assertThat(m.frame(0).size()).isZero();
        }
        try (Message m = dish.receive(Duration.ofMillis(200))) {
            assertThat(m).isNull();
        }
    }

    @Test
    void shouldSendDatagramsAPythonReceiverParsesAsLibzmqDoes() throws Exception {
        RadioSocket radio = new RadioSocket(ctx);
        Process python =
                new ProcessBuilder(
                                LibzmqPeer.PYTHON,
                                "-c",
                                String.join(
                                        "\n",
                                        "import socket, sys",
                                        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                                        "s.bind(('127.0.0.1', 0))",
                                        "s.settimeout(10)",
                                        "print(s.getsockname()[1], flush=True)",
                                        "for _ in range(2):",
                                        "    d = s.recv(65536)",
                                        "    n = d[0]",
                                        "    print(d[1:1 + n].decode(), d[1 + n:].hex(),"
                                                + " flush=True)"))
                        .redirectErrorStream(true)
                        .start();
        try {
            BufferedReader lines =
                    new BufferedReader(
                            new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            String port = lines.readLine();
            radio.connect("udp://127.0.0.1:" + port);
            radio.send("weather", "sunny");
            radio.send("é", new byte[] {0, 1, (byte) 0xff});

            assertThat(List.of(lines.readLine(), lines.readLine()))
                    .containsExactly("weather " + hex("sunny"), "é 0001ff");
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).isZero();
        } finally {
            python.destroyForcibly();
        }
    }

    private static String python(String script) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(LibzmqPeer.PYTHON, "-c", script)
                        .redirectErrorStream(true)
                        .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
