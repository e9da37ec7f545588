/**
 * JMH micro-benchmarks of Weft's hot paths. Run them through the bench jar, with {@code -prof gc}
 * for bytes allocated per operation ({@code gc.alloc.rate.norm}):
 *
 * <pre>
 * java -jar bench/target/weft-bench.jar jmh -prof gc FrameCodec
 * java -jar bench/target/weft-bench.jar micro          # every benchmark, with -prof gc
 * </pre>
 *
 * <p>Forks run with netty's leak detector off ({@code -Dio.netty.leakDetection.level=disabled}), as
 * the harness's peers do: its default sampling allocates a tracker for about one buffer in 128,
 * which would show up as a few bytes per operation that are not Weft's.
 *
 * <p>The engine packages ({@code dev.weft.core.zmtp}, {@code pipe}, {@code route}) are exported
 * only to Weft's own modules; the benchmarks run on the class path, where that does not apply.
 * Every benchmark releases what it allocates (the bench tests run them under netty's PARANOID leak
 * detector).
 */
package dev.weft.bench.micro;
