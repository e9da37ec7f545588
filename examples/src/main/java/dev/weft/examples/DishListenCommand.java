package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketStats;
import dev.weft.patterns.DishSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The listening side of the radio-dish example: a DISH joining some groups, counting the readings
 * of each group and those lost (gaps in their sequence numbers), with a stats line each second on
 * stderr and, with {@code --print}, each reading on stdout.
 */
@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        description =
                "DISH: join the --join groups and count their readings, with a stats line each"
                        + " second; stops after --count readings, --duration, or Ctrl-C. Exits"
                        + " with 1 when --count was not reached, or without --count when nothing"
                        + " arrived.")
final class DishListenCommand implements Callable<Integer> {
    private static final Duration STATS_INTERVAL = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(200);

    @Option(
            names = "--bind",
            description =
                    "endpoint to bind (repeatable): tcp, ipc, or udp (udp://*:port, multicast"
                            + " udp://[iface;]239.x.x.x:port)")
    List<String> binds = new ArrayList<>();

    @Option(names = "--connect", description = "endpoint to connect to (repeatable): tcp, ipc")
    List<String> connects = new ArrayList<>();

    @Option(names = "--join", description = "group to join (repeatable, at least one)")
    List<String> joins = new ArrayList<>();

    @Option(
            names = "--count",
            defaultValue = "0",
            description =
                    "stop after this many readings, all groups together (default 0: no limit)")
    long count;

    @Option(
            names = "--duration",
            description = "stop after this long, ISO-8601 such as PT30S (default: no limit)")
    Duration duration;

    @Option(names = "--print", description = "print each reading on stdout: <group> <body>")
    boolean print;

    @Override
    public Integer call() {
        checkArguments();
        Lifetime lifetime = Lifetime.install();
        GroupCounts counts = new GroupCounts();
        try (Context ctx = Context.create()) {
            DishSocket dish = new DishSocket(ctx);
            for (String g : joins) {
                dish.join(g);
            }
            for (String ep : binds) {
                System.err.println("radio-dish listen: DISH bound to " + dish.bind(ep));
            }
            for (String ep : connects) {
                dish.connect(ep);
                System.err.println("radio-dish listen: DISH connecting to " + ep);
            }
            System.err.println("radio-dish listen: joined " + joins);
            listen(dish, counts, lifetime);
        } finally {
            lifetime.done();
        }
        System.err.printf(
                "radio-dish listen: received %,d reading(s): %s%n",
                counts.received(), counts.summary(joins));
        boolean complete = count > 0 ? counts.received() >= count : counts.received() > 0;
        return complete ? 0 : 1;
    }

    private void listen(DishSocket dish, GroupCounts counts, Lifetime lifetime) {
        StatsLine stats = new StatsLine("radio-dish listen", System.err);
        long startNs = System.nanoTime();
        long deadlineNs = duration == null ? Long.MAX_VALUE : startNs + duration.toNanos();
        long nextStatsNs = startNs + STATS_INTERVAL.toNanos();
        while ((count == 0 || counts.received() < count)
                && System.nanoTime() - deadlineNs < 0
                && lifetime.tick(Duration.ZERO)) {
            try (Message m = dish.receive(POLL)) {
                if (m != null) {
                    String body = m.frame(0).toString(StandardCharsets.UTF_8);
                    counts.count(m.group(), body);
                    if (print) {
                        System.out.println(m.group() + " " + body);
                    }
                }
            }
            if (System.nanoTime() - nextStatsNs >= 0) {
                printStats(stats, dish, counts);
                nextStatsNs = System.nanoTime() + STATS_INTERVAL.toNanos();
            }
        }
        System.out.flush();
        printStats(stats, dish, counts);
    }

    private void printStats(StatsLine stats, DishSocket dish, GroupCounts counts) {
        SocketStats st = dish.stats();
        String bad = st.droppedDatagrams() == 0 ? "" : "  bad datagrams " + st.droppedDatagrams();
        stats.print(counts.received(), StatsLine.connectedPeers(st), counts.summary(joins) + bad);
    }

    private void checkArguments() {
        if (binds.isEmpty() && connects.isEmpty()) {
            throw new IllegalArgumentException(
                    "no endpoint (expected: at least one --bind or --connect, e.g. --bind"
                            + " tcp://127.0.0.1:5700)");
        }
        if (joins.isEmpty()) {
            throw new IllegalArgumentException(
                    "no group to join (expected: at least one --join, e.g. --join sensors.temp)");
        }
        GroupNames.check("--join", joins);
        if (count < 0) {
            throw new IllegalArgumentException("--count " + count + " (expected: >= 0)");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(
                    "--duration " + duration + " (expected: positive, e.g. PT30S)");
        }
    }
}
