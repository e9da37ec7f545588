package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.harness.Metric;
import org.junit.jupiter.api.Test;

class NumberFormatTest {
    @Test
    void shouldScaleMessageRatesByTheMedian() {
        assertThat(
                        NumberFormat.withRange(
                                2_410_000, 2_300_000, 2_500_000, Metric.MESSAGES_PER_SECOND))
                .isEqualTo("2.41 M (2.30–2.50)");
        assertThat(NumberFormat.withRange(18_200, 17_000, 19_000, Metric.MESSAGES_PER_SECOND))
                .isEqualTo("18.2 k (17.0–19.0)");
    }

    @Test
    void shouldShowOnlyTheMedianWhenAllRoundsAgree() {
        assertThat(NumberFormat.withRange(54.2, 54.2, 54.2, Metric.P50_MICROS)).isEqualTo("54.2");
    }

    @Test
    void shouldKeepAboutThreeSignificantDigits() {
        assertThat(NumberFormat.value(1234.5, Metric.MEGABYTES_PER_SECOND)).isEqualTo("1235");
        assertThat(NumberFormat.value(3.14159, Metric.P99_MICROS)).isEqualTo("3.14");
    }

    @Test
    void shouldKeepThreeSignificantDigitsBelowOne() {
        assertThat(NumberFormat.value(0.0026, Metric.SENDER_WRITE_SYSCALLS)).isEqualTo("0.00260");
        assertThat(NumberFormat.value(0.023, Metric.SENDER_WRITE_SYSCALLS)).isEqualTo("0.0230");
        assertThat(NumberFormat.value(0.5, Metric.RECEIVER_CONTEXT_SWITCHES)).isEqualTo("0.500");
        assertThat(NumberFormat.value(0, Metric.RECEIVER_WRITE_SYSCALLS)).isEqualTo("0.00");
        assertThat(NumberFormat.withRange(0.0042, 0.0039, 0.0051, Metric.SENDER_CONTEXT_SWITCHES))
                .isEqualTo("0.00420 (0.00390–0.00510)");
    }

    @Test
    void shouldFormatRatios() {
        assertThat(NumberFormat.ratio(1.234)).isEqualTo("1.23×");
        assertThat(NumberFormat.ratio(12.34)).isEqualTo("12.3×");
        assertThat(NumberFormat.ratio(0.0123)).isEqualTo("0.012×");
    }
}
