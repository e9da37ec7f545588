package dev.weft.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The README's demo: a broker with clients in one process and a live stats line. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "A ROUTER broker echoing requests from DEALER clients over TCP, with a live stats"
                        + " line; stops after --seconds, or runs until Ctrl-C with --forever.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "5", description = "how long to run (default 5)")
    int seconds;

    @Option(names = "--clients", defaultValue = "4", description = "DEALER clients (default 4)")
    int clients;

    @Option(names = "--forever", description = "run until Ctrl-C")
    boolean forever;

    @Override
    public Integer call() {
        if (seconds < 1 || clients < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--seconds and --clients must be at least 1");
        }
        return Demo.run(clients, forever ? Long.MAX_VALUE : seconds);
    }
}
