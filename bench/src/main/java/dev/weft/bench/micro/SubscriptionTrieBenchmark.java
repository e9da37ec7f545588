package dev.weft.bench.micro;

import dev.weft.core.route.SubscriptionTrie;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * PUB's publisher-side filtering ({@link SubscriptionTrie#match}): every subscriber holds a few
 * topic prefixes such as {@code market.<n>.}; each published topic matches one subscriber's prefix.
 * Cycles through the topics so matches are not all one path of the trie.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class SubscriptionTrieBenchmark {
    /** Number of subscribers, each with {@value #PREFIXES_PER_SUBSCRIBER} prefixes. */
    @Param({"4", "64", "1024"})
    public int subscribers;

    private static final int PREFIXES_PER_SUBSCRIBER = 4;

    private SubscriptionTrie<Integer> trie;
    private ByteBuf[] topics;
    private int next;
    private Blackhole sink;
    private Consumer<Integer> visitor;

    /** Builds the trie and the topics. */
    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        visitor = sink::consume;
        trie = new SubscriptionTrie<>();
        int prefixes = subscribers * PREFIXES_PER_SUBSCRIBER;
        topics = new ByteBuf[prefixes];
        for (int i = 0; i < prefixes; i++) {
            String prefix = "market." + i + ".";
            trie.add(prefix.getBytes(StandardCharsets.US_ASCII), i / PREFIXES_PER_SUBSCRIBER);
            topics[i] =
                    Unpooled.wrappedBuffer(
                            (prefix + "price.update").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Releases the topic frames. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf b : topics) {
            b.release();
        }
    }

    /** Matches the next topic against every subscription. */
    @Benchmark
    public void match() {
        int i = next;
        next = i + 1 == topics.length ? 0 : i + 1;
        trie.match(topics[i], visitor);
    }
}
