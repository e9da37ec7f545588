package dev.weft.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link WeftExtension} on a test class or method and sets its checks.
 *
 * <pre>{@code
 * @WeftTest(failOnNettyLeaks = true)
 * @Timeout(30)
 * class OrderServiceIT {
 *     @Test
 *     void shouldAnswerPing(Context context) { ... }
 * }
 * }</pre>
 *
 * <p>The annotation nearest the test wins as a whole: one on the method replaces the class's, one
 * on a {@code @Nested} class replaces its enclosing class's. Without any, the extension uses the
 * settings it was built with ({@link WeftExtension#builder()}), or the defaults below.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(WeftExtension.class)
public @interface WeftTest {
    /**
     * The number of I/O threads of each injected {@link dev.weft.core.Context}.
     *
     * @return at least 1; default 1
     */
    int ioThreads() default 1;

    /**
     * Whether a test fails when a thread named {@code weft-*} that it started (a Context's I/O
     * thread, a Proxy, a FaultProxy) is still running after the test, once the injected Context is
     * closed and {@link #threadStopTimeoutMs()} has passed.
     *
     * @return default true
     */
    boolean failOnLeakedThreads() default true;

    /**
     * How long threads get to end after the test before they count as leaked.
     *
     * @return milliseconds, at least 0; default 5000
     */
    long threadStopTimeoutMs() default 5_000;

    /**
     * Whether a test fails when netty reported a buffer that was never released. Needs the {@link
     * RecordingLeakDetector} installed (see there); the test fails with instructions when it is
     * not. The system property {@code weft.testkit.failOnNettyLeaks=true} turns this on for every
     * test.
     *
     * @return default false
     */
    boolean failOnNettyLeaks() default false;
}
