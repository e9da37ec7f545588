package dev.weft.bench.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodOptionsTest {
    @Test
    void shouldParseEveryOptionAndDefaultTheRest() {
        FloodOptions o =
                FloodOptions.parse(
                        List.of(
                                "--endpoint", "tcp://127.0.0.1:5559",
                                "--duration", "10m",
                                "--count", "1000",
                                "--heap-pid", "42",
                                "--interval", "PT5S"));

        assertThat(o.target().getPort()).isEqualTo(5559);
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.count()).isEqualTo(1000);
        assertThat(o.threads()).isEqualTo(2);
        assertThat(o.intactShare()).isEqualTo(0.5);
        assertThat(o.bodySize()).isEqualTo(48);
        assertThat(o.heapPid()).isEqualTo(42);
        assertThat(o.sampleInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldFloodLoopbackOnly() {
        assertThatThrownBy(() -> FloodOptions.parse(List.of("--endpoint", "tcp://10.1.2.3:5559")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a loopback address");
        assertThat(FloodOptions.parse(List.of("--endpoint", "tcp://[::1]:5559")).target().getPort())
                .isEqualTo(5559);
    }

    @Test
    void shouldNameTheBadArgument() {
        assertThatThrownBy(() -> FloodOptions.parse(List.of("--duration", "2m")))
                .hasMessage("flood: --endpoint is required");
        assertThatThrownBy(
                        () ->
                                FloodOptions.parse(
                                        List.of("--endpoint", "tcp://127.0.0.1:1", "--count", "x")))
                .hasMessage("flood: --count 'x' (expected: a number)");
        assertThatThrownBy(
                        () ->
                                FloodOptions.parse(
                                        List.of(
                                                "--endpoint",
                                                "tcp://127.0.0.1:1",
                                                "--duration",
                                                "soon")))
                .hasMessage("flood: duration 'soon' (expected: e.g. 90s, 10m or PT10M)");
        assertThatThrownBy(() -> FloodOptions.parse(List.of("--endpoint")))
                .hasMessage("flood: --endpoint needs a value");
        assertThatThrownBy(
                        () ->
                                FloodOptions.parse(
                                        List.of(
                                                "--endpoint",
                                                "tcp://127.0.0.1:1",
                                                "--intact",
                                                "2")))
                .hasMessage("flood: --intact 2.0 (expected: 0..1)");
    }
}
