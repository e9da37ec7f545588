package dev.weft.bench;

import dev.weft.bench.flood.FloodCommand;
import dev.weft.bench.micro.MicroBenchmarks;
import dev.weft.bench.peer.PeerMain;
import java.util.Arrays;
import java.util.List;

/**
 * The bench jar's entry point ({@code java -jar bench/target/weft-bench.jar COMMAND ...}):
 *
 * <ul>
 *   <li>{@code compare [--quick|--smoke] ...}: the side-by-side harness (see {@link
 *       CompareOptions#USAGE});
 *   <li>{@code jmh [JMH options]}: the JMH micro-benchmarks, e.g. {@code jmh -prof gc FrameCodec};
 *   <li>{@code micro [--quick]}: every micro-benchmark with the GC profiler;
 *   <li>{@code peer --library ... }: one harness peer (started by {@code compare}, not by hand);
 *   <li>{@code flood --endpoint tcp://127.0.0.1:PORT ...}: hostile connections to a loopback
 *       endpoint (see {@link dev.weft.bench.flood.FloodOptions#USAGE}).
 * </ul>
 */
public final class Main {
    private Main() {}

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its arguments
     * @throws Exception when JMH fails to start
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.println(usage());
            System.exit(args.length == 0 ? 2 : 0);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "compare" -> {
                CompareOptions options;
                try {
                    options = CompareOptions.parse(rest);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    System.err.print(CompareOptions.USAGE);
                    System.exit(2);
                    return;
                }
                System.exit(CompareCommand.run(options, System.out, System.err).exitStatus());
            }
            case "peer" -> System.exit(PeerMain.run(rest, System.out));
            case "flood" -> System.exit(FloodCommand.run(rest, System.out, System.err));
            case "jmh" -> org.openjdk.jmh.Main.main(rest.toArray(new String[0]));
            case "micro" -> MicroBenchmarks.run(rest.contains("--quick"));
            default -> {
                System.err.println("unknown command '" + args[0] + "'");
                System.err.println(usage());
                System.exit(2);
            }
        }
    }

    private static String usage() {
        return "usage: java -jar bench/target/weft-bench.jar compare|micro|jmh|peer|flood ...\n"
                + "  compare  the side-by-side harness (Weft, JeroMQ, libzmq, raw NIO)\n"
                + "  micro    every JMH micro-benchmark with -prof gc (--quick: short)\n"
                + "  jmh      JMH itself, e.g. jmh -prof gc FrameCodec\n"
                + "  peer     one harness peer (started by compare)\n"
                + "  flood    hostile connections to a loopback endpoint (--help: its options)\n\n"
                + CompareOptions.USAGE;
    }
}
