package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Request-reply broker: a ROUTER bound on the frontend (REQ/DEALER clients connect) and a DEALER
 * bound on the backend (REP/DEALER workers connect); frames pass unchanged both ways.
 */
@Command(
        name = "rrbroker",
        mixinStandardHelpOptions = true,
        description = "Request-reply broker: ROUTER frontend, DEALER backend.")
final class RrBrokerCommand implements Callable<Integer> {
    @Option(
            names = "--frontend",
            required = true,
            description = "endpoint clients connect to (tcp://inherited: socket activation)")
    String frontend;

    @Option(names = "--backend", required = true, description = "endpoint workers connect to")
    String backend;

    @Override
    public Integer call() {
        Context ctx = Context.create();
        return ProxyBroker.run(
                "rrbroker", ctx, new RouterSocket(ctx), frontend, new DealerSocket(ctx), backend);
    }
}
