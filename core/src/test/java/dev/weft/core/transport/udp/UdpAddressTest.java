package dev.weft.core.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.InvalidEndpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code udp://} endpoint forms libzmq accepts ({@code zmq_udp(7)}), and the errors. */
class UdpAddressTest {

    @ParameterizedTest(name = "bind {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "udp://*:5555|           |*|5555",
                "udp://127.0.0.1:5555|   |127.0.0.1|5555",
                "udp://lo:5555|          |lo|5555",
                "udp://239.0.0.1:5555|   |239.0.0.1|5555",
                "udp://eth0;239.0.0.1:5555|eth0|239.0.0.1|5555",
                "udp://192.168.1.1;239.0.0.1:5555|192.168.1.1|239.0.0.1|5555",
                "udp://*;239.0.0.1:5555| *|239.0.0.1|5555",
                "udp://eth0;[ff02::1]:5555|eth0|ff02::1|5555",
                "udp://[ff02::1]:5555|   |ff02::1|5555",
                "udp://[::1]:5555|       |::1|5555",
                "udp://127.0.0.1:*|      |127.0.0.1|0",
                "udp://127.0.0.1:0|      |127.0.0.1|0",
                "UDP://localhost:65535|  |localhost|65535",
            })
    void shouldParseEveryBindFormOfLibzmq(String text, String source, String host, int port) {
        UdpAddress a = UdpAddress.parse(text, true);

        assertThat(a.source()).isEqualTo(source);
        assertThat(a.host()).isEqualTo(host);
        assertThat(a.port()).isEqualTo(port);
        assertThat(a.text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "connect {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "udp://192.168.1.1:5555|     |192.168.1.1|5555",
                "udp://239.0.0.1:5555|       |239.0.0.1|5555",
                "udp://wlan0;239.0.0.1:5555|wlan0|239.0.0.1|5555",
                "udp://[ff02::1]:5555|       |ff02::1|5555",
                "udp://localhost:5555|       |localhost|5555",
            })
    void shouldParseEveryConnectFormOfLibzmq(String text, String source, String host, int port) {
        UdpAddress a = UdpAddress.parse(text, false);

        assertThat(a.source()).isEqualTo(source);
        assertThat(a.host()).isEqualTo(host);
        assertThat(a.port()).isEqualTo(port);
    }

    @Test
    void shouldReportTheBoundPortInTheEndpointAsGiven() {
        assertThat(UdpAddress.parse("udp://127.0.0.1:*", true).withPort(40111))
                .isEqualTo("udp://127.0.0.1:40111");
        assertThat(UdpAddress.parse("udp://lo;239.0.0.1:5555", true).withPort(5555))
                .isEqualTo("udp://lo;239.0.0.1:5555");
        assertThat(UdpAddress.parse("udp://eth0;[ff02::1]:0", true).withPort(7))
                .isEqualTo("udp://eth0;[ff02::1]:7");
    }

    @ParameterizedTest(name = "bind {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "tcp://127.0.0.1:5555|not a udp endpoint",
                "udp://127.0.0.1|missing port",
                "udp://:5555|missing host",
                "udp://127.0.0.1:x|port 'x' is not a number (expected: 0..65535 or *)",
                "udp://127.0.0.1:|port '' is not a number",
                "udp://127.0.0.1:65536|port 65536 (expected: 0..65535 or *)",
                "udp://127.0.0.1:-1|port '-1' is not a number",
                "udp://[::1:5555|unbalanced brackets",
                "udp://[abc.def]:5555|is not an IPv6 address",
                "udp://;239.0.0.1:5555|empty interface before ';'",
                "udp://eth0;127.0.0.1:5555|needs a multicast group after it",
                "udp://eth0;localhost:5555|needs a multicast group after it",
                "udp://239.0.0.2;239.0.0.1:5555|is a multicast address",
                "udp://192.168.1.1;[ff02::1]:5555|an IPv6 group is joined by interface",
                "udp://[fe80::1];239.0.0.1:5555|different IP versions",
            })
    void shouldRefuseMalformedBindEndpointsSayingWhatIsAllowed(String text, String message) {
        assertThatThrownBy(() -> UdpAddress.parse(text, true))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageStartingWith("bind '" + text + "': ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "connect {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "udp://*:5555|a RADIO connects to a concrete host",
                "udp://127.0.0.1:*|a RADIO connects to a concrete port",
                "udp://127.0.0.1:0|port 0 (expected: 1..65535)",
                "udp://lo;127.0.0.1:5555|needs a multicast group after it",
            })
    void shouldRefuseMalformedConnectEndpoints(String text, String message) {
        assertThatThrownBy(() -> UdpAddress.parse(text, false))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageStartingWith("connect '" + text + "': ")
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseNull() {
        assertThatThrownBy(() -> UdpAddress.parse(null, true))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("udp://host:port");
    }

    @Test
    void shouldTellLiteralsWithoutALookup() {
        assertThat(UdpAddress.parse("udp://239.0.0.1:1", true).hostLiteral().isMulticastAddress())
                .isTrue();
        assertThat(UdpAddress.parse("udp://localhost:1", true).hostLiteral()).isNull();
        assertThat(UdpAddress.parse("udp://*:1", true).isWildcardHost()).isTrue();
    }
}
