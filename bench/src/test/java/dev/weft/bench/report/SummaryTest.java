package dev.weft.bench.report;

import static dev.weft.bench.report.Runs.THR_16;
import static dev.weft.bench.report.Runs.failed;
import static dev.weft.bench.report.Runs.rate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.bench.Library;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.RunRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void shouldReportTheRatioOfMedians() {
        Summary s =
                Summary.of(
                        List.of(
                                rate(THR_16, Library.WEFT, 1, 3e6),
                                rate(THR_16, Library.JEROMQ, 1, 1e6),
                                rate(THR_16, Library.WEFT, 2, 1e6),
                                rate(THR_16, Library.JEROMQ, 2, 2e6),
                                rate(THR_16, Library.WEFT, 3, 2e6),
                                rate(THR_16, Library.JEROMQ, 3, 3e6)));
        Summary.Cell weft = s.cell(THR_16.id(), Library.WEFT);
        assertThat(weft.median(Metric.MESSAGES_PER_SECOND)).hasValue(2e6);
        assertThat(
                        Summary.ratio(
                                        weft,
                                        s.cell(THR_16.id(), Library.JEROMQ),
                                        Metric.MESSAGES_PER_SECOND)
                                .getAsDouble())
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldRefuseARatioWhenAnyRunOfEitherSideErrored() {
        List<RunRecord> runs =
                List.of(
                        rate(THR_16, Library.WEFT, 1, 3e6),
                        rate(THR_16, Library.JEROMQ, 1, 1e6),
                        failed(THR_16, Library.WEFT, 2),
                        rate(THR_16, Library.JEROMQ, 2, 1e6));
        Summary s = Summary.of(runs);
        Summary.Cell weft = s.cell(THR_16.id(), Library.WEFT);
        assertThat(weft.hasErrors()).isTrue();
        assertThat(weft.errorCount()).isEqualTo(1);
        assertThat(
                        Summary.ratio(
                                weft,
                                s.cell(THR_16.id(), Library.JEROMQ),
                                Metric.MESSAGES_PER_SECOND))
                .isEmpty();
        assertThat(
                        Summary.ratio(
                                s.cell(THR_16.id(), Library.JEROMQ),
                                weft,
                                Metric.MESSAGES_PER_SECOND))
                .isEmpty();
        assertThat(s.hasErrors()).isTrue();
    }

    @Test
    void shouldRefuseARatioAgainstALibraryThatDidNotRun() {
        Summary s = Summary.of(List.of(rate(THR_16, Library.WEFT, 1, 3e6)));
        assertThat(
                        Summary.ratio(
                                s.cell(THR_16.id(), Library.WEFT),
                                s.cell(THR_16.id(), Library.LIBZMQ),
                                Metric.MESSAGES_PER_SECOND))
                .isEmpty();
        assertThat(s.hasErrors()).isFalse();
    }

    @Test
    void shouldKeepNoMetricsForAFailedRun() {
        RunRecord r = failed(THR_16, Library.WEFT, 1);
        assertThat(r.isOk()).isFalse();
        assertThat(r.metrics()).isEmpty();
    }
}
