/**
 * Weft's benchmarks: JMH micro-benchmarks of the hot paths ({@code micro}), and a side-by-side
 * harness that runs Weft, JeroMQ, libzmq and plain NIO peers in separate processes and reports
 * same-run ratios ({@code harness}, {@code peer}, {@code report}). {@link dev.weft.bench.Main} is
 * the one entry point.
 *
 * <p>Nothing here is library code: classes are single-threaded unless they say otherwise, and the
 * harness exits non-zero when any run fails its checks.
 */
package dev.weft.bench;
