package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a proxy between two sockets of any types, both bound. */
@Command(
        name = "proxy",
        mixinStandardHelpOptions = true,
        description = "Forward between two bound sockets of any types (e.g. ROUTER/DEALER).")
final class CliProxy implements Callable<Integer> {
    @Option(names = "--frontend-type", required = true, description = "e.g. ROUTER, XSUB, PULL")
    String frontendType;

    @Option(names = "--frontend", required = true, description = "endpoint to bind")
    String frontend;

    @Option(names = "--backend-type", required = true, description = "e.g. DEALER, XPUB, PUSH")
    String backendType;

    @Option(names = "--backend", required = true, description = "endpoint to bind")
    String backend;

    @Override
    public Integer call() {
        Context ctx = Context.create();
        return ProxyBroker.run(
                "cli proxy",
                ctx,
                Sockets.create(ctx, frontendType, SocketOptions.DEFAULTS),
                frontend,
                Sockets.create(ctx, backendType, SocketOptions.DEFAULTS),
                backend);
    }
}
