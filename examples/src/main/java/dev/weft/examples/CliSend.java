package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.WeftSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sends messages given as arguments, or one per line of stdin; frames are split at the separator. A
 * REQ socket prints each reply. Messages queue while the peer is not connected (as with libzmq);
 * those still queued when the linger ends after closing are reported, with exit code 1.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description =
                "Send messages (arguments, or lines of stdin) with any socket type; frames are"
                        + " split at --separator. REQ prints each reply. Exits with 1 when"
                        + " messages were still undelivered when the linger (1 s) ended.")
final class CliSend implements Callable<Integer> {
    @Mixin CliSocketOptions socket;

    @Option(names = "--separator", defaultValue = "|", description = "frame separator (default |)")
    String separator;

    @Option(
            names = "--timeout",
            defaultValue = "PT10S",
            description = "how long each send (and REQ reply) may wait, ISO-8601 (default PT10S)")
    Duration timeout;

    @Option(names = "--format", defaultValue = "TEXT", description = "REQ replies: TEXT, HEX, JSON")
    MessageFormat format;

    @Parameters(description = "messages to send; none: read lines from stdin")
    List<String> messages = new ArrayList<>();

    /**
     * Sends, closes, and reports: exit 0 when every message was delivered; 1 when some were still
     * queued when the socket's linger ended (nobody took them).
     */
    @Override
    public Integer call() throws Exception {
        WeftSocket s;
        int sent = 0;
        try (Context ctx = Context.create()) {
            s = socket.open(ctx, "cli send");
            if (!(s instanceof MessageSender sender)) {
                throw new IllegalArgumentException(s.type() + " cannot send; use cli recv");
            }
            if (!messages.isEmpty()) {
                for (String text : messages) {
                    sent += sendOne(s, sender, text) ? 1 : 0;
                }
            } else {
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    sent += sendOne(s, sender, line) ? 1 : 0;
                }
            }
        }
        // The context's close waited for the socket's linger: the count is final.
        long undelivered = s.stats().droppedOnClose();
        if (undelivered > 0) {
            System.err.println(
                    "cli send: "
                            + undelivered
                            + " of "
                            + sent
                            + " message(s) undelivered after linger "
                            + s.options().linger().toMillis()
                            + " ms");
            return 1;
        }
        System.err.println("cli send: sent " + sent + " message(s)");
        return 0;
    }

    private boolean sendOne(WeftSocket s, MessageSender sender, String text) {
        Message m = Message.of(text.split(Pattern.quote(separator), -1));
        if (!sender.send(m, timeout)) {
            m.close();
            System.err.println("cli send: timed out sending '" + text + "'");
            return false;
        }
        if (s instanceof ReqSocket) {
            try (Message reply = ((MessageReceiver) s).receive(timeout)) {
                System.out.println(reply == null ? "(no reply)" : format.render(reply, separator));
            }
        }
        return true;
    }
}
