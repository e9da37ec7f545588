package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The issues' performance goals that this harness can check today: issue 3's as same-run ratios
 * ({@link #all()}; the inproc goal waits for that transport, allocation is measured by the JMH
 * {@code SocketPathBenchmark}), issue 9's quiet send path and cheap idle connections ({@link
 * #issue9()}). Goals, not gates: a goal not met never fails a comparison.
 */
public final class Targets {
    private Targets() {}

    /** Issue 9's most heap plus direct memory per idle connection end, KiB. */
    static final double IDLE_KIB_PER_CONNECTION = 16;

    /**
     * Returns issue 3's goals.
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

    /**
     * Returns issue 9's goals: for each side of PUSH→PULL and DEALER→ROUTER 16 B, read and write
     * system calls and context switches per message at or below libzmq's; at most {@value
     * #IDLE_KIB_PER_CONNECTION} KiB of heap plus direct memory per idle connection end on each
     * side; connecting the idle DEALERs no slower than JeroMQ; PUSH→PULL 16 B over inproc at least
     * as fast as JeroMQ's inproc.
     *
     * @return the targets, in table order
     */
    public static List<Target> issue9() {
        List<Target> t = new ArrayList<>();
        for (Pattern p : List.of(Pattern.PUSH_PULL, Pattern.DEALER_ROUTER)) {
            Scenario s = new Scenario(Scenario.Kind.THROUGHPUT, p, 16, List.of());
            for (Metric m : s.kind().metrics(Metric.Table.SYSCALLS)) {
                t.add(
                        new Target(
                                s.title()
                                        + " "
                                        + s.sideLabel(m.side())
                                        + " "
                                        + m.label()
                                        + " ≤ libzmq",
                                s.id(),
                                m,
                                List.of(new Target.Reference(s.id(), Library.LIBZMQ)),
                                1.0,
                                false));
            }
        }
        Scenario idle =
                new Scenario(Scenario.Kind.IDLE_CONNECTIONS, Pattern.DEALER_ROUTER, 4, List.of());
        for (Metric m :
                List.of(Metric.CONNECTING_HEAP_DIRECT_KIB, Metric.ACCEPTING_HEAP_DIRECT_KIB)) {
            t.add(
                    Target.absolute(
                            "Idle connection end, "
                                    + idle.sideLabel(m.side())
                                    + ": heap + direct ≤ 16 KiB",
                            idle.id(),
                            m,
                            IDLE_KIB_PER_CONNECTION,
                            false));
        }
        for (Metric m : List.of(Metric.CONNECT_CALLS_MILLIS, Metric.CONNECT_MILLIS)) {
            t.add(
                    new Target(
                            "Idle DEALERs, " + m.label() + " ≤ JeroMQ's",
                            idle.id(),
                            m,
                            List.of(new Target.Reference(idle.id(), Library.JEROMQ)),
                            1.0,
                            false));
        }
        String inproc = id(Scenario.Kind.THROUGHPUT_INPROC, Pattern.PUSH_PULL, 16);
        t.add(
                new Target(
                        "PUSH→PULL inproc 16 B msg/s ≥ JeroMQ's inproc",
                        inproc,
                        Metric.MESSAGES_PER_SECOND,
                        List.of(new Target.Reference(inproc, Library.JEROMQ)),
                        1.0,
                        true));
        return List.copyOf(t);
    }

    private static String id(Scenario.Kind kind, Pattern pattern, int size) {
        return new Scenario(kind, pattern, size, List.of()).id();
    }
}
