package dev.weft.bench.peer;

import dev.weft.bench.Library;
import dev.weft.bench.SocketKind;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs one peer role in this process and prints its {@code READY} and {@code RESULT}/{@code ERROR}
 * lines (see the package doc). Started by the harness as {@code Main peer --library ... }.
 */
public final class PeerMain {
    private PeerMain() {}

    /**
     * Runs a peer.
     *
     * @param args {@code --name value} pairs, see {@link PeerArgs}
     * @param out where the protocol lines go (flushed after each)
     * @return the process exit status: 0 for a good result, 1 otherwise
     */
    public static int run(List<String> args, PrintStream out) {
        PeerResult result;
        try {
            PeerArgs a = PeerArgs.parse(args);
            result = runRole(a, out);
        } catch (BenchFailure e) {
            result = PeerResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            result = PeerResult.failed("PEER_FAILED: " + e);
            e.printStackTrace();
        }
        out.println(result.toLine());
        out.flush();
        return result.isOk() ? 0 : 1;
    }

    private static PeerResult runRole(PeerArgs a, PrintStream out) {
        return switch (a.role()) {
            case THROUGHPUT_RECEIVER -> onOneSocket(a, out, ThroughputRun::receive);
            case THROUGHPUT_SENDER -> onOneSocket(a, out, ThroughputRun::send);
            case INPROC_RECEIVER -> InprocThroughputRun.run(a, out);
            case INPROC_SENDER ->
                    throw new IllegalArgumentException(
                            "inproc-send runs as a thread of inproc-recv, not as a process");
            case GROUPS_RECEIVER -> GroupsRun.run(a, out);
            case GROUPS_SENDER ->
                    throw new IllegalArgumentException(
                            "groups-send runs as a thread of groups-recv, not as a process");
            case LATENCY_ECHO -> onOneSocket(a, out, LatencyRun::echo);
            case LATENCY_CLIENT -> onOneSocket(a, out, LatencyRun::client);
            case FANOUT_PUBLISHER ->
                    onOneSocket(a, out, (socket, args) -> FanOutRun.publish(socket, args, false));
            case FANOUT_PUBLISHER_LOSSLESS ->
                    onOneSocket(a, out, (socket, args) -> FanOutRun.publish(socket, args, true));
            case FANOUT_SUBSCRIBERS ->
                    FanOutRun.subscribe(() -> open(a.library(), a.pattern().receiver(), a), a);
            case IDLE_ACCEPT -> {
                try (IdleSockets sockets = idleSockets(a)) {
                    yield IdleRun.accept(sockets, a, out, MemoryUse::ofThisJvm);
                }
            }
            case IDLE_CONNECT -> {
                try (IdleSockets sockets = idleSockets(a)) {
                    yield IdleRun.connect(sockets, a, MemoryUse::ofThisJvm);
                }
            }
        };
    }

    /**
     * Opens the idle-connection run's sockets of a library.
     *
     * @param a the run's arguments (library, connections)
     * @return the sockets' context
     * @throws IllegalArgumentException for a library without DEALER and ROUTER sockets here
     */
    private static IdleSockets idleSockets(PeerArgs a) {
        return switch (a.library()) {
            case WEFT -> new WeftIdleSockets();
            case JEROMQ -> new JeromqIdleSockets(a.connections() + 1);
            case RAW_NIO, LIBZMQ ->
                    throw new IllegalArgumentException(
                            "no idle-connection run for " + a.library().label() + " here");
        };
    }

    private static PeerResult onOneSocket(
            PeerArgs a, PrintStream out, BiFunction<BenchSocket, PeerArgs, PeerResult> body) {
        SocketKind kind = a.role().sends() ? a.pattern().sender() : a.pattern().receiver();
        try (BenchSocket socket = open(a.library(), kind, a)) {
            if (a.role().binds()) {
                String endpoint = socket.bind(a.endpoint());
                out.println(PeerResult.READY + " endpoint=" + endpoint);
                out.flush();
            } else {
                socket.connect(a.endpoint());
            }
            try {
                return withConnectRetries(body.apply(socket, a), socket.connectRetries());
            } catch (BenchFailure e) {
                String trail = socket.diagnostics();
                if (!trail.isEmpty()) {
                    System.err.println("weft monitor events before the failure:\n" + trail);
                }
                throw e;
            }
        }
    }

    /**
     * Adds {@code connect_retries} to a good result when connecting needed retries.
     *
     * @param r the result
     * @param retries how many times a socket was recreated to connect
     * @return {@code r} itself when there were none
     */
    static PeerResult withConnectRetries(PeerResult r, int retries) {
        if (retries == 0 || !r.isOk()) {
            return r;
        }
        Map<String, String> f = new LinkedHashMap<>(r.fields());
        f.put("connect_retries", Integer.toString(retries));
        return PeerResult.ok(f);
    }

    /**
     * Opens a socket of a library.
     *
     * @param library the implementation (not libzmq, whose peer is a C program)
     * @param kind the socket type
     * @param a the run's arguments (stall timeout, message size)
     * @return the socket
     * @throws IllegalArgumentException for libzmq, or a kind the library lacks
     */
    static BenchSocket open(Library library, SocketKind kind, PeerArgs a) {
        return switch (library) {
            case WEFT -> new WeftBenchSocket(kind, a.timeoutMs());
            case JEROMQ -> new JeromqBenchSocket(kind, a.timeoutMs());
            case RAW_NIO -> {
                if (kind != SocketKind.STREAM) {
                    throw new IllegalArgumentException(
                            "raw NIO runs only the RAW_TCP pattern (got " + kind + ")");
                }
                yield new RawTcpBenchSocket(a.sizeBytes(), a.timeoutMs());
            }
            case LIBZMQ ->
                    throw new IllegalArgumentException(
                            "libzmq peers are C programs built by the harness, not Java peers");
        };
    }
}
