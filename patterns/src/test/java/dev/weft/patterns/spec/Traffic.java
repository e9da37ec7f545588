package dev.weft.patterns.spec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.WeftSocket;
import dev.weft.patterns.XSubSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Traffic steps shared by the spec tests: bounded receives that release what they get, filling a
 * path until the sender is refused, and waiting for peers and subscriptions. Every loop here is
 * bounded and every received message is closed.
 */
final class Traffic {
    /** Longest wait for anything that should happen. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** How long a send may wait before the path counts as blocked. */
    static final Duration BLOCKED = Duration.ofMillis(200);

    /** Large enough that a few hundred of them overflow loopback TCP buffers. */
    static final int BIG = 64 * 1024;

    /** Upper bound of every filling loop: far more than TCP buffers and queues can hold. */
    static final int MAX_FILL = 2_000;

    private Traffic() {}

    /** The high-water mark of {@link #tiny()} queues; their low-water mark is 2. */
    static final int TINY_HWM = 4;

    /** Small queues and no linger, so a path fills quickly and closing never waits. */
    static SocketOptions tiny() {
        return SocketOptions.builder()
                .sendHwm(TINY_HWM)
                .receiveHwm(TINY_HWM)
                .linger(Duration.ZERO)
                .build();
    }

    /**
     * Asserts that a {@link #tiny()} queue is full as its producer sees it: above the low-water
     * mark. (The connection may take one more message whenever TCP frees a little room.)
     */
    static void assertFull(int depth) {
        assertThat(depth)
                .as("queue depth above the low-water mark")
                .isBetween(TINY_HWM - 1, TINY_HWM);
    }

    /** Default queues but no linger, for sockets that may close with messages queued. */
    static SocketOptions noLinger() {
        return SocketOptions.builder().linger(Duration.ZERO).build();
    }

    /**
     * libzmq's default {@code ZMQ_IMMEDIATE=0}: a connected endpoint gets its queue at {@code
     * connect()}, kept across reconnects. Reconnects are quick and closing never waits.
     */
    static SocketOptions queueEarly() {
        return SocketOptions.builder()
                .immediate(false)
                .reconnectInterval(Duration.ofMillis(20))
                .reconnectIntervalMax(Duration.ofMillis(100))
                .linger(Duration.ZERO)
                .build();
    }

    /** An endpoint on an ephemeral port that nothing listens on yet. */
    static String unusedEndpoint() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SocketOptions withId(String routingId) {
        return SocketOptions.builder().routingId(routingId).linger(Duration.ZERO).build();
    }

