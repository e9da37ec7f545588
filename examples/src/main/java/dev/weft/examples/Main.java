package dev.weft.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the examples jar: {@code java -jar weft-examples.jar <example> [options]}; {@code
 * --help} lists the examples.
 */
@Command(
        name = "weft-examples",
        mixinStandardHelpOptions = true,
        description = "Runnable Weft examples and the weft command-line tool.",
        subcommands = {
            DemoCommand.class,
            RrBrokerCommand.class,
            ForwarderCommand.class,
            LbBrokerCommand.class,
            MdBrokerCommand.class,
            MdWorkerCommand.class,
            MdClientCommand.class,
            CliCommand.class
        })
public final class Main implements Runnable {
    /**
     * Runs the named example.
     *
     * @param args the example name, then its options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Without an example name, prints the usage. */
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
