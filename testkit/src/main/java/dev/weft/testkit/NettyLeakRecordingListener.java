package dev.weft.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the {@link RecordingLeakDetector} when the JUnit launcher session opens, before any test
 * class runs and so (normally) before netty's buffer classes initialize.
 *
 * <p>Not registered by the testkit itself, because only one detector can watch netty's buffers and
 * the choice belongs to the project. To use it, put a file {@code
 * src/test/resources/META-INF/services/org.junit.platform.launcher.LauncherSessionListener} holding
 * the line {@code dev.weft.testkit.NettyLeakRecordingListener} in your project, and turn the checks
 * on with {@code @WeftTest(failOnNettyLeaks = true)} or {@code
 * -Dweft.testkit.failOnNettyLeaks=true}. Needs {@code junit-platform-launcher} on the test class
 * path, which every JUnit 5 runner has.
 *
 * <p>Called by the launcher on its own thread; stateless.
 */
public final class NettyLeakRecordingListener implements LauncherSessionListener {
    /** Creates the listener; the JUnit launcher calls this through the service loader. */
    public NettyLeakRecordingListener() {}

    /**
     * Installs the recorder.
     *
     * @param session the launcher session that opened
     */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!RecordingLeakDetector.install()) {
            System.getLogger(NettyLeakRecordingListener.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "weft-testkit: netty's buffers were initialized before the launcher"
                                    + " session opened; buffer leaks will not be recorded (use"
                                    + " -Dio.netty.customResourceLeakDetector="
                                    + RecordingLeakDetector.class.getName()
                                    + " instead)");
        }
    }
}
