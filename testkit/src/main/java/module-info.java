/**
 * JUnit 5 helpers for integration tests of Weft sockets and of anything that speaks ZMTP: an
 * extension that gives each test a Context and fails it on leaks, Awaitility-based waits, a
 * fault-injecting TCP proxy and a scripted raw-ZMTP peer. Only {@code dev.weft.testkit} is API.
 *
 * <p>netty-common is required transitively because {@code RecordingLeakDetector} extends its {@code
 * ResourceLeakDetector}; it is an automatic module, hence the suppressed warning.
 */
@SuppressWarnings("requires-transitive-automatic")
module dev.weft.testkit {
    requires transitive dev.weft.patterns;
    requires transitive org.junit.jupiter.api;
    requires transitive io.netty.common;
    requires static transitive org.junit.platform.launcher;
    requires awaitility;

    exports dev.weft.testkit;
}
