package dev.weft.examples;

import picocli.CommandLine.Command;

/** The {@code weft} command-line tool: send, receive or proxy with any socket type. */
@Command(
        name = "cli",
        mixinStandardHelpOptions = true,
        description = "The weft command-line tool: talk to any ZeroMQ peer.",
        subcommands = {CliSend.class, CliRecv.class, CliProxy.class})
final class CliCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }
}
