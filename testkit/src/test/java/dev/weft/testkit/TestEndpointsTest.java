package dev.weft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestEndpointsTest {
    @Test
    void shouldOfferAnEphemeralLoopbackEndpoint() {
        assertThat(TestEndpoints.tcp()).isEqualTo("tcp://127.0.0.1:*");
    }

    @Test
    void shouldParseConcreteEndpoints() {
        assertThat(TestEndpoints.port("tcp://127.0.0.1:40111")).isEqualTo(40111);
        assertThat(TestEndpoints.address("tcp://[::1]:5555"))
                .isEqualTo(InetSocketAddress.createUnresolved("::1", 5555));
        assertThat(TestEndpoints.address("tcp://localhost:1").getHostString())
                .isEqualTo("localhost");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tcp://127.0.0.1:*",
                "tcp://127.0.0.1",
                "tcp://:5555",
                "tcp://127.0.0.1:0",
                "tcp://127.0.0.1:65536",
                "ipc:///tmp/x",
                "127.0.0.1:5555",
                "tcp://[]:5555"
            })
    void shouldRejectWhatIsNotAConcreteTcpEndpoint(String endpoint) {
        assertThatThrownBy(() -> TestEndpoints.port(endpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint: " + endpoint)
                .hasMessageContaining("expected: tcp://host:port");
    }

    @Test
    void shouldRejectNull() {
        assertThatThrownBy(() -> TestEndpoints.address(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint: null");
    }
}
