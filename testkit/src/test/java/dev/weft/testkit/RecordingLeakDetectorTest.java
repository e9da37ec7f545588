package dev.weft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The recorder's own logic, on a resource type of its own: netty's buffers in this build are
 * watched by weft-core's test recorder, so these tests track plain objects instead of buffers.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RecordingLeakDetectorTest {
    private ResourceLeakDetector.Level levelBefore;

    /** A resource type only these tests track. */
    private static final class Resource {}

    @BeforeEach
    void trackEverything() {
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        RecordingLeakDetector.drain();
    }

    @AfterEach
    void restoreLevel() {
        ResourceLeakDetector.setLevel(levelBefore);
    }

    @Test
    void shouldRecordAResourceThatWasCollectedWithoutBeingClosed() {
        RecordingLeakDetector<Resource> detector = new RecordingLeakDetector<>(Resource.class, 1);
        leakOne(detector);

        List<String> reports = new ArrayList<>();
        // A report appears once the garbage collector enqueued the lost tracker and a later
        // track() call found it there.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            System.gc();
                            Resource probe = new Resource();
                            detector.track(probe).close(probe);
                            reports.addAll(RecordingLeakDetector.drain());
                            return !reports.isEmpty();
                        });

        assertThat(reports.get(0))
                .startsWith("LEAK: RecordingLeakDetectorTest$Resource was not released")
                .contains("leakOne");
    }

    @Test
    void shouldRecordNothingWhenEveryResourceIsClosed() {
        RecordingLeakDetector<Resource> detector = new RecordingLeakDetector<>(Resource.class, 1);
        for (int i = 0; i < 10; i++) {
            Resource r = new Resource();
            ResourceLeakTracker<Resource> tracker = detector.track(r);
            assertThat(tracker.close(r)).isTrue();
        }
        System.gc();
        Resource probe = new Resource();
        detector.track(probe).close(probe);

        assertThat(RecordingLeakDetector.drain()).isEmpty();
    }

    @Test
    void shouldNotTakeOverBuffersThatAnotherDetectorAlreadyWatches() {
        Unpooled.buffer(1).release(); // netty's buffer classes are initialized from here on
        Assumptions.assumeFalse(
                RecordingLeakDetector.isRecordingBuffers(),
                "this JVM runs with the recorder as netty's detector");

        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);

        assertThat(RecordingLeakDetector.install()).isFalse();
        assertThat(RecordingLeakDetector.isRecordingBuffers()).isFalse();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.SIMPLE);
    }

    @Test
    void shouldCollectWithoutReportsWhenNothingLeaked() {
        assertThat(RecordingLeakDetector.collect()).isEmpty();
    }

    private static void leakOne(RecordingLeakDetector<Resource> detector) {
        ResourceLeakTracker<Resource> tracker = detector.track(new Resource());
        assertThat(tracker).isNotNull();
        tracker.record("touched by leakOne");
    }
}