    /** Receives one message within {@link #WAIT} and returns its frames as text. */
    static List<String> texts(MessageReceiver socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("a message within %s on %s", WAIT, socket).isNotNull();
            return m.strings();
        }
    }

    /** Receives one message within {@link #WAIT} and returns copies of its frames. */
    static List<byte[]> bytes(MessageReceiver socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("a message within %s on %s", WAIT, socket).isNotNull();
            List<byte[]> out = new ArrayList<>(m.size());
            for (int i = 0; i < m.size(); i++) {
                out.add(m.frame(i).toByteArray());
            }
            return out;
        }
    }

    /** Asserts that nothing arrives within a short wait (closing anything that does). */
    static void assertNothingArrives(MessageReceiver socket, Duration wait) {
        try (Message m = socket.receive(wait)) {
            assertThat(m).as("no message on %s", socket).isNull();
        }
    }

    /** Receives and releases every message already waiting; returns how many there were. */
    static int drainReady(MessageReceiver socket) {
        int n = 0;
        for (int i = 0; i < 1_000_000; i++) {
            try (Message m = socket.tryReceive()) {
                if (m == null) {
                    return n;
                }
                n++;
            }
        }
        return n;
    }

    /**
     * Sends until a send is refused for {@link #BLOCKED}: the queues and TCP buffers on the way are
     * then full. The refused message is released.
     *
     * @return how many messages the sender accepted
     */
    static int fillUntilBlocked(MessageSender sender, IntFunction<Message> messages) {
        for (int i = 0; i < MAX_FILL; i++) {
            Message m = messages.apply(i);
            if (!sender.send(m, BLOCKED)) {
                m.close();
                return i;
            }
        }
        throw new AssertionError("the sender never blocked after " + MAX_FILL + " messages");
    }

    /**
     * Sends one message every few milliseconds until the outbound queue of the sender's only peer
     * is found full: a sender that drops (PUB, XPUB, ROUTER) has then filled the whole path to a
     * peer that does not read, since a path with room drains the queue between two sends.
     */
    static <S extends WeftSocket & MessageSender> void fillDroppingPath(
            S sender, IntFunction<Message> messages) {
        int[] next = {0};
        await().atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> {
                            Message m = messages.apply(next[0]++);
                            if (!sender.trySend(m)) {
                                m.close();
                                throw new AssertionError("a dropping sender refused a message");
                            }
                            List<SocketStats.PeerStats> peers = sender.stats().peers();
                            return peers.size() == 1 && peers.get(0).outboundDepth() == TINY_HWM;
                        });
    }

    /** A message of {@link #BIG} octets whose first frame is the sequence number. */
    static Message big(int seq) {
        return Message.of(bytes(Integer.toString(seq)), new byte[BIG]);
    }

    /**
     * A single-part message of {@link #BIG} octets, for the draft types, whose first four octets
     * are the sequence number (big-endian).
     */
    static Message bigOnePart(int seq) {
        byte[] body = new byte[BIG];
        body[0] = (byte) (seq >>> 24);
        body[1] = (byte) (seq >>> 16);
        body[2] = (byte) (seq >>> 8);
        body[3] = (byte) seq;
        return Message.of(body);
    }

    /** Returns the sequence number of a {@link #bigOnePart} message, checking it arrived whole. */
    static int seqOnePart(Message m) {
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.frame(0).size()).isEqualTo(BIG);
        return m.frame(0).content().getInt(m.frame(0).content().readerIndex());
    }

    /**
     * Frames that a careless implementation might alter: empty, a lone zero octet, octets that look
     * like subscription commands, every octet value, and the 255/256-octet size boundary.
     */
    static List<byte[]> oddFrames() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] short255 = new byte[255];
        Arrays.fill(short255, (byte) 0xA5);
        return List.of(
                bytes("topic"), new byte[0], new byte[] {0}, new byte[] {1, 'x'}, short255, all);
    }

    static Message message(List<byte[]> frames) {
        Message m = new Message(frames.size());
        frames.forEach(m::add);
        return m;
    }

    /**
     * Receives this many {@link #big} messages and returns their sequence numbers, checking each
     * payload arrived whole.
     */
    static List<Integer> seqs(MessageReceiver socket, int count) {
        List<Integer> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try (Message m = socket.receive(WAIT)) {
                if (m == null) {
                    return seqs;
                }
                assertThat(m.frame(m.size() - 1).size()).isEqualTo(BIG);
                seqs.add(seq(m));
            }
        }
        return seqs;
    }

    /** Returns the sequence number in a message's first frame. */
    static int seq(Message m) {
        return Integer.parseInt(m.frame(0).toString(UTF_8));
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /**
     * Receives one subscription message from an XPUB and returns it as {@code +topic} or {@code
     * -topic}.
     */
    static String subscriptionEvent(MessageReceiver xpub) {
        List<byte[]> frames = bytes(xpub);
        assertThat(frames).as("a subscription message has one frame").hasSize(1);
        byte[] body = frames.get(0);
        assertThat(body).as("a subscription message starts with 0x01 or 0x00").isNotEmpty();
        assertThat(body[0]).isIn((byte) 0, (byte) 1);
        return (body[0] == 1 ? "+" : "-") + new String(body, 1, body.length - 1, UTF_8);
    }

    /** Waits until the socket has exactly this many attached peers. */
    static void awaitPeers(WeftSocket socket, int count) {
        await("%d peer(s) on %s".formatted(count, socket))
                .atMost(WAIT)
                .until(() -> socket.stats().peers(), peers -> peers.size() == count);
    }

    /**
     * Waits until the socket has exactly this many peers with a live connection; a connected
     * endpoint's queue waiting for its connection does not count.
     */
    static void awaitConnectedPeers(WeftSocket socket, int count) {
        await("%d connected peer(s) on %s".formatted(count, socket))
                .atMost(WAIT)
                .until(
                        () -> socket.stats().peers(),
                        peers ->
                                peers.stream().filter(SocketStats.PeerStats::connected).count()
                                        == count);
    }

    /** Waits until every peer of the socket satisfies the condition. */
    static void awaitEveryPeer(
            WeftSocket socket, int count, Predicate<SocketStats.PeerStats> condition) {
        await().atMost(WAIT)
                .until(
                        () -> {
                            List<SocketStats.PeerStats> peers = socket.stats().peers();
                            return peers.size() == count && peers.stream().allMatch(condition);
                        });
    }

    /** Waits until the socket's peers have these queue depths, in any order. */
    static void awaitDepths(
            WeftSocket socket, ToIntFunction<SocketStats.PeerStats> depth, Integer... depths) {
        List<Integer> expected = Arrays.stream(depths).sorted().toList();
        await().atMost(WAIT)
                .until(
                        () ->
                                socket.stats().peers().stream()
                                        .map(depth::applyAsInt)
                                        .sorted()
                                        .toList()
                                        .equals(expected));
    }

    /**
     * Publishes probes on the topic until the subscriber gets one, so its subscription is known to
     * have reached the publisher. Drains the probes that follow.
     */
    static void awaitSubscribed(MessageSender publisher, MessageReceiver subscriber, String topic) {
        for (int i = 0; i < 500; i++) {
            publisher.send(topic + "probe");
            try (Message m = subscriber.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    drainProbes(subscriber);
                    return;
                }
            }
        }
        throw new AssertionError("subscription to '" + topic + "' never took effect");
    }

    /**
     * Receives the next message that is not a probe of {@link #awaitSubscribed} and returns its
     * frames as text.
     */
    static List<String> textsAfterProbes(MessageReceiver socket) {
        for (int i = 0; i < 10_000; i++) {
            List<String> texts = texts(socket);
            if (!texts.get(0).endsWith("probe")) {
                return texts;
            }
        }
        throw new AssertionError("only probes arrived on " + socket);
    }

    /**
     * Publishes large messages until the publisher has counted ten drops at its high-water mark:
     * the subscriber's path is then full. Every send must be taken at once.
     *
     * @return how many messages were published
     */
    static <S extends WeftSocket & MessageSender> int publishUntilDropping(S publisher) {
        long before = publisher.stats().droppedAtHwm();
        for (int i = 0; i < MAX_FILL; i++) {
            Message m = big(i);
            if (!publisher.trySend(m)) {
                m.close();
                throw new AssertionError("publishing message " + i + " would have waited");
            }
            if (publisher.stats().droppedAtHwm() - before >= 10) {
                return i + 1;
            }
        }
        throw new AssertionError("the publisher never dropped after " + MAX_FILL + " messages");
    }

    /**
     * Subscribes the XSUB to the binary prefix {@code 00 ff 61}, publishes messages whose first
     * frames are near misses of it, and returns what arrived as {@code hex(first frame)/index}.
     * Only {@code 00ff61/0} and {@code 00ff616263/1} match a correct binary prefix comparison.
     */
    static List<String> publishBinaryCandidates(MessageSender publisher, XSubSocket xsub) {
        byte[] prefix = {0, (byte) 0xFF, 'a'};
        xsub.send(Message.of(new byte[] {1, 0, (byte) 0xFF, 'a'}));
        xsub.send(Message.of(new byte[] {1, 'e', 'n', 'd'}));
        awaitBinarySubscription(publisher, xsub, prefix);

        byte[][] firstFrames = {
            {0, (byte) 0xFF, 'a'}, // equal: match
            {0, (byte) 0xFF, 'a', 'b', 'c'}, // longer: match
            {0, (byte) 0xFF}, // shorter: no match
            {0, (byte) 0xFE, 'a'}, // one bit off: no match
            {0, (byte) 0xFF, 'A'}, // other case: no match
            {'x', 0, (byte) 0xFF, 'a'}, // not at the start: no match
        };
        for (int i = 0; i < firstFrames.length; i++) {
            publisher.send(Message.of(firstFrames[i], bytes(Integer.toString(i))));
        }
        // The prefix in a later frame does not count.
        publisher.send(Message.of(bytes("other"), prefix));
        publisher.send("end");

        List<String> matched = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<byte[]> frames = bytes(xsub);
            if (Arrays.equals(frames.get(0), bytes("end"))) {
                return matched;
            }
            matched.add(
                    HexFormat.of().formatHex(frames.get(0))
                            + "/"
                            + new String(frames.get(frames.size() - 1), UTF_8));
        }
        return matched;
    }

    private static void awaitBinarySubscription(
            MessageSender publisher, MessageReceiver xsub, byte[] prefix) {
        for (int i = 0; i < 500; i++) {
            publisher.send(Message.of(prefix, bytes("probe")));
            try (Message m = xsub.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    drainProbes(xsub);
                    return;
                }
            }
        }
        throw new AssertionError("the binary subscription never took effect");
    }

    private static void drainProbes(MessageReceiver subscriber) {
        for (int i = 0; i < 1_000; i++) {
            try (Message m = subscriber.receive(Duration.ofMillis(50))) {
                if (m == null) {
                    return;
                }
            }
        }
    }

    /** Records monitor events for assertions. */
    static final class Events {
        private final ConcurrentLinkedQueue<MonitorEvent> events = new ConcurrentLinkedQueue<>();

        static Events of(WeftSocket socket) {
            Events e = new Events();
            socket.addMonitor(e.events::add);
            return e;
        }

        MonitorEvent awaitFirst(MonitorEvent.Type type) {
            await("a " + type + " event")
                    .atMost(WAIT)
                    .until(() -> events.stream().anyMatch(e -> e.type() == type));
            return events.stream().filter(e -> e.type() == type).findFirst().orElseThrow();
        }
    }
}
