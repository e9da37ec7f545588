package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.SocketClosedException;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a {@link MdpBroker}: one ROUTER bound to {@code --endpoint} for MDP clients and workers, a
 * stats line each second, until SIGINT or SIGTERM.
 */
@Command(
        name = "mdbroker",
        mixinStandardHelpOptions = true,
        description =
                "Majordomo Protocol 0.1 broker (RFC 7) with MMI (RFC 8): one ROUTER for clients"
                        + " (MDPC01) and workers (MDPW01).")
final class MdBrokerCommand implements Callable<Integer> {
    @Option(
            names = "--endpoint",
            required = true,
            description =
                    "endpoint to bind, e.g. tcp://*:5555, tcp://127.0.0.1:* or tcp://inherited")
    String endpoint;

    @Option(
            names = "--heartbeat",
            defaultValue = "2500",
            description =
                    "heartbeat interval in ms (default ${DEFAULT-VALUE}); use the same in workers")
    long heartbeatMs;

    @Option(
            names = "--liveness",
            defaultValue = "3",
            description =
                    "silent heartbeat intervals before a worker is expired (default ${DEFAULT-VALUE})")
    int liveness;

    @Option(
            names = "--request-expiry",
            defaultValue = "30000",
            description =
                    "ms a request may wait for a worker of its service (default ${DEFAULT-VALUE})")
    long requestExpiryMs;

    @Option(
            names = "--max-queued",
            defaultValue = "10000",
            description = "most requests waiting per service (default ${DEFAULT-VALUE})")
    int maxQueued;

    @Override
    public Integer call() {
        MdpBroker.Settings settings =
                new MdpBroker.Settings(
                        Duration.ofMillis(heartbeatMs),
                        liveness,
                        Duration.ofMillis(requestExpiryMs),
                        maxQueued);
        Lifetime lifetime = Lifetime.install();
        Context ctx = Context.create();
        try (RouterSocket router = new RouterSocket(ctx);
                MdpBroker broker = new MdpBroker(router, settings, System.err)) {
            System.err.printf(
                    "mdbroker: ROUTER bound to %s (heartbeat %d ms, liveness %d)%n",
                    router.bind(endpoint), heartbeatMs, liveness);
            StatsLine stats = new StatsLine("mdbroker", System.err);
            long nextStatsNs = System.nanoTime();
            while (lifetime.tick(Duration.ZERO)) {
                broker.pollOnce(Duration.ofMillis(100));
                if (System.nanoTime() - nextStatsNs >= 0) {
                    stats.print(
                            broker.replies(),
                            router.stats().peers().size(),
                            String.format(
                                    "requests %d  replies %d  services %d  workers %d  dropped %d",
                                    broker.requests(),
                                    broker.replies(),
                                    broker.services(),
                                    broker.workers(),
                                    broker.dropped()));
                    nextStatsNs = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
            return 0;
        } catch (SocketClosedException e) {
            return 0;
        } finally {
            ctx.close();
            lifetime.done();
        }
    }
}
