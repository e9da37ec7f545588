package dev.weft.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The radio-dish example: a telemetry fan-out, one RADIO publishing and DISHes listening. */
@Command(
        name = "radio-dish",
        mixinStandardHelpOptions = true,
        description =
                "Telemetry fan-out with RADIO/DISH groups: 'publish' sends readings into groups,"
                        + " 'listen' joins some of them and prints a stats line per second.",
        subcommands = {RadioPublishCommand.class, DishListenCommand.class})
final class RadioDishCommand implements Runnable {
    /** Without a subcommand, prints the usage. */
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
