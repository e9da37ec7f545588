package dev.weft.bench.flood;

import java.io.PrintStream;
import java.util.List;

/** The {@code flood} command: parses its options and runs a {@link ConnectionFlood}. */
public final class FloodCommand {
    private FloodCommand() {}

    /**
     * Runs {@code flood}.
     *
     * @param args the arguments after {@code flood}
     * @param out where progress goes
     * @param err where usage errors go
     * @return the exit status: 0 when the flood ran or help was asked for, 2 on a usage error
     * @throws InterruptedException when interrupted during the flood
     */
    public static int run(List<String> args, PrintStream out, PrintStream err)
            throws InterruptedException {
        if (args.contains("--help")) {
            out.print(FloodOptions.USAGE);
            return 0;
        }
        FloodOptions options;
        try {
            options = FloodOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(FloodOptions.USAGE);
            return 2;
        }
        new ConnectionFlood(options, out).run();
        return 0;
    }
}
