package dev.weft.core.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.WeftException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing endpoint strings, and the error messages for bad ones. */
class TcpAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcp://127.0.0.1:5555, 127.0.0.1, 5555",
        "tcp://*:5555, *, 5555",
        "tcp://127.0.0.1:*, 127.0.0.1, 0",
        "tcp://127.0.0.1:0, 127.0.0.1, 0",
        "tcp://[::1]:5555, ::1, 5555",
        "tcp://[fe80::1%lo]:1, fe80::1%lo, 1",
        "tcp://localhost:65535, localhost, 65535",
        "tcp://example.org:80, example.org, 80",
        "TCP://Host:1, Host, 1"
    })
    void shouldParse(String text, String host, int port) {
        TcpAddress e = TcpAddress.parse(text);

        assertThat(e).isEqualTo(new TcpAddress("tcp", host, port));
    }

    @Test
    void shouldPrintInTheFormItParses() {
        assertThat(TcpAddress.parse("tcp://[::1]:5555")).hasToString("tcp://[::1]:5555");
        assertThat(TcpAddress.parse("tcp://127.0.0.1:*")).hasToString("tcp://127.0.0.1:*");
        assertThat(TcpAddress.parse("tcp://*:7")).hasToString("tcp://*:7");
        assertThat(TcpAddress.parse(TcpAddress.parse("tcp://[::1]:9").toString()))
                .isEqualTo(TcpAddress.parse("tcp://[::1]:9"));
    }

    @Test
    void shouldResolveBindAndConnectAddresses() {
        assertThat(TcpAddress.parse("tcp://*:5555").isWildcardHost()).isTrue();
        assertThat(TcpAddress.parse("tcp://*:5555").bindAddress().getAddress().isAnyLocalAddress())
                .isTrue();
        InetSocketAddress loopback = TcpAddress.parse("tcp://127.0.0.1:5555").connectAddress();
        assertThat(loopback.getPort()).isEqualTo(5555);
        assertThat(loopback.getAddress().isLoopbackAddress()).isTrue();
        assertThat(TcpAddress.of(loopback)).isEqualTo(new TcpAddress("tcp", "127.0.0.1", 5555));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcp://127.0.0.1:1, true",
        "tcp://10.0.0.255:1, true",
        "tcp://[::1]:1, true",
        "tcp://[fe80::1%lo]:1, true",
        "tcp://[::ffff:10.0.0.1]:1, true",
        "tcp://localhost:1, false",
        "tcp://broker.example:1, false",
        "tcp://999.1.1.1:1, false",
        "tcp://1.2.3:1, false",
        "tcp://cafe:1, false"
    })
    void shouldTellIpLiteralsFromHostNames(String text, boolean literal) {
        assertThat(TcpAddress.parse(text).hasLiteralHost()).isEqualTo(literal);
    }

    @Test
    void shouldBuildTheConnectAddressFromAResolvedHost() {
        InetSocketAddress a =
                TcpAddress.parse("tcp://broker.example:7")
                        .connectAddress(java.net.InetAddress.getLoopbackAddress());
        assertThat(a.getPort()).isEqualTo(7);
        assertThat(a.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void shouldRefuseToConnectToAWildcard() {
        assertThatThrownBy(() -> TcpAddress.parse("tcp://*:5555").connectAddress())
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("connect needs a concrete host and port");
        assertThatThrownBy(() -> TcpAddress.parse("tcp://127.0.0.1:*").connectAddress())
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("connect needs a concrete host and port");
    }

    @Test
    void shouldExplainAMissingScheme() {
        assertThatThrownBy(() -> TcpAddress.parse("127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage(
                        "endpoint '127.0.0.1:5555': missing scheme (expected: tcp://host:port)");
        assertThatThrownBy(() -> TcpAddress.parse("://x:1"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("missing scheme");
        assertThatThrownBy(() -> TcpAddress.parse(null))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("endpoint: null");
    }

    @Test
    void shouldRefuseAnotherScheme() {
        assertThatThrownBy(() -> TcpAddress.parse("ipc:///tmp/feed"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage(
                        "endpoint 'ipc:///tmp/feed': not a tcp endpoint (expected:"
                                + " tcp://host:port)");
    }

    @Test
    void shouldExplainAMissingPort() {
        assertThatThrownBy(() -> TcpAddress.parse("tcp://localhost"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage("endpoint 'tcp://localhost': missing port (expected: tcp://host:port)");
        assertThatThrownBy(() -> TcpAddress.parse("tcp://localhost:"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("port ''");
    }

    @Test
    void shouldExplainAMissingHost() {
        assertThatThrownBy(() -> TcpAddress.parse("tcp://:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("missing host");
    }

    @Test
    void shouldExplainAPortOutOfRange() {
        assertThatThrownBy(() -> TcpAddress.parse("tcp://127.0.0.1:70000"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage(
                        "endpoint 'tcp://127.0.0.1:70000': port 70000 (expected: 0..65535 or *)");
        assertThatThrownBy(() -> TcpAddress.parse("tcp://127.0.0.1:-1"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("port -1 (expected: 0..65535 or *)");
    }

    @Test
    void shouldExplainANonNumericPort() {
        assertThatThrownBy(() -> TcpAddress.parse("tcp://127.0.0.1:http"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage(
                        "endpoint 'tcp://127.0.0.1:http': port 'http' is not a number"
                                + " (expected: 0..65535 or *)");
        assertThatThrownBy(() -> TcpAddress.parse("tcp://127.0.0.1:99999999999"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("is not a number");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tcp://[::1:5555", "tcp://[::1]", "tcp://[::1]5555", "tcp://[::1]:"})
    void shouldExplainABadIpv6Form(String text) {
        assertThatThrownBy(() -> TcpAddress.parse(text))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageStartingWith("endpoint '" + text + "': ")
                .satisfies(
                        e ->
                                assertThat(e.getMessage())
                                        .containsAnyOf(
                                                "bad IPv6 form (expected: tcp://[::1]:port)",
                                                "is not a number"));
    }

    @Test
    void shouldExplainAnEmptyIpv6Host() {
        assertThatThrownBy(() -> TcpAddress.parse("tcp://[]:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("missing host");
    }

    @Test
    void shouldBeAWeftException() {
        assertThatThrownBy(() -> TcpAddress.parse("udp://x:1")).isInstanceOf(WeftException.class);
    }

    @Test
    void shouldParseTheInheritedFormForBindOnly() {
        TcpAddress e = TcpAddress.parse("tcp://inherited");

        assertThat(e.isInherited()).isTrue();
        assertThat(e).hasToString("tcp://inherited");
        assertThat(TcpAddress.parse("tcp://inherited:5555").isInherited()).isFalse();
        assertThatThrownBy(e::connectAddress).hasMessageContaining("connect needs a concrete host");
    }
}
