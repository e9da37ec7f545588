package dev.weft.bench.micro;

import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.PipeOwner;
import dev.weft.core.route.RoutingTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * ROUTER's lookup of a pipe by the routing-id frame of an outgoing message ({@link
 * RoutingTable#get(ByteBuf)}), with libzmq-style generated 5-byte ids, for several peer counts;
 * cycles through every peer's id so lookups are not all one cache line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class RoutingTableBenchmark {
    /** Number of routed peers. */
    @Param({"1", "16", "1024"})
    public int peers;

    private RoutingTable table;
    private ByteBuf[] ids;
    private int next;

    /** Fills the table with pipes under generated ids. */
    @Setup(Level.Trial)
    public void setUp() {
        table = new RoutingTable();
        ids = new ByteBuf[peers];
        PipeOwner owner = new IdleOwner();
        PipeEngine engine = new IdleEngine();
        for (int i = 0; i < peers; i++) {
            byte[] id = table.generateRouterId();
            Pipe pipe =
                    new Pipe(
                            owner,
                            engine,
                            1000,
                            1000,
                            SocketType.DEALER,
                            Metadata.EMPTY,
                            "tcp://127.0.0.1:1",
                            "127.0.0.1:" + i,
                            true);
            table.add(id, pipe, false);
            // A frame as ROUTER sees it: the id in its own (heap) buffer.
            ids[i] = Unpooled.wrappedBuffer(id.clone());
        }
    }

    /** Releases the id frames. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf b : ids) {
            b.release();
        }
    }

    /**
     * Looks up the next peer's id frame.
     *
     * @return the pipe found
     */
    @Benchmark
    public Pipe lookup() {
        int i = next;
        next = i + 1 == peers ? 0 : i + 1;
        return table.get(ids[i]);
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
