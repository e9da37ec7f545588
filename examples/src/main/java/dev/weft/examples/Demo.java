package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketClosedException;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The README's first demo: a ROUTER "broker" on an ephemeral TCP port echoes every request back to
 * the DEALER client that sent it, while the clients keep a window of requests in flight. A stats
 * line on stderr shows the rate, the totals and the connected peers each second.
 */
final class Demo {
    private static final int WINDOW = 100;

    private Demo() {}

    static int run(int clients, long seconds) {
        try (Context ctx = Context.create()) {
            return new Demo.Run(ctx, clients).run(seconds);
        }
    }

    /** One demo run: the broker, its clients and the stats loop. */
    private static final class Run {
        private final Context ctx;
        private final int clientCount;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final LongAdder replies = new LongAdder();

        Run(Context ctx, int clientCount) {
            this.ctx = ctx;
            this.clientCount = clientCount;
        }

        int run(long seconds) {
            RouterSocket broker = new RouterSocket(ctx);
            String endpoint = broker.bind("tcp://127.0.0.1:*");
            System.err.println(
                    "demo: ROUTER broker bound to "
                            + endpoint
                            + ", "
                            + clientCount
                            + " DEALER clients connecting");
            List<Thread> threads = new ArrayList<>();
            threads.add(start("demo-broker", () -> echo(broker)));
            for (int i = 0; i < clientCount; i++) {
                DealerSocket client =
                        new DealerSocket(
                                ctx, SocketOptions.builder().routingId("client-" + i).build());
                client.connect(endpoint);
                threads.add(start("demo-client-" + i, () -> drive(client)));
            }
            Lifetime lifetime = Lifetime.install();
            long last = 0;
            for (long s = 0; s < seconds && lifetime.tick(Duration.ofSeconds(1)); s++) {
                long total = replies.sum();
                SocketStats st = broker.stats();
                System.err.printf(
                        "demo: %,10d msg/s  round trips %,12d  broker peers %d  dropped %d%n",
                        total - last, total, st.peers().size(), st.droppedUnroutable());
                last = total;
            }
            running.set(false);
            ctx.close();
            for (Thread t : threads) {
                join(t);
            }
            System.err.printf("demo: done, %,d round trips%n", replies.sum());
            lifetime.done();
            return replies.sum() > 0 ? 0 : 1;
        }

        private void echo(RouterSocket broker) {
            try {
                while (running.get()) {
                    Message m = broker.receive(Duration.ofMillis(100));
                    if (m != null && !broker.send(m)) {
                        m.close();
                    }
                }
            } catch (SocketClosedException e) {
                // the demo is ending
            }
        }

        private void drive(DealerSocket client) {
            try {
                int inFlight = 0;
                while (running.get()) {
                    while (inFlight < WINDOW
                            && client.send(Message.of(new byte[16]), Duration.ofMillis(100))) {
                        inFlight++;
                    }
                    Message reply = client.receive(Duration.ofMillis(100));
                    if (reply != null) {
                        reply.close();
                        inFlight--;
                        replies.increment();
                    }
                }
            } catch (SocketClosedException e) {
                // the demo is ending
            }
        }

        private static Thread start(String name, Runnable body) {
            Thread t = new Thread(body, name);
            t.start();
            return t;
        }

        private static void join(Thread t) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
