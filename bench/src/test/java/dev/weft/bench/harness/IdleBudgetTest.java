package dev.weft.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.bench.Library;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleBudgetTest {
    @Test
    void shouldProbeOnlyWhenTheRequestMightNotFit() {
        assertThat(IdleBudget.needsProbe(500, 20_000)).isFalse();
        assertThat(IdleBudget.needsProbe(10_000, 20_000)).isTrue();
        assertThat(IdleBudget.needsProbe(10_000, 1_048_576)).isFalse();
    }

    @Test
    void shouldKeepWhatFitsForEveryLibrary() {
        IdleBudget b =
                IdleBudget.fit(1_000, 20_000, Map.of(Library.WEFT, 1.0, Library.LIBZMQ, 2.0));
        assertThat(b.connections()).isEqualTo(1_000);
        assertThat(b.note()).isEmpty();
    }

    @Test
    void shouldCutToWhatTheHungriestLibraryCanHoldAndSaySo() {
        IdleBudget b =
                IdleBudget.fit(
                        10_000,
                        20_000,
                        Map.of(Library.WEFT, 1.0, Library.JEROMQ, 5.0, Library.LIBZMQ, 2.0));
        // (20,000 - 512 spare) / 5 descriptors per connection.
        assertThat(b.connections()).isEqualTo(3_897);
        assertThat(b.requested()).isEqualTo(10_000);
        assertThat(b.note())
                .isEqualTo(
                        "3,897 of the 10,000 connections asked for: the open-file limit of"
                                + " 20,000 holds 3,897 with JeroMQ's 5.0 descriptors per"
                                + " connection (and 512 spare)");
    }

    @Test
    void shouldRefuseALimitThatHoldsNothing() {
        assertThatThrownBy(() -> IdleBudget.fit(10, 400, Map.of(Library.WEFT, 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open-file limit: 400");
    }
}
