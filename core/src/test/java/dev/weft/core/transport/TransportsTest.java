package dev.weft.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.transport.tcp.TcpTransport;
import org.junit.jupiter.api.Test;

/** Picking a transport by an endpoint's scheme, and the errors when there is none. */
class TransportsTest {
    private final TcpTransport tcp = new TcpTransport();
    private final Transports transports = new Transports(tcp);

    @Test
    void shouldPickTheTransportOfTheScheme() {
        assertThat(transports.forEndpoint("tcp://127.0.0.1:5555")).isSameAs(tcp);
        assertThat(transports.forEndpoint("TCP://127.0.0.1:5555")).isSameAs(tcp);
    }

    @Test
    void shouldExplainAnUnknownScheme() {
        assertThatThrownBy(() -> transports.forEndpoint("sctp://host:1"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage(
                        "endpoint 'sctp://host:1': transport 'sctp' is not available in this"
                                + " version of Weft (available: tcp)");
    }

    @Test
    void shouldExplainAMissingScheme() {
        assertThatThrownBy(() -> transports.forEndpoint("127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage(
                        "endpoint '127.0.0.1:5555': missing scheme (expected: scheme://address"
                                + " with a scheme of tcp)");
        assertThatThrownBy(() -> transports.forEndpoint("://x:1"))
                .hasMessageContaining("missing scheme");
        assertThatThrownBy(() -> transports.forEndpoint(null))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("endpoint: null");
    }

    @Test
    void shouldRefuseTwoTransportsForOneScheme() {
        assertThatThrownBy(() -> new Transports(tcp, new TcpTransport()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tcp'");
    }
}
