package dev.weft.bench.peer;

import dev.weft.core.Context;
import org.zeromq.ZContext;

/**
 * Opens a run's receiver and sender in one context of one library, for runs whose two halves share
 * a process (inproc, and the groups runs), and closes the context after the run.
 */
final class OneProcessPair {
    /** What a run does with its two sockets. */
    interface Body {
        /**
         * Runs both halves.
         *
         * @param receiver the receiving socket, not yet bound
         * @param sender the sending socket, not yet connected
         * @return the run's result
         */
        PeerResult run(BenchSocket receiver, BenchSocket sender);
    }

    private OneProcessPair() {}

    /**
     * Opens the pair of the run's pattern in one context and runs the body on it.
     *
     * @param a the run's arguments (library, pattern, stall timeout)
     * @param runName the run's name in the refusal of a library without such a run, e.g. {@code
     *     inproc}
     * @param body what to do with the two sockets
     * @return the body's result
     * @throws IllegalArgumentException for libzmq and raw NIO, which have no such run here
     */
    static PeerResult run(PeerArgs a, String runName, Body body) {
        return switch (a.library()) {
            case WEFT -> {
                try (Context context = Context.create()) {
                    yield body.run(
                            new WeftBenchSocket(context, a.pattern().receiver(), a.timeoutMs()),
                            new WeftBenchSocket(context, a.pattern().sender(), a.timeoutMs()));
                }
            }
            case JEROMQ -> {
                try (ZContext context = new ZContext(1)) {
                    yield body.run(
                            new JeromqBenchSocket(context, a.pattern().receiver(), a.timeoutMs()),
                            new JeromqBenchSocket(context, a.pattern().sender(), a.timeoutMs()));
                }
            }
            case LIBZMQ, RAW_NIO ->
                    throw new IllegalArgumentException(
                            "no " + runName + " run for " + a.library().label() + " here");
        };
    }
}
