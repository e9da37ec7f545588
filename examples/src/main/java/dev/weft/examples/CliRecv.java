package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.WeftSocket;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints received messages, one per line, until --count messages or a signal. A DISH's messages are
 * printed with their group, a SERVER's and a PEER's with the sender's routing id (see {@link
 * MessageFormat}). A REP echoes each request back, and so does any type that can send with {@code
 * --echo} (a SERVER or PEER to the peer that sent it).
 */
@Command(
        name = "recv",
        mixinStandardHelpOptions = true,
        description =
                "Print received messages, one per line (text, hex or JSON), with the group (DISH)"
                        + " or the sender's routing id (SERVER, PEER) first. A REP socket echoes"
                        + " each request back; --echo does so for other types.")
final class CliRecv implements Callable<Integer> {
    private static final Duration ECHO_TIMEOUT = Duration.ofSeconds(10);

    @Spec CommandSpec spec;

    @Mixin CliSocketOptions socket;

    @Option(names = "--format", defaultValue = "TEXT", description = "TEXT, HEX or JSON")
    MessageFormat format;

    @Option(names = "--separator", defaultValue = "|", description = "frame separator (default |)")
    String separator;

    @Option(names = "--count", defaultValue = "0", description = "stop after N messages (0: never)")
    long count;

    @Option(
            names = "--echo",
            description =
                    "send each message back (a SERVER or PEER: to its sender); REP always does")
    boolean echo;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Lifetime lifetime = Lifetime.install();
        Context ctx = Context.create();
        try {
            WeftSocket s = socket.open(ctx, "cli recv", spec.commandLine().getErr());
            MessageReceiver receiver = checkSocket(s);
            long received = 0;
            while ((count == 0 || received < count) && lifetime.tick(Duration.ZERO)) {
                Message m = receiver.receive(Duration.ofMillis(200));
                if (m == null) {
                    continue;
                }
                out.println(format.render(m, separator));
                out.flush();
                received++;
                if (echo || s instanceof RepSocket) {
                    if (!((MessageSender) s).send(m, ECHO_TIMEOUT)) {
                        m.close();
                    }
                } else {
                    m.close();
                }
            }
            return 0;
        } finally {
            ctx.close();
            lifetime.done();
        }
    }

    private MessageReceiver checkSocket(WeftSocket s) {
        if (!(s instanceof MessageReceiver receiver)) {
            throw new IllegalArgumentException(
                    s.type() + " cannot receive (expected: a type that receives; use cli send)");
        }
        if (echo && !(s instanceof MessageSender)) {
            throw new IllegalArgumentException(
                    "--echo with "
                            + s.type()
                            + " (expected: a type that can send too, such as SERVER or DEALER)");
        }
        if (s instanceof DishSocket && socket.joins.isEmpty()) {
            throw new IllegalArgumentException(
                    "DISH without --join (expected: at least one group, e.g. --join weather; a"
                            + " DISH receives only the groups it joined)");
        }
        return receiver;
    }
}
