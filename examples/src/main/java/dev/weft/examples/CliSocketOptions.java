package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.PeerSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.WeftSocket;
import dev.weft.patterns.XSubSocket;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every cli command shares: the socket type, its endpoints, subscriptions and groups. A
 * PEER connects with {@link PeerSocket#connectPeer}, and the routing ids of its peers are kept in
 * {@link #peerIds()}.
 */
final class CliSocketOptions {
    @Option(
            names = {"-t", "--type"},
            required = true,
            description = "socket type: ${COMPLETION-CANDIDATES}",
            completionCandidates = TypeNames.class)
    String type;

    @Option(
            names = "--bind",
            description = "endpoint to bind (repeatable; tcp://inherited: socket activation)")
    List<String> binds = new ArrayList<>();

    @Option(names = "--connect", description = "endpoint to connect (repeatable)")
    List<String> connects = new ArrayList<>();

    @Option(names = "--subscribe", description = "SUB/XSUB topic prefix (repeatable)")
    List<String> subscriptions = new ArrayList<>();

    @Option(names = "--join", description = "DISH group to join, exact match (repeatable)")
    List<String> joins = new ArrayList<>();

    @Option(names = "--identity", description = "routing id announced to ROUTER peers")
    String identity;

    private final List<Integer> peerIds = new ArrayList<>();

    /**
     * Creates the socket, joins or subscribes, binds and connects; prints what it did.
     *
     * @param ctx the context that owns the socket
     * @param name the command's name, to start each printed line
     * @param err where to print
     * @return the socket
     * @throws IllegalArgumentException for an unknown type, no endpoint, or an option the type does
     *     not take
     */
    WeftSocket open(Context ctx, String name, PrintWriter err) {
        if (binds.isEmpty() && connects.isEmpty()) {
            throw new IllegalArgumentException(
                    "no endpoint (expected: at least one --bind or --connect)");
        }
        SocketOptions.Builder b = SocketOptions.builder().immediate(false);
        if (identity != null) {
            b.routingId(identity);
        }
        WeftSocket socket = Sockets.create(ctx, type, b.build());
        subscribe(socket);
        for (String ep : binds) {
            err.println(name + ": " + socket.type() + " bound to " + socket.bind(ep));
        }
        for (String ep : connects) {
            if (socket instanceof PeerSocket peer) {
                int id = peer.connectPeer(ep);
                peerIds.add(id);
                err.println(
                        name
                                + ": PEER connecting to "
                                + ep
                                + " (its routing id "
                                + Integer.toUnsignedString(id)
                                + ")");
            } else {
                socket.connect(ep);
                err.println(name + ": " + socket.type() + " connecting to " + ep);
            }
        }
        err.flush();
        return socket;
    }

    /**
     * The routing ids of the peers a PEER socket connected to, in the order of {@code --connect}.
     *
     * @return the ids; empty for other types
     */
    List<Integer> peerIds() {
        return List.copyOf(peerIds);
    }

    private void subscribe(WeftSocket socket) {
        for (String topic : subscriptions) {
            if (socket instanceof SubSocket sub) {
                sub.subscribe(topic);
            } else if (socket instanceof XSubSocket xsub) {
                xsub.subscribe(topic);
            } else {
                throw new IllegalArgumentException(
                        "--subscribe with " + socket.type() + " (expected: SUB or XSUB)");
            }
        }
        if (!joins.isEmpty()) {
            if (!(socket instanceof DishSocket dish)) {
                throw new IllegalArgumentException(
                        "--join with " + socket.type() + " (expected: DISH)");
            }
            GroupNames.check("--join", joins);
            for (String group : joins) {
                dish.join(group);
            }
        }
    }

    /** The socket type names, for picocli's help. */
    static final class TypeNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TypeNames() {
            super(Sockets.TYPES);
        }
    }
}
