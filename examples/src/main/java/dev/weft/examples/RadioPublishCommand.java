package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.patterns.RadioSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The publishing side of the radio-dish example: a RADIO sending a simulated reading into each
 * group at a steady rate, with a stats line each second on stderr. A RADIO never waits: readings of
 * a group no dish joined, and readings a dish's full queue cannot take, are dropped and counted in
 * the stats line.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description =
                "RADIO: send a reading ('seq=<n> value=<v>') into each --group, --rate times a"
                        + " second, until --count readings per group, --duration, or Ctrl-C.")
final class RadioPublishCommand implements Callable<Integer> {
    private static final Duration STATS_INTERVAL = Duration.ofSeconds(1);

    @Option(
            names = "--connect",
            description =
                    "endpoint to connect to (repeatable): tcp, ipc, or udp (unicast"
                            + " udp://host:port, multicast udp://[iface;]239.x.x.x:port)")
    List<String> connects = new ArrayList<>();

    @Option(names = "--bind", description = "endpoint to bind (repeatable): tcp, ipc")
    List<String> binds = new ArrayList<>();

    @Option(
            names = "--hops",
            defaultValue = "1",
            description =
                    "udp multicast time-to-live, 1..255 (default ${DEFAULT-VALUE}: this network"
                            + " only)")
    int hops;

    @Option(
            names = "--group",
            description = "group to publish into (repeatable; default sensors.temp, sensors.load)")
    List<String> groups = new ArrayList<>();

    @Option(
            names = "--rate",
            defaultValue = "10",
            description = "readings per second per group, 1..1000000 (default ${DEFAULT-VALUE})")
    int rate;

    @Option(
            names = "--count",
            defaultValue = "0",
            description = "readings per group, then stop (default 0: no limit)")
    long count;

    @Option(
            names = "--duration",
            description = "stop after this long, ISO-8601 such as PT30S (default: no limit)")
    Duration duration;

    @Override
    public Integer call() {
        List<String> names = groups.isEmpty() ? List.of("sensors.temp", "sensors.load") : groups;
        checkArguments(names);
        Lifetime lifetime = Lifetime.install();
        try (Context ctx = Context.create()) {
            RadioSocket radio =
                    new RadioSocket(ctx, SocketOptions.builder().multicastHops(hops).build());
            for (String ep : binds) {
                System.err.println("radio-dish publish: RADIO bound to " + radio.bind(ep));
            }
            for (String ep : connects) {
                radio.connect(ep);
                System.err.println("radio-dish publish: RADIO connecting to " + ep);
            }
            System.err.printf("radio-dish publish: %d reading(s)/s into each of %s%n", rate, names);
            long sent = publish(radio, names, lifetime);
            SocketStats st = radio.stats();
            System.err.printf(
                    "radio-dish publish: sent %,d reading(s) into %d group(s); dropped %,d (no"
                            + " dish joined the group), %,d (a dish's queue was full)%n",
                    sent, names.size(), st.droppedUnroutable(), st.droppedAtHwm());
        } finally {
            lifetime.done();
        }
        return 0;
    }

    private long publish(RadioSocket radio, List<String> names, Lifetime lifetime) {
        StatsLine stats = new StatsLine("radio-dish publish", System.err);
        long periodNs = 1_000_000_000L / rate;
        long startNs = System.nanoTime();
        long deadlineNs = duration == null ? Long.MAX_VALUE : startNs + duration.toNanos();
        long nextStatsNs = startNs + STATS_INTERVAL.toNanos();
        long sent = 0;
        for (long seq = 0; count == 0 || seq < count; seq++) {
            long dueNs = startNs + seq * periodNs;
            long waitMs = (dueNs - System.nanoTime()) / 1_000_000;
            if (!lifetime.tick(Duration.ofMillis(Math.max(0, waitMs)))
                    || System.nanoTime() - deadlineNs >= 0) {
                break;
            }
            for (int g = 0; g < names.size(); g++) {
                radio.send(names.get(g), new Reading(seq, simulated(seq, g)).text());
                sent++;
            }
            if (System.nanoTime() - nextStatsNs >= 0) {
                printStats(stats, radio, sent);
                nextStatsNs = System.nanoTime() + STATS_INTERVAL.toNanos();
            }
        }
        printStats(stats, radio, sent);
        return sent;
    }

    private static void printStats(StatsLine stats, RadioSocket radio, long sent) {
        SocketStats st = radio.stats();
        stats.print(
                sent,
                StatsLine.connectedPeers(st),
                "dropped: no dish " + st.droppedUnroutable() + ", queue full " + st.droppedAtHwm());
    }

    /** A smooth, different curve per group, so the readings look like a sensor's. */
    private static double simulated(long seq, int group) {
        return 20.0 + 10.0 * group + 5.0 * Math.sin(seq / 10.0 + group);
    }

    private void checkArguments(List<String> names) {
        if (binds.isEmpty() && connects.isEmpty()) {
            throw new IllegalArgumentException(
                    "no endpoint (expected: at least one --connect or --bind, e.g. --connect"
                            + " tcp://127.0.0.1:5700)");
        }
        GroupNames.check("--group", names);
        if (rate < 1 || rate > 1_000_000) {
            throw new IllegalArgumentException("--rate " + rate + " (expected: 1..1000000)");
        }
        if (hops < 1 || hops > 255) {
            throw new IllegalArgumentException("--hops " + hops + " (expected: 1..255)");
        }
        if (count < 0) {
            throw new IllegalArgumentException("--count " + count + " (expected: >= 0)");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(
                    "--duration " + duration + " (expected: positive, e.g. PT30S)");
        }
    }
}
