package dev.weft.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerArgsTest {
    private final PeerArgs args =
            new PeerArgs(
                    Library.JEROMQ,
                    Pattern.DEALER_ROUTER,
                    PeerRole.THROUGHPUT_RECEIVER,
                    "tcp://127.0.0.1:*",
                    16,
                    1000,
                    5000,
                    500,
                    10_000);

    @Test
    void shouldParseWhatItRenders() {
        assertThat(PeerArgs.parse(args.toArgs())).isEqualTo(args);
    }

    @Test
    void shouldCarryTheIdleConnectionsBothWays() {
        PeerArgs idle =
                new PeerArgs(
                        Library.WEFT,
                        Pattern.DEALER_ROUTER,
                        PeerRole.IDLE_ACCEPT,
                        "tcp://127.0.0.1:*",
                        4,
                        0,
                        10,
                        60_000,
                        10_000,
                        500);
        assertThat(PeerArgs.parse(idle.toArgs())).isEqualTo(idle);
        assertThat(idle.withRole(PeerRole.IDLE_CONNECT, "tcp://127.0.0.1:4000").connections())
                .isEqualTo(500);
        assertThat(args.connections()).isZero();
        assertThatThrownBy(
                        () ->
                                new PeerArgs(
                                        Library.WEFT,
                                        Pattern.DEALER_ROUTER,
                                        PeerRole.IDLE_ACCEPT,
                                        "x",
                                        4,
                                        0,
                                        10,
                                        1,
                                        1,
                                        -1))
                .hasMessageContaining("connections: -1 (expected: >= 0)");
        assertThat(PeerRole.fromCliName("idle-connect")).isEqualTo(PeerRole.IDLE_CONNECT);
    }

    @Test
    void shouldKeepEverythingButRoleAndEndpointForTheOtherSide() {
        PeerArgs sender = args.withRole(PeerRole.THROUGHPUT_SENDER, "tcp://127.0.0.1:4000");
        assertThat(sender.role()).isEqualTo(PeerRole.THROUGHPUT_SENDER);
        assertThat(sender.endpoint()).isEqualTo("tcp://127.0.0.1:4000");
        assertThat(sender.sizeBytes()).isEqualTo(16);
        assertThat(sender.warmupMessages()).isEqualTo(1000);
    }

    @Test
    void shouldRefuseUnknownAndMissingArguments() {
        List<String> extra = new ArrayList<>(args.toArgs());
        extra.addAll(List.of("--colour", "blue"));
        assertThatThrownBy(() -> PeerArgs.parse(extra))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour");
        List<String> missing = new ArrayList<>(args.toArgs().subList(2, args.toArgs().size()));
        assertThatThrownBy(() -> PeerArgs.parse(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--library is missing");
    }

    @Test
    void shouldRefuseSizesAndCountsThatCannotBeTimed() {
        assertThatThrownBy(
                        () ->
                                new PeerArgs(
                                        Library.WEFT,
                                        Pattern.PAIR,
                                        PeerRole.LATENCY_ECHO,
                                        "x",
                                        0,
                                        0,
                                        10,
                                        1,
                                        1))
                .hasMessageContaining("size: 0");
        assertThatThrownBy(
                        () ->
                                new PeerArgs(
                                        Library.WEFT,
                                        Pattern.PAIR,
                                        PeerRole.LATENCY_ECHO,
                                        "x",
                                        1,
                                        0,
                                        1,
                                        1,
                                        1))
                .hasMessageContaining("max-count: 1");
    }
}
