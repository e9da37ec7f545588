package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sends requests to a service through a Majordomo broker with an {@link MdpClient} and prints each
 * reply on stdout, its frames joined by {@code |}. Exits with 0 when every request was answered, 1
 * when one was not after its retries.
 */
@Command(
        name = "mdclient",
        mixinStandardHelpOptions = true,
        description =
                "Majordomo client (RFC 7 MDP/Client): sends requests to a service, with a timeout"
                        + " and retries on a new socket, and prints the replies. Ask the broker"
                        + " whether a service has workers with: --service mmi.service NAME")
final class MdClientCommand implements Callable<Integer> {
    @Option(names = "--endpoint", required = true, description = "the broker's endpoint")
    String endpoint;

    @Option(names = "--service", required = true, description = "service to send requests to")
    String service;

    @Option(
            names = "--count",
            description = "requests to send, cycling through the messages (default: one each)")
    Integer count;

    @Option(
            names = "--timeout",
            defaultValue = "2500",
            description = "ms to wait for each reply (default ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(
            names = "--retries",
            defaultValue = "3",
            description = "resends of an unanswered request (default ${DEFAULT-VALUE})")
    int retries;

    @Parameters(description = "request bodies, one frame each (default: hello)")
    List<String> messages = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> bodies = messages.isEmpty() ? List.of("hello") : messages;
        int total = count == null ? bodies.size() : count;
        Lifetime lifetime = Lifetime.install();
        long replies = 0;
        try (Context ctx = Context.create();
                MdpClient client =
                        new MdpClient(
                                ctx,
                                endpoint,
                                Duration.ofMillis(timeoutMs),
                                retries,
                                () -> lifetime.tick(Duration.ZERO),
                                System.err)) {
            System.err.printf(
                    "mdclient: DEALER connecting to %s, %d request(s) for service %s%n",
                    endpoint, total, service);
            StatsLine stats = new StatsLine("mdclient", System.err);
            long nextStatsNs = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            for (int i = 0; i < total && lifetime.tick(Duration.ZERO); i++) {
                try (Message reply =
                        client.request(service, Message.of(bodies.get(i % bodies.size())))) {
                    if (reply == null) {
                        if (lifetime.tick(Duration.ZERO)) {
                            System.err.printf(
                                    "mdclient: request %d got no reply after %d attempt(s);"
                                            + " giving up%n",
                                    i + 1, retries + 1);
                        }
                        break;
                    }
                    System.out.println(String.join("|", reply.strings()));
                    replies++;
                }
                if (System.nanoTime() - nextStatsNs >= 0) {
                    stats.print(replies, client.connectedPeers(), "requests " + (i + 1));
                    nextStatsNs = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
            System.out.flush();
            System.err.printf("mdclient: %d of %d request(s) answered%n", replies, total);
        } finally {
            lifetime.done();
        }
        return replies == total ? 0 : 1;
    }
}
