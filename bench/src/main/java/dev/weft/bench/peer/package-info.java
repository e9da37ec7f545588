/**
 * The peer side of the harness: one process runs one role (throughput sender or receiver, latency
 * client or echo, fan-out publisher or subscribers) over one library, then prints one {@code
 * RESULT} or {@code ERROR} line.
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
 */
package dev.weft.bench.peer;
