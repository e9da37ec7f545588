package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.Scenario;
import java.util.List;

/**
 * The performance goals that this harness can check today, as same-run ratios. The inproc
 * goal waits for that transport; allocation is measured by the JMH {@code SocketPathBenchmark}.
 */
public final class Targets {
    private Targets() {}

    /**
     * Returns the goals.
     *
     * @return the targets, in table order
     */
    public static List<Target> all() {
        String thr16 = id(Scenario.Kind.THROUGHPUT, Pattern.PUSH_PULL, 16);
        String thr64k = id(Scenario.Kind.THROUGHPUT, Pattern.PUSH_PULL, 65536);
        String lat16 = id(Scenario.Kind.LATENCY, Pattern.REQ_REP, 16);
        String ping16 = id(Scenario.Kind.LATENCY, Pattern.RAW_TCP, 16);
        String fan64 = id(Scenario.Kind.FANOUT_LOSSLESS, Pattern.PUB_SUB, 64);
        return List.of(
                new Target(
                        "PUSH→PULL tcp 16 B msg/s ≥ 2.5× JeroMQ",
                        thr16,
                        Metric.MESSAGES_PER_SECOND,
                        List.of(new Target.Reference(thr16, Library.JEROMQ)),
                        2.5,
                        true),
                new Target(
                        "PUSH→PULL tcp 16 B msg/s ≥ 1.5× libzmq",
                        thr16,
                        Metric.MESSAGES_PER_SECOND,
                        List.of(new Target.Reference(thr16, Library.LIBZMQ)),
                        1.5,
                        true),
                new Target(
                        "PUSH→PULL tcp 64 KiB MB/s ≥ 90% of the best raw-TCP bulk figure",
                        thr64k,
                        Metric.MEGABYTES_PER_SECOND,
                        List.of(
                                new Target.Reference(
                                        id(Scenario.Kind.THROUGHPUT, Pattern.RAW_TCP, 65536),
                                        Library.RAW_NIO),
                                new Target.Reference(
                                        id(Scenario.Kind.THROUGHPUT, Pattern.RAW_TCP, 262144),
                                        Library.RAW_NIO)),
                        0.9,
                        true),
                new Target(
                        "REQ↔REP 16 B round trip p50 within 1.2× raw TCP ping-pong",
                        lat16,
                        Metric.P50_MICROS,
                        List.of(new Target.Reference(ping16, Library.RAW_NIO)),
                        1.2,
                        false),
                new Target(
                        "REQ↔REP 16 B round trip p99.9 no worse than libzmq",
                        lat16,
                        Metric.P999_MICROS,
                        List.of(new Target.Reference(lat16, Library.LIBZMQ)),
                        1.0,
                        false),
                new Target(
                        "PUB→4 SUB 64 B lossless per-subscriber msg/s ≥ 2× JeroMQ",
                        fan64,
                        Metric.MESSAGES_PER_SECOND,
                        List.of(new Target.Reference(fan64, Library.JEROMQ)),
                        2.0,
                        true));
    }

    private static String id(Scenario.Kind kind, Pattern pattern, int size) {
        return new Scenario(kind, pattern, size, List.of()).id();
    }
}
