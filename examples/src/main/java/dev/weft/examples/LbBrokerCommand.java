package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Frame;
import dev.weft.core.Message;
import dev.weft.core.SocketClosedException;
import dev.weft.patterns.Poller;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load-balancing broker (ROUTER/ROUTER): workers (REQ) announce themselves with {@code READY} and
 * each reply; each client request (REQ) goes to the least recently ready worker.
 *
 * <pre>
 *   worker -> backend:  [worker-id, "", "READY"]  or  [worker-id, "", client-id, "", reply...]
 *   client -> frontend: [client-id, "", request...]
 *   backend -> worker:  [worker-id, "", client-id, "", request...]
 * </pre>
 */
@Command(
        name = "lbbroker",
        mixinStandardHelpOptions = true,
        description =
                "Load-balancing broker: ROUTER frontend for REQ clients, ROUTER backend for REQ"
                        + " workers that send READY; least recently ready worker first.")
final class LbBrokerCommand implements Callable<Integer> {
    static final String READY = "READY";

    @Option(
            names = "--frontend",
            required = true,
            description = "endpoint clients connect to (tcp://inherited: socket activation)")
    String frontend;

    @Option(names = "--backend", required = true, description = "endpoint workers connect to")
    String backend;

    private final ArrayDeque<Frame> workers = new ArrayDeque<>();
    private long routed;

    @Override
    public Integer call() {
        Lifetime lifetime = Lifetime.install();
        Context ctx = Context.create();
        try {
            RouterSocket front = new RouterSocket(ctx);
            RouterSocket back = new RouterSocket(ctx);
            System.err.printf(
                    "lbbroker: ROUTER frontend bound to %s, ROUTER backend bound to %s%n",
                    front.bind(frontend), back.bind(backend));
            StatsLine stats = new StatsLine("lbbroker", System.err);
            try (Poller both = new Poller();
                    Poller backOnly = new Poller()) {
                int backIndex = both.register(back, Poller.READABLE);
                int frontIndex = both.register(front, Poller.READABLE);
                backOnly.register(back, Poller.READABLE);
                long nextStats = System.nanoTime();
                while (lifetime.tick(Duration.ZERO)) {
                    Poller poller = workers.isEmpty() ? backOnly : both;
                    if (poller.poll(Duration.ofMillis(200)) > 0) {
                        boolean backReady =
                                poller == backOnly
                                        ? backOnly.isReadable(0)
                                        : both.isReadable(backIndex);
                        if (backReady) {
                            fromWorker(back, front);
                        }
                        if (poller == both && both.isReadable(frontIndex) && !workers.isEmpty()) {
                            fromClient(front, back);
                        }
                    }
                    if (System.nanoTime() - nextStats >= 0) {
                        stats.print(
                                routed,
                                front.stats().peers().size() + back.stats().peers().size(),
                                workers.size() + " workers ready");
                        nextStats = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    }
                }
            }
            return 0;
        } catch (SocketClosedException e) {
            return 0;
        } finally {
            workers.forEach(Frame::release);
            workers.clear();
            ctx.close();
            lifetime.done();
        }
    }

    private void fromWorker(RouterSocket back, RouterSocket front) {
        Message m = back.tryReceive();
        if (m == null) {
            return;
        }
        try {
            if (m.size() < 3 || !m.frame(1).isEmpty()) {
                return;
            }
            workers.add(new Frame(m.frame(0).content().retainedDuplicate()));
            if (m.size() == 3 && m.frame(2).toString(StandardCharsets.UTF_8).equals(READY)) {
                return;
            }
            m.removeFirst().release();
            m.removeFirst().release();
            front.send(m);
            m = null;
        } finally {
            if (m != null) {
                m.close();
            }
        }
    }

    private void fromClient(RouterSocket front, RouterSocket back) {
        Message m = front.tryReceive();
        if (m == null) {
            return;
        }
        Frame worker = workers.poll();
        m.addFirst(Unpooled.EMPTY_BUFFER);
        m.addFirst(worker);
        if (back.send(m)) {
            routed++;
        } else {
            m.close();
        }
    }
}
