package dev.weft.bench.micro;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.PipeOwner;
import dev.weft.core.route.Distributor;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.LoadBalancer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a readable or writable edge costs the routing primitives with many peers: one pipe made
 * active and then found idle again (read empty by {@link FairQueue}, found full by {@link
 * LoadBalancer}), one pipe detached and attached again, and one pipe marked by {@link
 * Distributor#match} — cycling through every pipe, so positions are spread over the whole set.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class PipeActivationBenchmark {
    /** Number of attached pipes. */
    @Param({"16", "1024", "10000"})
    public int pipes;

    private Pipe[] all;
    private Pipe[] subscribers;
    private FairQueue fairQueue;
    private LoadBalancer loadBalancer;
    private Distributor distributor;
    private Message refused;
    private int next;

    /**
     * Attaches the pipes: each to the fair queue (empty and idle) and to the load balancer (full:
     * high-water mark 1, one message queued; and idle); as many others to the distributor, since a
     * pipe is in one sending primitive at a time.
     */
    @Setup(Level.Trial)
    public void setUp() {
        all = new Pipe[pipes];
        subscribers = new Pipe[pipes];
        fairQueue = new FairQueue();
        loadBalancer = new LoadBalancer();
        distributor = new Distributor();
        PipeOwner owner = new IdleOwner();
        PipeEngine engine = new IdleEngine();
        for (int i = 0; i < pipes; i++) {
            all[i] = pipe(owner, engine, i);
            fairQueue.attach(all[i]);
            loadBalancer.attach(all[i]);
            subscribers[i] = pipe(owner, engine, i);
            distributor.attach(subscribers[i]);
        }
        for (int i = 0; i < pipes; i++) {
            loadBalancer.send(Message.of(new byte[1]));
        }
        refused = Message.of(new byte[1]);
        loadBalancer.send(refused);
        fairQueue.receive();
    }

    /** Releases what the pipes and the benchmark hold. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (Pipe p : all) {
            p.releaseQueued();
        }
        refused.close();
    }

    /**
     * A readable edge on one pipe, then a receive that finds it empty and deactivates it.
     *
     * @return the received message (always null)
     */
    @Benchmark
    public Message fairQueueActivateDeactivate() {
        fairQueue.activate(nextPipe());
        return fairQueue.receive();
    }

    /**
     * A writable edge on one pipe, then a send that finds it full and deactivates it.
     *
     * @return whether the send was taken (always false)
     */
    @Benchmark
    public boolean loadBalancerActivateDeactivate() {
        loadBalancer.activate(nextPipe());
        return loadBalancer.send(refused);
    }

    /**
     * One pipe detached from the fair queue and attached again.
     *
     * @return the primitive
     */
    @Benchmark
    public FairQueue fairQueueDetachAttach() {
        Pipe p = nextPipe();
        fairQueue.detach(p);
        fairQueue.attach(p);
        return fairQueue;
    }

    /**
     * One pipe marked for the next message, then the marks cleared.
     *
     * @return the primitive
     */
    @Benchmark
    public Distributor distributorMatch() {
        int i = next;
        next = i + 1 == pipes ? 0 : i + 1;
        distributor.match(subscribers[i]);
        distributor.unmatch();
        return distributor;
    }

    private static Pipe pipe(PipeOwner owner, PipeEngine engine, int i) {
        return new Pipe(
                owner,
                engine,
                1,
                1,
                SocketType.DEALER,
                Metadata.EMPTY,
                "tcp://127.0.0.1:1",
                "127.0.0.1:" + i,
                true);
    }

    private Pipe nextPipe() {
        int i = next;
        next = i + 1 == pipes ? 0 : i + 1;
        return all[i];
    }

    /** A pipe owner that ignores edges (no socket behind these pipes). */
    private static final class IdleOwner implements PipeOwner {
        @Override
        public void pipeReadable(Pipe pipe) {}

        @Override
        public void pipeWritable(Pipe pipe) {}

        @Override
        public void pipeDrained(Pipe pipe) {}
    }

    /** A pipe engine that ignores requests (no connection behind these pipes). */
    private static final class IdleEngine implements PipeEngine {
        @Override
        public void outboundReady() {}

        @Override
        public void inboundDrained() {}

        @Override
        public void reject(String reason) {}
    }
}
