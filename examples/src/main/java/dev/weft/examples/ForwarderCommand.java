package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pub-sub forwarder: an XSUB bound on the frontend (publishers connect) and an XPUB bound on the
 * backend (subscribers connect); subscriptions and unsubscriptions flow upstream, data downstream.
 */
@Command(
        name = "forwarder",
        mixinStandardHelpOptions = true,
        description = "Pub-sub forwarder: XSUB frontend, XPUB backend.")
final class ForwarderCommand implements Callable<Integer> {
    @Option(
            names = "--frontend",
            required = true,
            description = "endpoint publishers connect to (tcp://inherited: socket activation)")
    String frontend;

    @Option(names = "--backend", required = true, description = "endpoint subscribers connect to")
    String backend;

    @Override
    public Integer call() {
        Context ctx = Context.create();
        return ProxyBroker.run(
                "forwarder", ctx, new XSubSocket(ctx), frontend, new XPubSocket(ctx), backend);
    }
}
