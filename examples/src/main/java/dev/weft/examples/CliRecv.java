package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.RepSocket;
import dev.weft.patterns.WeftSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints received messages, one per line, until --count messages or a signal. */
@Command(
        name = "recv",
        mixinStandardHelpOptions = true,
        description =
                "Print received messages, one per line (text, hex or JSON). A REP socket echoes"
                        + " each request back.")
final class CliRecv implements Callable<Integer> {
    @Mixin CliSocketOptions socket;

    @Option(names = "--format", defaultValue = "TEXT", description = "TEXT, HEX or JSON")
    MessageFormat format;

    @Option(names = "--separator", defaultValue = "|", description = "frame separator (default |)")
    String separator;

    @Option(names = "--count", defaultValue = "0", description = "stop after N messages (0: never)")
    long count;

    @Override
    public Integer call() {
        Lifetime lifetime = Lifetime.install();
        Context ctx = Context.create();
        try {
            WeftSocket s = socket.open(ctx, "cli recv");
            if (!(s instanceof MessageReceiver receiver)) {
                throw new IllegalArgumentException(s.type() + " cannot receive; use cli send");
            }
            long received = 0;
            while ((count == 0 || received < count) && lifetime.tick(Duration.ZERO)) {
                Message m = receiver.receive(Duration.ofMillis(200));
                if (m == null) {
                    continue;
                }
                System.out.println(format.render(m, separator));
                System.out.flush();
                received++;
                if (s instanceof RepSocket) {
                    ((MessageSender) s).send(m);
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
}
