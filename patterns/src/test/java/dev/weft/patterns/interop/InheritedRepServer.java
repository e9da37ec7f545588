package dev.weft.patterns.interop;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.WeftException;
import dev.weft.patterns.RepSocket;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The child process of {@link SocketActivationTest}: a REP bound to {@code tcp://inherited}, or to
 * the endpoint given as its argument ({@code ipc://inherited}), its standard input being a
 * listening socket the launcher created, that answers {@code echo:<request>} until it gets {@code
 * quit}, then unbinds and exits.
 *
 * <p>It reports on standard output, one line each: {@code BOUND <endpoint>}, {@code SECOND <what a
 * second bind of the inherited socket threw>}, {@code UNBOUND <bound endpoints left>}.
 */
public final class InheritedRepServer {
    private static final int MOST_REQUESTS = 100;
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(60);

    private InheritedRepServer() {}

    /**
     * Runs the server.
     *
     * @param args none for {@code tcp://inherited}, or the inherited endpoint to bind
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        String inherited = args.length > 0 ? args[0] : "tcp://inherited";
        try (Context ctx = Context.create()) {
            RepSocket rep = new RepSocket(ctx);
            out.println("BOUND " + rep.bind(inherited));
            out.println("SECOND " + secondBind(ctx, inherited));
            out.flush();
            serve(rep);
            rep.unbind(inherited);
            out.println("UNBOUND " + rep.stats().listeners());
            out.flush();
        }
    }

    private static String secondBind(Context ctx, String inherited) {
        RepSocket other = new RepSocket(ctx);
        try {
            return "bound " + other.bind(inherited);
        } catch (WeftException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            other.close();
        }
    }

    private static void serve(RepSocket rep) {
        for (int i = 0; i < MOST_REQUESTS; i++) {
            String request;
            try (Message m = rep.receive(IDLE_LIMIT)) {
                if (m == null) {
                    return;
                }
                request = m.strings().get(0);
            }
            boolean quit = request.equals("quit");
            rep.send(Message.of(quit ? "bye" : "echo:" + request));
            if (quit) {
                return;
            }
        }
    }
}
