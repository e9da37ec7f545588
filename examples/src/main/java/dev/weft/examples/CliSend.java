package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketType;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PeerSocket;
import dev.weft.patterns.RadioSocket;
import dev.weft.patterns.ReqSocket;
import dev.weft.patterns.WeftSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Sends messages given as arguments, or one per line of stdin; frames are split at the separator. A
 * REQ socket prints each reply, and so does any type that can receive with {@code --replies}.
 * Messages queue while the peer is not connected (as with libzmq); those still queued when the
 * linger ends after closing are reported, with exit code 1.
 *
 * <p>The single-part types (RADIO, CLIENT, SCATTER, PEER, CHANNEL) refuse a message with more than
 * one frame. A RADIO sends into {@code --group}; as it drops a message no dish joined, the tool
 * sends each message again until a dish has joined its group, up to {@code --timeout} (a RADIO has
 * no join notification, so it looks every 10 ms). A PEER sends to the one peer it connected to. A
 * SERVER cannot be used here: it gives its peers random routing ids as they connect, so it has
 * nobody to address before it receives; answer clients with {@code cli recv --type SERVER --echo}.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description =
                "Send messages (arguments, or lines of stdin) with any socket type; frames are"
                        + " split at --separator. REQ prints each reply. Exits with 1 when"
                        + " messages were still undelivered when the linger (1 s) ended.")
final class CliSend implements Callable<Integer> {
    private static final Duration RADIO_RETRY = Duration.ofMillis(10);

    @Spec CommandSpec spec;

    @Mixin CliSocketOptions socket;

    @Option(names = "--separator", defaultValue = "|", description = "frame separator (default |)")
    String separator;

    @Option(
            names = "--timeout",
            defaultValue = "PT10S",
            description =
                    "how long each send (and REQ reply) may wait, ISO-8601 (default PT10S); a"
                            + " RADIO's send waits for a dish to join its group")
    Duration timeout;

    @Option(names = "--format", defaultValue = "TEXT", description = "replies: TEXT, HEX, JSON")
    MessageFormat format;

    @Option(names = "--group", description = "RADIO: the group every message is sent into")
    String group;

    @Option(
            names = "--replies",
            description = "wait for a reply to each message and print it (REQ always does)")
    boolean replies;

    @Parameters(description = "messages to send; none: read lines from stdin")
    List<String> messages = new ArrayList<>();

    private PrintWriter out;
    private PrintWriter err;

    /**
     * Sends, closes, and reports: exit 0 when every message was delivered; 1 when some were still
     * queued when the socket's linger ended (nobody took them), or a peer's full queue dropped some
     * (PUB, RADIO); 2 for a bad argument or a message the type cannot send.
     */
    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        SocketType type = SocketType.fromWireName(socket.type);
        checkArguments(type);
        messages.forEach(this::frames);
        WeftSocket s;
        int sent = 0;
        try (Context ctx = Context.create()) {
            s = socket.open(ctx, "cli send", err);
            checkSocket(s);
            if (!messages.isEmpty()) {
                for (String text : messages) {
                    sent += sendOne(s, text) ? 1 : 0;
                }
            } else {
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    sent += sendOne(s, line) ? 1 : 0;
                }
            }
        }
        // The context's close waited for the socket's linger: the counts are final.
        long undelivered = s.stats().droppedOnClose();
        long atHwm = s.stats().droppedAtHwm();
        if (atHwm > 0) {
            err.println(
                    "cli send: "
                            + atHwm
                            + " of "
                            + sent
                            + " message(s) dropped: a peer's queue"
                            + " was full");
            return 1;
        }
        if (undelivered > 0) {
            err.println(
                    "cli send: "
                            + undelivered
                            + " of "
                            + sent
                            + " message(s) undelivered after linger "
                            + s.options().linger().toMillis()
                            + " ms");
            return 1;
        }
        err.println("cli send: sent " + sent + " message(s)");
        return 0;
    }

    private void checkArguments(SocketType type) {
        if (type == null) {
            throw new IllegalArgumentException(
                    "socket type '" + socket.type + "' (expected one of " + Sockets.TYPES + ")");
        }
        if (type == SocketType.RADIO) {
            if (group == null) {
                throw new IllegalArgumentException(
                        "RADIO without --group (expected: the group to send into, e.g. --group"
                                + " weather)");
            }
            GroupNames.check("--group", List.of(group));
        } else if (group != null) {
            throw new IllegalArgumentException("--group with " + type + " (expected: RADIO)");
        }
        if (type == SocketType.SERVER) {
            throw new IllegalArgumentException(
                    "--type SERVER (expected: a type that can address its peers; a SERVER"
                            + " gives its peers routing ids as they connect, so answer clients"
                            + " with cli recv --type SERVER --echo)");
        }
        if (type == SocketType.PEER && (socket.connects.size() != 1 || !socket.binds.isEmpty())) {
            throw new IllegalArgumentException(
                    "PEER with "
                            + socket.connects.size()
                            + " --connect and "
                            + socket.binds.size()
                            + " --bind (expected: exactly one --connect, the peer messages go"
                            + " to, and no --bind)");
        }
    }

    /** Splits a message's text into frames; a single-part type refuses more than one. */
    private String[] frames(String text) {
        String[] frames = text.split(Pattern.quote(separator), -1);
        SocketType type = SocketType.fromWireName(socket.type);
        if (frames.length > 1 && type != null && type.isSinglePart()) {
            throw new IllegalArgumentException(
                    type
                            + " messages are single-part: '"
                            + text
                            + "' has "
                            + frames.length
                            + " frames at separator '"
                            + separator
                            + "' (expected: 1; pick another --separator to send that text"
                            + " whole)");
        }
        return frames;
    }

    private boolean sendOne(WeftSocket s, String text) {
        String[] frames = frames(text);
        boolean sent;
        if (s instanceof RadioSocket radio) {
            sent = sendToGroup(radio, frames[0]);
        } else if (s instanceof MessageSender sender) {
            Message m = Message.of(frames);
            if (s instanceof PeerSocket) {
                m.routingId(socket.peerIds().get(0));
            }
            sent = sender.send(m, timeout);
            if (!sent) {
                m.close();
            }
        } else {
            throw new IllegalStateException("checked in checkSocket: " + s.type());
        }
        if (!sent) {
            err.println("cli send: timed out sending '" + text + "'");
            return false;
        }
        if (replies || s instanceof ReqSocket) {
            printReply(s);
        }
        return true;
    }

    /** Sends until the radio routes the message (a dish joined the group) or the timeout ends. */
    private boolean sendToGroup(RadioSocket radio, String body) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            long unroutable = radio.stats().droppedUnroutable();
            radio.send(group, body);
            if (radio.stats().droppedUnroutable() == unroutable) {
                return true;
            }
            if (System.nanoTime() - deadlineNs >= 0) {
                return false;
            }
            LockSupport.parkNanos(RADIO_RETRY.toNanos());
        }
    }

    private void checkSocket(WeftSocket s) {
        if (!(s instanceof MessageSender) && !(s instanceof RadioSocket)) {
            throw new IllegalArgumentException(
                    s.type() + " cannot send (expected: a type that sends; use cli recv)");
        }
        if (replies && !(s instanceof MessageReceiver)) {
            throw new IllegalArgumentException(
                    "--replies with "
                            + s.type()
                            + " (expected: a type that can receive, such as CLIENT or DEALER)");
        }
    }

    private void printReply(WeftSocket s) {
        try (Message reply = ((MessageReceiver) s).receive(timeout)) {
            out.println(reply == null ? "(no reply)" : format.render(reply, separator));
            out.flush();
        }
    }
}
