package dev.weft.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every micro-benchmark once, briefly, in this JVM (under the PARANOID leak detector), so they
 * keep compiling, running and releasing their buffers. Measures nothing.
 */
@Timeout(120)
class MicroBenchmarksSmokeTest {
    @Test
    void shouldRunEveryBenchmarkWithoutLeaking() throws Exception {
        OptionsBuilder o = new OptionsBuilder();
        for (Class<?> c : MicroBenchmarks.ALL) {
            o.include(c.getName() + "\\.");
        }
        o.forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .param("size", "16", "32")
                .param("peers", "16")
                .verbosity(VerboseMode.SILENT);
        // A smoke run measures nothing, so a JMH run elsewhere on the machine (which holds JMH's
        // machine-wide lock file) must not fail it.
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results = new Runner(o.build()).run();
        assertThat(results)
                .extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.micro\\.", ""))
                .contains(
                        "FrameCodecBenchmark.decode",
                        "FrameCodecBenchmark.encode",
                        "PipeQueueBenchmark.single",
                        "PipeQueueBenchmark.spsc",
                        "RoutingTableBenchmark.lookup",
                        "SocketPathBenchmark.weftByteBuf",
                        "SocketPathBenchmark.jeromqByteArray");
        assertThat(results)
                .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
