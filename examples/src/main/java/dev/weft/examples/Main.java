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
            RadioDishCommand.class,
            CliCommand.class
        })
public final class Main implements Runnable {
    /**
     * Runs the named example.
     *
     * @param args the example name, then its options
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line of the examples jar: an {@link IllegalArgumentException} from an example (a
     * bad argument, named with what is allowed) prints its message, not a stack trace, and exits
     * with picocli's usage-error code 2.
     *
     * @return a new command line, ready to execute
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(
                (e, failed, parsed) -> {
                    if (!(e instanceof IllegalArgumentException)) {
                        throw e;
                    }
                    failed.getErr()
                            .println(
                                    failed.getCommandSpec().qualifiedName()
                                            + ": "
                                            + e.getMessage());
                    failed.getErr().flush();
                    return failed.getCommandSpec().exitCodeOnInvalidInput();
                });
        return cl;
    }

    /** Without an example name, prints the usage. */
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
