package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.ChannelSocket;
import dev.weft.patterns.ClientSocket;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.GatherSocket;
import dev.weft.patterns.PairSocket;
import dev.weft.patterns.PeerSocket;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import dev.weft.patterns.RadioSocket;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.RouterSocket;
import dev.weft.patterns.ScatterSocket;
import dev.weft.patterns.ServerSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.WeftSocket;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import java.util.List;
import java.util.Locale;

/** Creates a socket from its type name, for the command-line tool. */
final class Sockets {
    /** The type names the tool accepts: the classic types, then RADIO/DISH and the draft types. */
    static final List<String> TYPES =
            List.of(
                    "PAIR", "PUB", "SUB", "XPUB", "XSUB", "PUSH", "PULL", "REQ", "REP", "DEALER",
                    "ROUTER", "RADIO", "DISH", "CLIENT", "SERVER", "SCATTER", "GATHER", "PEER",
                    "CHANNEL");

    private Sockets() {}

    static WeftSocket create(Context ctx, String type, SocketOptions options) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "PAIR" -> new PairSocket(ctx, options);
            case "PUB" -> new PubSocket(ctx, options);
            case "SUB" -> new SubSocket(ctx, options);
            case "XPUB" -> new XPubSocket(ctx, options);
            case "XSUB" -> new XSubSocket(ctx, options);
            case "PUSH" -> new PushSocket(ctx, options);
            case "PULL" -> new PullSocket(ctx, options);
            case "REQ" -> new ReqSocket(ctx, options);
            case "REP" -> new RepSocket(ctx, options);
            case "DEALER" -> new DealerSocket(ctx, options);
            case "ROUTER" -> new RouterSocket(ctx, options);
            case "RADIO" -> new RadioSocket(ctx, options);
            case "DISH" -> new DishSocket(ctx, options);
            case "CLIENT" -> new ClientSocket(ctx, options);
            case "SERVER" -> new ServerSocket(ctx, options);
            case "SCATTER" -> new ScatterSocket(ctx, options);
            case "GATHER" -> new GatherSocket(ctx, options);
            case "PEER" -> new PeerSocket(ctx, options);
            case "CHANNEL" -> new ChannelSocket(ctx, options);
            default ->
                    throw new IllegalArgumentException(
                            "socket type '" + type + "' (expected one of " + TYPES + ")");
        };
    }
}
