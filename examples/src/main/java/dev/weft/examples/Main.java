package dev.weft.examples;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point of the examples jar: {@code java -jar weft-examples.jar <example> [options]}. */
public final class Main {
    private Main() {}

    /**
     * Runs the named example.
     *
     * @param args the example name, then its options
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage(System.out);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo" -> System.exit(Demo.run(rest));
            default -> {
                System.err.println("unknown example '" + args[0] + "'");
                usage(System.err);
                System.exit(2);
            }
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar weft-examples.jar <example> [options]");
        out.println();
        out.println("examples:");
        out.println("  demo [--seconds N] [--clients N] [--forever]");
        out.println("      a ROUTER broker echoing requests from DEALER clients over TCP,");
        out.println("      with a live stats line; stops after N seconds (default 5)");
    }
}
