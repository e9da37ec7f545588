package dev.weft.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LogLimiterTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final RecordingLogger logger = new RecordingLogger();
    private long nowNs = 1_000_000_000L;
    private final LogLimiter limiter =
            new LogLimiter(logger, "tcp://127.0.0.1:5555", 3, INTERVAL, () -> nowNs);

    @Test
    void shouldLogTheFirstLinesOfARuleThenCountTheRest() {
        for (int i = 0; i < 10; i++) {
            limiter.log(System.Logger.Level.WARNING, "BAD_SIGNATURE", "line {0}", i);
            nowNs += 1_000_000;
        }

        assertThat(logger.lines).containsExactly("line 0", "line 1", "line 2");
    }

    @Test
    void shouldWriteOneSummaryPerIntervalWhileAFloodLasts() {
        // 60 s of one line every 10 ms: 6,000 lines.
        for (int i = 0; i < 6_000; i++) {
            limiter.log(System.Logger.Level.WARNING, "BAD_SIGNATURE", "line {0}", i);
            nowNs += 10_000_000;
        }

        List<String> summaries = logger.linesContaining("not logged");
        assertThat(logger.lines).hasSize(3 + summaries.size());
        assertThat(summaries).hasSize(5);
        assertThat(summaries.get(0))
                .isEqualTo(
                        "weft: 1000 more BAD_SIGNATURE lines on tcp://127.0.0.1:5555 not logged"
                                + " in the last 10 s");
        long counted = summaries.stream().mapToLong(LogLimiterTest::count).sum();
        // Every line is either logged or counted, the last few still pending.
        assertThat(3 + counted).isLessThanOrEqualTo(6_000).isGreaterThan(6_000 - 1_000);
    }

    @Test
    void shouldLimitEachRuleOnItsOwn() {
        for (int i = 0; i < 10; i++) {
            limiter.log(System.Logger.Level.WARNING, "BAD_SIGNATURE", "signature {0}", i);
            limiter.log(System.Logger.Level.INFO, "PEER_REJECTED", "rejected {0}", i);
        }

        assertThat(logger.lines)
                .containsExactly(
                        "signature 0",
                        "rejected 0",
                        "signature 1",
                        "rejected 1",
                        "signature 2",
                        "rejected 2");
    }

    @Test
    void shouldReportThePendingCountAndStartAfreshAfterAQuietInterval() {
        for (int i = 0; i < 5; i++) {
            limiter.log(System.Logger.Level.WARNING, "BAD_SIGNATURE", "early {0}", i);
        }
        nowNs += INTERVAL.toNanos();

        assertThat(limiter.log(System.Logger.Level.WARNING, "BAD_SIGNATURE", "late")).isTrue();
        assertThat(logger.lines)
                .containsExactly(
                        "early 0",
                        "early 1",
                        "early 2",
                        "weft: 2 more BAD_SIGNATURE lines on tcp://127.0.0.1:5555 not logged in"
                                + " the last 10 s",
                        "late");
        assertThat(logger.levels.get(3)).isEqualTo(System.Logger.Level.WARNING);
    }

    @Test
    void shouldFlushPendingCountsOnDemandAndOnlyOnce() {
        for (int i = 0; i < 4; i++) {
            limiter.log(System.Logger.Level.INFO, "PEER_REJECTED", "rejected {0}", i);
        }
        nowNs += 2_000_000_000L;

        limiter.flush();
        limiter.flush();

        assertThat(logger.lines)
                .containsExactly(
                        "rejected 0",
                        "rejected 1",
                        "rejected 2",
                        "weft: 1 more PEER_REJECTED lines on tcp://127.0.0.1:5555 not logged in"
                                + " the last 2 s");
    }

    @Test
    void shouldReturnWhetherTheLineWasLogged() {
        assertThat(limiter.log(System.Logger.Level.WARNING, "R", "a")).isTrue();
        assertThat(limiter.log(System.Logger.Level.WARNING, "R", "b")).isTrue();
        assertThat(limiter.log(System.Logger.Level.WARNING, "R", "c")).isTrue();
        assertThat(limiter.log(System.Logger.Level.WARNING, "R", "d")).isFalse();
    }

    @Test
    void shouldRejectALimitOrIntervalThatCannotWork() {
        assertThatThrownBy(() -> new LogLimiter(logger, "x", 0, INTERVAL, () -> 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linesPerRule: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new LogLimiter(logger, "x", 1, Duration.ZERO, () -> 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval: PT0S (expected: a duration > 0)");
    }

    private static long count(String summary) {
        String n = summary.substring("weft: ".length(), summary.indexOf(" more"));
        return Long.parseLong(n);
    }

    /** A System.Logger that keeps every line it is given, formatted. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();

        List<String> linesContaining(String text) {
            return lines.stream().filter(l -> l.contains(text)).toList();
        }

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            levels.add(level);
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            levels.add(level);
            lines.add(
                    params == null || params.length == 0
                            ? format
                            : MessageFormat.format(format, params));
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            log(level, null, msgSupplier.get(), (Throwable) null);
        }
    }
}
