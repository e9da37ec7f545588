package dev.weft.bench.micro;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A whole DEALER→ROUTER message path over TCP loopback, or over inproc, in one JVM: a burst of
 * {@value #BURST} sends, then as many receives, reported per message. Its point is {@code -prof
 * gc}: JMH's allocation counter covers every thread, I/O threads included, so {@code
 * gc.alloc.rate.norm} is the heap allocated per message end to end — for Weft's {@code ByteBuf}
 * path (pooled buffers), its {@code byte[]} path, and JeroMQ's {@code byte[]} path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class SocketPathBenchmark {
    static final int BURST = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A connected Weft DEALER and ROUTER. */
    @State(Scope.Thread)
    public static class WeftPair {
        /** Payload size in bytes. */
        @Param({"16", "1024"})
        public int size;

        /** {@code tcp} (loopback) or {@code inproc} (both sockets in one context). */
        @Param({"tcp", "inproc"})
        public String transport;

        Context context;
        DealerSocket dealer;
        RouterSocket router;
        byte[] payload;

        /** Connects the pair and waits until a message goes through. */
        @Setup(Level.Trial)
        public void setUp() {
            context = Context.create();
            router = new RouterSocket(context);
            dealer = new DealerSocket(context);
            dealer.connect(router.bind(endpoint(transport)));
            payload = new byte[size];
            Arrays.fill(payload, (byte) 'w');
            if (!dealer.send(Message.of(payload), TIMEOUT)) {
                throw new IllegalStateException("Weft DEALER did not connect within " + TIMEOUT);
            }
            // A receive blocked before the peer attached may miss its first wake-up; poll instead.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Message first;
            while ((first = router.receive(Duration.ofMillis(10))) == null) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Weft ROUTER got nothing within " + TIMEOUT);
                }
            }
            first.close();
        }

        /** Closes the sockets. */
        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    /** A connected JeroMQ DEALER and ROUTER. */
    @State(Scope.Thread)
    public static class JeromqPair {
        /** Payload size in bytes. */
        @Param({"16", "1024"})
        public int size;

        /** {@code tcp} (loopback) or {@code inproc} (both sockets in one context). */
        @Param({"tcp", "inproc"})
        public String transport;

        ZContext context;
        ZMQ.Socket dealer;
        ZMQ.Socket router;
        byte[] payload;

        /** Connects the pair. */
        @Setup(Level.Trial)
        public void setUp() {
            context = new ZContext(1);
            router = context.createSocket(SocketType.ROUTER);
            dealer = context.createSocket(SocketType.DEALER);
            router.setReceiveTimeOut((int) TIMEOUT.toMillis());
            router.bind(endpoint(transport));
            dealer.connect(router.getLastEndpoint());
            payload = new byte[size];
            Arrays.fill(payload, (byte) 'w');
        }

        /** Closes the sockets. */
        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    /**
     * Weft, pooled {@code ByteBuf} payloads: the zero-copy API path.
     *
     * @param p the pair
     * @param bh consumes received sizes
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void weftByteBuf(WeftPair p, Blackhole bh) {
        for (int i = 0; i < BURST; i++) {
            ByteBuf b = p.context.allocator().buffer(p.size);
            b.writeBytes(p.payload);
            Message m = Message.wrap(b);
            if (!p.dealer.send(m, TIMEOUT)) {
                m.close();
                throw new IllegalStateException("Weft send stalled");
            }
        }
        receiveWeft(p, bh);
    }

    /**
     * Weft, {@code byte[]} payloads wrapped by {@link Message#of(byte[]...)}.
     *
     * @param p the pair
     * @param bh consumes received sizes
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void weftByteArray(WeftPair p, Blackhole bh) {
        for (int i = 0; i < BURST; i++) {
            Message m = Message.of(p.payload);
            if (!p.dealer.send(m, TIMEOUT)) {
                m.close();
                throw new IllegalStateException("Weft send stalled");
            }
        }
        receiveWeft(p, bh);
    }

    /**
     * JeroMQ, {@code byte[]} payloads.
     *
     * @param p the pair
     * @param bh consumes received frames
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void jeromqByteArray(JeromqPair p, Blackhole bh) {
        for (int i = 0; i < BURST; i++) {
            if (!p.dealer.send(p.payload, 0)) {
                throw new IllegalStateException("JeroMQ send failed");
            }
        }
        for (int i = 0; i < BURST; i++) {
            byte[] id = p.router.recv(0);
            byte[] body = p.router.recv(0);
            if (id == null || body == null) {
                throw new IllegalStateException("JeroMQ receive timed out");
            }
            bh.consume(body);
        }
    }

    /** The endpoint a ROUTER binds for a transport parameter. */
    static String endpoint(String transport) {
        return "inproc".equals(transport) ? "inproc://socket-path" : "tcp://127.0.0.1:*";
    }

    private static void receiveWeft(WeftPair p, Blackhole bh) {
        for (int i = 0; i < BURST; i++) {
            try (Message m = p.router.receive(TIMEOUT)) {
                if (m == null) {
                    throw new IllegalStateException("Weft receive timed out");
                }
                bh.consume(m.frame(1).size());
            }
        }
    }
}
