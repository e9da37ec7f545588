/**
 * Helpers for integration tests of services built on Weft (or on any ZMTP implementation):
 *
 * <ul>
 *   <li>{@link dev.weft.testkit.WeftExtension} (or {@link dev.weft.testkit.WeftTest}): a fresh
 *       {@link dev.weft.core.Context} per test, closed after it; the test fails when Weft threads
 *       outlive it or, on request, when netty reports a leaked buffer ({@link
 *       dev.weft.testkit.RecordingLeakDetector}, {@link
 *       dev.weft.testkit.NettyLeakRecordingListener}).
 *   <li>{@link dev.weft.testkit.TestEndpoints}: ephemeral endpoints.
 *   <li>{@link dev.weft.testkit.WeftAwait} and {@link dev.weft.testkit.MonitorRecorder}: bounded,
 *       Awaitility-based waits for connections, subscriptions, messages and monitor events.
 *   <li>{@link dev.weft.testkit.FaultProxy}: a TCP proxy that adds latency, caps bandwidth, drops,
 *       resets, refuses and partitions connections between two sockets.
 *   <li>{@link dev.weft.testkit.ZmtpScriptedPeer}: a raw-ZMTP peer driven step by step, for
 *       handshake and malformed-input cases.
 * </ul>
 *
 * <p>Threads and ownership: only {@link dev.weft.testkit.FaultProxy} starts threads (named {@code
 * weft-fault-proxy-*}, ended by its {@code close()}); the other helpers work on the caller's
 * thread. Messages the helpers return belong to the caller, who must close them; byte arrays they
 * return are copies. Every helper is thread-safe except {@link dev.weft.testkit.ZmtpScriptedPeer},
 * which is meant for one test thread.
 */
package dev.weft.testkit;
