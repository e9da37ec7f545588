package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCountsTest {
    @Test
    void shouldCountGapsAfterTheFirstReadingAsLost() {
        GroupCounts counts = new GroupCounts();
        counts.count("a", "seq=5 value=1.00");
        counts.count("a", "seq=6 value=1.00");
        counts.count("a", "seq=9 value=1.00");
        counts.count("b", "seq=0 value=2.00");

        assertThat(counts.received()).isEqualTo(4);
        assertThat(counts.received("a")).isEqualTo(3);
        assertThat(counts.lost("a")).isEqualTo(2);
        assertThat(counts.lost("b")).isZero();
        assertThat(counts.summary(List.of("a", "b", "c")))
                .isEqualTo("a 3 (lost 2)  b 1 (lost 0)  c 0 (lost 0)");
    }

    @Test
    void shouldTakeALowerSequenceNumberForARestartedPublisherNotALoss() {
        GroupCounts counts = new GroupCounts();
        counts.count("a", "seq=100 value=1.00");
        counts.count("a", "seq=0 value=1.00");
        counts.count("a", "seq=1 value=1.00");

        assertThat(counts.lost("a")).isZero();
        assertThat(counts.received("a")).isEqualTo(3);
    }

    @Test
    void shouldCountBodiesThatAreNotReadingsApart() {
        GroupCounts counts = new GroupCounts();
        counts.count("a", "hello");
        counts.count("a", "seq=x value=1");

        assertThat(counts.received("a")).isEqualTo(2);
        assertThat(counts.summary(List.of())).isEqualTo("a 2 (lost 0)  not readings 2");
    }

    @Test
    void shouldReadBackTheBodyItWrites() {
        Reading r = new Reading(42, 21.375);

        assertThat(r.text()).isEqualTo("seq=42 value=21.38");
        assertThat(Reading.parse(r.text())).isEqualTo(new Reading(42, 21.38));
        assertThat(Reading.parse("seq=-1 value=2")).isNull();
    }
}
