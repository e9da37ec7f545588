package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void shouldTakeTheMiddleValueAsMedianOfAnOddCount() {
        assertThat(Stats.median(new double[] {9, 1, 5})).isEqualTo(5);
    }

    @Test
    void shouldAverageTheTwoMiddleValuesAsMedianOfAnEvenCount() {
        assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void shouldNotReorderTheCallersValues() {
        double[] v = {3, 1, 2};
        Stats.median(v);
        assertThat(v).containsExactly(3, 1, 2);
    }

    @Test
    void shouldReportMinAndMax() {
        double[] v = {3, -1, 7};
        assertThat(Stats.min(v)).isEqualTo(-1);
        assertThat(Stats.max(v)).isEqualTo(7);
    }

    @Test
    void shouldUseNearestRankPercentiles() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Stats.percentile(oneToHundred, 50)).isEqualTo(50);
        assertThat(Stats.percentile(oneToHundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(oneToHundred, 99.9)).isEqualTo(100);
        assertThat(Stats.percentile(oneToHundred, 100)).isEqualTo(100);
        assertThat(Stats.percentile(oneToHundred, 0.5)).isEqualTo(1);
    }

    @Test
    void shouldPickTheTailSampleForP999OfAThousandSamples() {
        long[] samples = LongStream.rangeClosed(1, 1000).toArray();
        assertThat(Stats.percentile(samples, 99.9)).isEqualTo(999);
        assertThat(Stats.percentile(samples, 99)).isEqualTo(990);
    }

    @Test
    void shouldReturnTheOnlySampleForAnyPercentile() {
        assertThat(Stats.percentile(new long[] {42}, 50)).isEqualTo(42);
        assertThat(Stats.percentile(new long[] {42}, 99.9)).isEqualTo(42);
    }

    @Test
    void shouldRefuseEmptyInputAndOutOfRangePercentiles() {
        assertThatThrownBy(() -> Stats.median(new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Stats.percentile(new long[0], 50))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 < p <= 100");
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 100.1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
