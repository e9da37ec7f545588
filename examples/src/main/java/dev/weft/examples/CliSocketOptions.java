package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.WeftSocket;
import dev.weft.patterns.XSubSocket;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every cli command shares: the socket type, its endpoints and subscriptions. */
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

    @Option(names = "--identity", description = "routing id announced to ROUTER peers")
    String identity;

    /** Creates the socket, binds, connects and subscribes; prints what it did to stderr. */
    WeftSocket open(Context ctx, String name) {
        if (binds.isEmpty() && connects.isEmpty()) {
            throw new IllegalArgumentException("give at least one --bind or --connect endpoint");
        }
        SocketOptions.Builder b = SocketOptions.builder().immediate(false);
        if (identity != null) {
            b.routingId(identity);
        }
        WeftSocket socket = Sockets.create(ctx, type, b.build());
        for (String topic : subscriptions) {
            if (socket instanceof SubSocket sub) {
                sub.subscribe(topic);
            } else if (socket instanceof XSubSocket xsub) {
                xsub.subscribe(topic);
            } else {
                throw new IllegalArgumentException("--subscribe needs a SUB or XSUB socket");
            }
        }
        for (String ep : binds) {
            System.err.println(name + ": " + socket.type() + " bound to " + socket.bind(ep));
        }
        for (String ep : connects) {
            socket.connect(ep);
            System.err.println(name + ": " + socket.type() + " connecting to " + ep);
        }
        return socket;
    }

    /** The socket type names, for picocli's help. */
    static final class TypeNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TypeNames() {
            super(Sockets.TYPES);
        }
    }
}
