package dev.weft.bench.micro;

import dev.weft.core.Message;
import dev.weft.core.zmtp.FrameDecoder;
import dev.weft.core.zmtp.FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * ZMTP frame decode and encode of one single-frame message, per body size. Decode copies bodies up
 * to {@link FrameDecoder#COPY_THRESHOLD} into pooled buffers and slices larger ones; encode writes
 * header and body into a reused pooled buffer, as the engine's write path does for bodies below its
 * gather threshold.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class FrameCodecBenchmark {
    /** Body size in bytes. */
    @Param({"1", "32", "256", "1024", "65536"})
    public int size;

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private ByteBuf wire;
    private ByteBuf out;
    private Message message;
    private FrameDecoder decoder;
    private Blackhole sinkHole;
    private final FrameDecoder.Sink sink = this::onFrame;

    /**
     * Builds the wire bytes of one frame and the message to encode.
     *
     * @param bh where decoded bodies go
     */
    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        sinkHole = bh;
        decoder = new FrameDecoder(allocator, Long.MAX_VALUE, 64 * 1024);
        ByteBuf body = allocator.buffer(size).writeZero(size);
        message = Message.wrap(body);
        wire = allocator.directBuffer(FrameEncoder.headerSize(size) + size);
        FrameEncoder.writeMessage(message, wire);
        out = allocator.directBuffer(FrameEncoder.headerSize(size) + size);
    }

    /** Releases the buffers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        message.close();
        wire.release();
        out.release();
    }

    /**
     * Decodes one frame from the start of the wire buffer.
     *
     * @throws Exception never for this well-formed input
     */
    @Benchmark
    public void decode() throws Exception {
        wire.readerIndex(0);
        decoder.decode(wire, sink);
    }

    /**
     * Encodes the message (header and body copy) into the reused output buffer.
     *
     * @return the output buffer
     */
    @Benchmark
    public ByteBuf encode() {
        out.clear();
        FrameEncoder.writeMessage(message, out);
        return out;
    }

    private void onFrame(int flags, ByteBuf body) {
        sinkHole.consume(flags);
        sinkHole.consume(body.readableBytes());
        body.release();
    }
}
