package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.bench.harness.JavaPeerLauncher;
import dev.weft.bench.harness.Profile;
import dev.weft.bench.harness.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {
    @Test
    void shouldDefaultToTheFullProfileAndEveryLibrary() {
        CompareOptions o = CompareOptions.parse(List.of());
        assertThat(o.profile()).isEqualTo(Profile.FULL);
        assertThat(o.rounds()).isEqualTo(Profile.FULL.rounds()).isGreaterThanOrEqualTo(3);
        assertThat(o.libraries()).containsExactlyInAnyOrder(Library.values());
        assertThat(o.outputDir()).isEqualTo(Path.of("bench", "target", "results"));
        assertThat(o.peerJvmFlags()).isEqualTo(JavaPeerLauncher.DEFAULT_JVM_FLAGS);
        assertThat(o.idleConnections()).isEqualTo(10_000);
    }

    @Test
    void shouldTakeTheIdleConnectionsFromTheProfileUnlessGiven() {
        assertThat(CompareOptions.parse(List.of("--quick")).idleConnections()).isEqualTo(500);
        assertThat(
                        CompareOptions.parse(List.of("--quick", "--connections", "64"))
                                .idleConnections())
                .isEqualTo(64);
        assertThat(CompareOptions.parse(List.of("--only", "idle")).scenarios())
                .extracting(Scenario::id)
                .containsExactly("idle-dealer_router");
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--connections", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connections: 0 (expected: >= 1)");
    }

    @Test
    void shouldParseEveryOption() {
        CompareOptions o =
                CompareOptions.parse(
                        List.of(
                                "--quick",
                                "--rounds",
                                "4",
                                "--out",
                                "x/y",
                                "--libraries",
                                "weft, jeromq",
                                "--peer-jvm-args",
                                "-Xmx256m -Dk=v"));
        assertThat(o.profile()).isEqualTo(Profile.QUICK);
        assertThat(o.rounds()).isEqualTo(4);
        assertThat(o.outputDir()).isEqualTo(Path.of("x/y"));
        assertThat(o.libraries()).containsExactlyInAnyOrder(Library.WEFT, Library.JEROMQ);
        assertThat(o.peerJvmFlags()).containsExactly("-Xmx256m", "-Dk=v");
    }

    @Test
    void shouldRunOnlyTheScenariosWhoseIdContainsAnOnlyFragment() {
        CompareOptions fanOut = CompareOptions.parse(List.of("--only", "fan-"));
        assertThat(fanOut.scenarios())
                .extracting(Scenario::id)
                .containsExactly("fan-lossless-pub_sub-64", "fan-hwm-pub_sub-64");
        CompareOptions two =
                CompareOptions.parse(List.of("--quick", "--only", "thr-push_pull-16,lat-raw"));
        assertThat(two.scenarios())
                .extracting(Scenario::id)
                .containsExactly("thr-push_pull-16", "lat-raw_tcp-16");
        assertThat(CompareOptions.parse(List.of()).scenarios()).hasSizeGreaterThan(10);
    }

    @Test
    void shouldRefuseAnOnlyThatSelectsNothing() {
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--quick", "--only", "fan-")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selects no scenario of the quick profile")
                .hasMessageContaining("thr-push_pull-16");
    }

    @Test
    void shouldRefuseUnknownArgumentsAndMissingValues() {
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--fast");
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--rounds")))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--rounds", "0")))
                .hasMessageContaining("rounds: 0");
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--libraries", "zmqpp")))
                .hasMessageContaining("zmqpp");
    }
}
