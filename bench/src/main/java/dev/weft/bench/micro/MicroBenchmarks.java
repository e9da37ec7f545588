package dev.weft.bench.micro;

import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The list of micro-benchmarks and a runner for all of them with the GC profiler ({@code micro}
 * command). The hot paths measured:
 *
 * <ul>
 *   <li>ZMTP frame decode and encode: {@link FrameCodecBenchmark};
 *   <li>pipe enqueue/dequeue: {@link PipeQueueBenchmark};
 *   <li>ROUTER routing-table lookup: {@link RoutingTableBenchmark};
 *   <li>readable/writable edges and attach/detach with many pipes: {@link PipeActivationBenchmark};
 *   <li>the whole DEALER→ROUTER path, bytes allocated per message: {@link SocketPathBenchmark};
 *   <li>subscription-trie match: {@code SubscriptionTrieBenchmark}, added to {@link #ALL} with the
 *       trie (classic-patterns issue; PUB/SUB does not exist yet).
 * </ul>
 */
public final class MicroBenchmarks {
    /** Every benchmark class, in run order. */
    public static final List<Class<?>> ALL =
            List.of(
                    FrameCodecBenchmark.class,
                    PipeQueueBenchmark.class,
                    RoutingTableBenchmark.class,
                    PipeActivationBenchmark.class,
                    SubscriptionTrieBenchmark.class,
                    SocketPathBenchmark.class);

    private MicroBenchmarks() {}

    /**
     * Builds JMH options that run every benchmark with the GC profiler.
     *
     * @param quick true for one short fork (a check that all run), false for the classes' own
     *     iteration settings
     * @return the options builder, for callers to refine
     */
    public static ChainedOptionsBuilder options(boolean quick) {
        ChainedOptionsBuilder o = new OptionsBuilder().addProfiler(GCProfiler.class);
        for (Class<?> c : ALL) {
            o.include(c.getName() + "\\.");
        }
        if (quick) {
            o.warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(300));
        }
        return o;
    }

    /**
     * Runs every benchmark and prints JMH's summary.
     *
     * @param quick see {@link #options(boolean)}
     * @return the results
     * @throws RunnerException when JMH fails
     */
    public static java.util.Collection<RunResult> run(boolean quick) throws RunnerException {
        return new Runner(options(quick).build()).run();
    }
}
