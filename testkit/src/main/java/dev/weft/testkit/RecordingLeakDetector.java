package dev.weft.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A netty {@link ResourceLeakDetector} that keeps leak reports in memory instead of only logging
 * them, so that {@link WeftExtension} can fail the test that leaked a buffer.
 *
 * <h2>Getting it installed</h2>
 *
 * <p>netty creates the one detector that watches every {@link ByteBuf} when its buffer classes
 * initialize, the first time any buffer is made in the JVM. This recorder only sees buffer leaks
 * when it is netty's detector at that moment. Three ways, most reliable first:
 *
 * <ol>
 *   <li>The system property {@code
 *       -Dio.netty.customResourceLeakDetector=dev.weft.testkit.RecordingLeakDetector}: netty itself
 *       then creates this class for every resource type, whatever runs first. It is loaded through
 *       the system class loader, which is where Maven Surefire and Gradle put test classes.
 *   <li>{@link NettyLeakRecordingListener}, registered in the test class path's {@code
 *       META-INF/services/org.junit.platform.launcher.LauncherSessionListener}: installs the
 *       recorder when the JUnit launcher starts, before any test class runs.
 *   <li>{@link #install()}, which {@link WeftExtension} calls when leak checks are on: works only
 *       when nothing in the JVM has made a netty buffer yet, and tells whether it worked.
 * </ol>
 *
 * <p>Set {@code -Dio.netty.leakDetection.level=paranoid} too: at netty's default level only about
 * one buffer in 128 is tracked, so most leaks go unseen.
 *
 * <h2>Limits</h2>
 *
 * A leak is reported only after the garbage collector found the unreleased buffer unreachable and
 * netty's detector ran again; {@link #collect()} forces both, but a buffer that one test leaked and
 * that is still referenced (for example from a static field) is reported later, possibly against
 * another test.
 *
 * <p>Thread-safe: reports go to one process-wide queue.
 *
 * @param <T> the tracked resource type
 */
public class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
    private static final Set<String> WATCHED = ConcurrentHashMap.newKeySet();
    private static final int GC_ROUNDS = 3;
    private static final int PROBES_PER_ROUND = 256;
    private static final long GC_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * Creates a detector for one resource type; called by netty's detector factory.
     *
     * @param resourceType the tracked type
     * @param samplingInterval netty's sampling interval for the {@code SIMPLE} and {@code ADVANCED}
     *     levels
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        WATCHED.add(resourceType.getName());
    }

    /**
     * Creates a detector for one resource type; the form of constructor that netty's factory looks
     * up for its older factory method. The active-instance limit is not used.
     *
     * @param resourceType the tracked type
     * @param samplingInterval netty's sampling interval
     * @param maxActive ignored
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /**
     * Makes this recorder netty's detector factory, if netty's buffer classes have not initialized
     * yet. When they have, netty's factory is left as it was and nothing changes.
     *
     * <p>On success, also sets the leak detection level to {@code PARANOID}, so that every buffer
     * is tracked; on failure, changes nothing. Idempotent.
     *
     * @return true when this recorder now watches netty's buffers (also when it already did)
     */
    public static synchronized boolean install() {
        if (isRecordingBuffers()) {
            return true;
        }
        ResourceLeakDetector.Level previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetectorFactory previous = ResourceLeakDetectorFactory.instance();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Factory());
        // Making a buffer initializes netty's buffer classes, which ask the factory for their
        // detector now if they have not done so before.
        Unpooled.buffer(1).release();
        if (isRecordingBuffers()) {
            return true;
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(previous);
        ResourceLeakDetector.setLevel(previousLevel);
        return false;
    }

    /**
     * Tells whether this recorder is the detector netty uses for its buffers.
     *
     * @return true when buffer leaks are recorded here
     */
    public static boolean isRecordingBuffers() {
        return WATCHED.contains(ByteBuf.class.getName());
    }

    /**
     * Runs the garbage collector and makes and releases a few buffers, so that netty reports the
     * buffers that became unreachable without being released; then returns and clears every report
     * recorded so far. Takes some tens of milliseconds.
     *
     * @return the leak reports, one string each with netty's access records; empty when none
     */
    public static List<String> collect() {
        ByteBufAllocator pooled = PooledByteBufAllocator.DEFAULT;
        for (int round = 0; round < GC_ROUNDS; round++) {
            System.gc();
            LockSupport.parkNanos(GC_PAUSE_NS);
            // At levels below PARANOID netty looks for leaks only on sampled allocations.
            for (int i = 0; i < PROBES_PER_ROUND; i++) {
                pooled.heapBuffer(8).release();
                pooled.directBuffer(8).release();
            }
        }
        return drain();
    }

    /**
     * Returns and clears the reports recorded so far, without running the garbage collector.
     *
     * @return the leak reports; empty when none
     */
    public static List<String> drain() {
        List<String> out = new ArrayList<>();
        String report;
        while ((report = REPORTS.poll()) != null) {
            out.add(report);
        }
        return out;
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        REPORTS.add(
                "LEAK: " + resourceType + " was not released before it was collected" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        REPORTS.add(
                "LEAK: "
                        + resourceType
                        + " was not released before it was collected (no access records; set"
                        + " -Dio.netty.leakDetection.level=paranoid to see where it was used)");
    }

    /** Creates a {@link RecordingLeakDetector} for every resource type netty asks about. */
    private static final class Factory extends ResourceLeakDetectorFactory {
        @Override
        public <R> ResourceLeakDetector<R> newResourceLeakDetector(
                Class<R> resource, int samplingInterval) {
            return new RecordingLeakDetector<>(resource, samplingInterval);
        }

        @Override
        @SuppressWarnings("deprecation")
        public <R> ResourceLeakDetector<R> newResourceLeakDetector(
                Class<R> resource, int samplingInterval, long maxActive) {
            return new RecordingLeakDetector<>(resource, samplingInterval);
        }
    }
}
