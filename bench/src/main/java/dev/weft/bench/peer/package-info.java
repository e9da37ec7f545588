/**
 * The peer side of the harness: one process runs one role (throughput sender or receiver, latency
 * client or echo, fan-out publisher or subscribers, idle-connection DEALERs or ROUTER) over one
 * library, then prints one {@code RESULT} or {@code ERROR} line.
 *
 * <h2>Line protocol (stdout, shared with the libzmq C peer)</h2>
 *
 * <pre>
 * READY endpoint=tcp://127.0.0.1:40111      binding roles, once bound
 * RESULT role=thr-recv messages=N bytes=B ...   once, at the end of a good run
 * ERROR TIMEOUT: no message within 10000 ms after 812 of ...   once, at the end of a failed run
 * </pre>
 *
 * <p>A payload of zero bytes is the end marker: the sender (or latency client) sends it once after
 * its last message; receivers stop on it and the echo side returns it. Every loop is bounded by a
 * message count and a deadline.
 *
 * <p>Each peer process runs its role on the main thread, except the fan-out subscribers: one thread
 * and one socket (in its own context) per subscriber.
 *
 * <p>Where Linux's {@code /proc/self} can be read ({@link dev.weft.bench.peer.ProcSelf}), a
 * throughput side also reports the system calls and context switches of its own timed block ({@code
 * timed_syscr}, {@code timed_syscw}, {@code timed_vcsw}, {@code timed_ivcsw}), and the
 * idle-connection roles their resident size and open descriptors before and after connecting (plus,
 * in a JVM, heap after GC and direct memory; {@link dev.weft.bench.peer.MemoryUse}). A figure that
 * cannot be read is left out of the line, never reported as zero.
 */
package dev.weft.bench.peer;
