package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Frame;
import dev.weft.core.Message;
import dev.weft.core.SocketClosedException;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs an {@link MdpWorker} for one service that echoes each request, optionally with a prefix on
 * the first frame, until SIGINT or SIGTERM; then it sends DISCONNECT and closes its socket.
 */
@Command(
        name = "mdworker",
        mixinStandardHelpOptions = true,
        description =
                "Majordomo worker (RFC 7 MDP/Worker): registers for a service and echoes each"
                        + " request, heartbeating and reconnecting when the broker goes silent.")
final class MdWorkerCommand implements Callable<Integer> {
    @Option(names = "--endpoint", required = true, description = "the broker's endpoint")
    String endpoint;

    @Option(names = "--service", required = true, description = "service name to register for")
    String service;

    @Option(
            names = "--heartbeat",
            defaultValue = "2500",
            description = "heartbeat interval in ms, as the broker's (default ${DEFAULT-VALUE})")
    long heartbeatMs;

    @Option(
            names = "--liveness",
            defaultValue = "3",
            description = "silent intervals before reconnecting (default ${DEFAULT-VALUE})")
    int liveness;

    @Option(
            names = "--reply-prefix",
            defaultValue = "",
            description = "text put in front of the first frame of each reply (default: none)")
    String replyPrefix;

    @Override
    public Integer call() {
        Lifetime lifetime = Lifetime.install();
        Context ctx = Context.create();
        try (MdpWorker worker =
                new MdpWorker(
                        ctx,
                        endpoint,
                        service,
                        Duration.ofMillis(heartbeatMs),
                        liveness,
                        System.err)) {
            System.err.printf(
                    "mdworker: DEALER connecting to %s for service %s (heartbeat %d ms)%n",
                    endpoint, service, heartbeatMs);
            UnaryOperator<Message> echo = prefixEcho(replyPrefix);
            StatsLine stats = new StatsLine("mdworker", System.err);
            long nextStatsNs = System.nanoTime();
            while (lifetime.tick(Duration.ZERO)) {
                worker.pollOnce(Duration.ofMillis(100), echo);
                if (System.nanoTime() - nextStatsNs >= 0) {
                    stats.print(
                            worker.served(),
                            worker.connectedPeers(),
                            "service " + service + "  connects " + worker.connects());
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

    /**
     * Returns a handler that answers with the request itself, the prefix put before the first
     * frame's bytes.
     *
     * @param prefix UTF-8 text; empty for a plain echo
     * @return the handler
     */
    static UnaryOperator<Message> prefixEcho(String prefix) {
        if (prefix.isEmpty()) {
            return UnaryOperator.identity();
        }
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        return request -> {
            Frame first = request.removeFirst();
            try {
                return request.addFirst(
                        Unpooled.copiedBuffer(
                                Unpooled.wrappedBuffer(prefixBytes), first.content()));
            } finally {
                first.release();
            }
        };
    }
}
