/**
 * The side-by-side harness: a table of {@link dev.weft.bench.harness.Scenario}s, run for each
 * library in alternation (A B A B …) with sender and receiver in two fresh processes per run, each
 * run's counts verified ({@link dev.weft.bench.harness.RunVerifier}) before any number from it is
 * used. Besides rates and latencies, each side's system calls and context switches per message
 * ({@link dev.weft.bench.harness.SyscallMetrics}) and the cost of idle connections ({@link
 * dev.weft.bench.harness.IdleVerifier}, {@link dev.weft.bench.harness.IdleBudget}).
 *
 * <p>The orchestrating process only launches peers, reads their one-line results and writes
 * reports; it runs on one thread (plus one stdout reader thread per peer process).
 */
package dev.weft.bench.harness;
