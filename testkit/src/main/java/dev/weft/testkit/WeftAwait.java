package dev.weft.testkit;

import dev.weft.core.Message;
import dev.weft.core.SocketStats;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.WeftSocket;
import dev.weft.patterns.XPubSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for the things integration tests of ZeroMQ patterns wait for: a connected peer, a working
 * subscription, a message. Each wait is bounded; on timeout it throws an {@link AssertionError}
 * that says what was awaited and what the socket's counters showed, so a failed test explains
 * itself.
 *
 * <pre>{@code
 * dealer.connect(endpoint);
 * WeftAwait.awaitConnected(dealer, Duration.ofSeconds(5));
 * dealer.send("ping");
 * try (Message m = WeftAwait.awaitMessage(router, Duration.ofSeconds(5))) { ... }
 * }</pre>
 *
 * <p>Connection waits poll {@link WeftSocket#stats()} (every 10 ms): unlike a monitor listener, the
 * snapshot is right even when the connection was made before the wait started.
 *
 * <p>Thread-safe: every method works on the caller's thread and starts no thread. Messages returned
 * belong to the caller, who must close them.
 */
public final class WeftAwait {
    /** The timeout of the methods that take none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How the second frame of every probe that {@link #awaitSubscribed} sends begins. */
    public static final String PROBE_MARKER = "weft-testkit-probe:";

    private static final long POLL_MS = 10;
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(20);
    private static final Duration PROBE_SEND_TIMEOUT = Duration.ofMillis(100);
    private static final long DRAIN_LIMIT_NS = TimeUnit.SECONDS.toNanos(2);

    private WeftAwait() {}

    /**
     * Waits until the socket has at least one connected peer (a completed handshake), waiting up to
     * {@link #DEFAULT_TIMEOUT}.
     *
     * @param socket the socket
     * @throws AssertionError when no peer connected in time
     */
    public static void awaitConnected(WeftSocket socket) {
        awaitConnected(socket, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until the socket has at least one connected peer (a completed handshake).
     *
     * @param socket the socket
     * @param timeout how long to wait
     * @throws AssertionError when no peer connected in time, or the socket is closed
     */
    public static void awaitConnected(WeftSocket socket, Duration timeout) {
        awaitStats(socket, timeout, "at least 1 connected peer", () -> peers(socket) > 0);
    }

    /**
     * Waits until the socket has exactly {@code count} connected peers, waiting up to {@link
     * #DEFAULT_TIMEOUT}.
     *
     * @param socket the socket
     * @param count the number of peers to wait for; 0 waits until every connection ended
     * @throws AssertionError when the count was not reached in time
     */
    public static void awaitPeers(WeftSocket socket, int count) {
        awaitPeers(socket, count, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until the socket has exactly {@code count} connected peers.
     *
     * @param socket the socket
     * @param count the number of peers to wait for; 0 waits until every connection ended
     * @param timeout how long to wait
     * @throws AssertionError when the count was not reached in time, or the socket is closed
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public static void awaitPeers(WeftSocket socket, int count, Duration timeout) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        awaitStats(socket, timeout, "exactly " + count + " peer(s)", () -> peers(socket) == count);
    }

    /**
     * Waits until a subscriber receives what the PUB publishes on a topic, waiting up to {@link
     * #DEFAULT_TIMEOUT}. See {@link #awaitSubscribed(PubSocket, MessageReceiver, String,
     * Duration)}.
     *
     * @param publisher the publisher, connected to the subscriber
     * @param subscriber the subscriber, already subscribed to a prefix of {@code topic}
     * @param topic the topic to probe
     * @throws AssertionError when no probe arrived in time
     */
    public static void awaitSubscribed(
            PubSocket publisher, MessageReceiver subscriber, String topic) {
        awaitSubscribed(publisher, subscriber, topic, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until a subscriber receives what the PUB publishes on a topic: the usual cure for
     * ZeroMQ's slow joiner, whose subscription reaches the publisher some time after {@code
     * subscribe} returns.
     *
     * <p><b>This sends probe messages</b> through the publisher, every 20 ms until one arrives: two
     * frames, the topic and {@link #PROBE_MARKER} followed by a unique id ({@link
     * #isProbe(Message)} recognizes them). Once one arrives, the probes still in flight to this
     * subscriber are received and discarded too, so that the next receive sees the test's own
     * messages; so is any other message that arrives meanwhile, so publish nothing else on the
     * topic while this runs. Other subscribers of the topic receive the probes as well.
     *
     * @param publisher the publisher, connected to the subscriber
     * @param subscriber the subscriber (a SUB, or an XSUB that sent its subscription), subscribed
     *     to a prefix of {@code topic}
     * @param topic the topic to probe; the probe's first frame is exactly this text
     * @param timeout how long to wait
     * @throws AssertionError when no probe arrived in time
     */
    public static void awaitSubscribed(
            PubSocket publisher, MessageReceiver subscriber, String topic, Duration timeout) {
        probeSubscription(publisher, subscriber, topic, timeout);
    }

    /**
     * Waits until a subscriber receives what the XPUB publishes on a topic, waiting up to {@link
     * #DEFAULT_TIMEOUT}. See {@link #awaitSubscribed(PubSocket, MessageReceiver, String,
     * Duration)}.
     *
     * @param publisher the publisher, connected to the subscriber
     * @param subscriber the subscriber, already subscribed to a prefix of {@code topic}
     * @param topic the topic to probe
     * @throws AssertionError when no probe arrived in time
     */
    public static void awaitSubscribed(
            XPubSocket publisher, MessageReceiver subscriber, String topic) {
        awaitSubscribed(publisher, subscriber, topic, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until a subscriber receives what the XPUB publishes on a topic. Sends probe messages,
     * exactly as {@link #awaitSubscribed(PubSocket, MessageReceiver, String, Duration)} does; the
     * subscription messages the XPUB receives meanwhile stay queued for the test to read.
     *
     * @param publisher the publisher, connected to the subscriber
     * @param subscriber the subscriber, subscribed to a prefix of {@code topic}
     * @param topic the topic to probe
     * @param timeout how long to wait
     * @throws AssertionError when no probe arrived in time
     */
    public static void awaitSubscribed(
            XPubSocket publisher, MessageReceiver subscriber, String topic, Duration timeout) {
        probeSubscription(publisher, subscriber, topic, timeout);
    }

    /**
     * Tells whether a message is a probe sent by {@link #awaitSubscribed}.
     *
     * @param message a received message; not closed by this method
     * @return true for a probe
     */
    public static boolean isProbe(Message message) {
        return message.size() == 2
                && message.frame(1).toString(StandardCharsets.UTF_8).startsWith(PROBE_MARKER);
    }

    /**
     * Receives one message, waiting up to {@link #DEFAULT_TIMEOUT}.
     *
     * @param receiver the socket to receive from
     * @return the message, never null; the caller must close it
     * @throws AssertionError when none arrived in time
     */
    public static Message awaitMessage(MessageReceiver receiver) {
        return awaitMessage(receiver, DEFAULT_TIMEOUT);
    }

    /**
     * Receives one message.
     *
     * @param receiver the socket to receive from
     * @param timeout how long to wait
     * @return the message, never null; the caller must close it
     * @throws AssertionError when none arrived in time
     * @throws dev.weft.core.SocketClosedException when the socket is or becomes closed
     */
    public static Message awaitMessage(MessageReceiver receiver, Duration timeout) {
        Message m = receiver.receive(timeout);
        if (m == null) {
            throw new AssertionError(
                    "expected a message on "
                            + describe(receiver)
                            + " within "
                            + timeout.toMillis()
                            + " ms, none arrived"
                            + statsOf(receiver));
        }
        return m;
    }

    /**
     * Receives one message as UTF-8 text, one string per frame, and releases it.
     *
     * @param receiver the socket to receive from
     * @param timeout how long to wait
     * @return the frames' text, never null
     * @throws AssertionError when none arrived in time
     */
    public static List<String> awaitStrings(MessageReceiver receiver, Duration timeout) {
        try (Message m = awaitMessage(receiver, timeout)) {
            return m.strings();
        }
    }

    // ---- Internals. ----

    /** Peers with a live connection; a connected endpoint's queue waiting for one is no peer. */
    private static int peers(WeftSocket socket) {
        int n = 0;
        for (SocketStats.PeerStats p : socket.stats().peers()) {
            if (p.connected()) {
                n++;
            }
        }
        return n;
    }

    private static void awaitStats(
            WeftSocket socket, Duration timeout, String what, BooleanSupplier condition) {
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(0, TimeUnit.MILLISECONDS)
                    .pollInterval(POLL_MS, TimeUnit.MILLISECONDS)
                    .until(() -> socket.isClosed() || condition.getAsBoolean());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "expected "
                            + what
                            + " on "
                            + socket
                            + " within "
                            + timeout.toMillis()
                            + " ms"
                            + statsOf(socket),
                    e);
        }
        if (socket.isClosed()) {
            throw new AssertionError("expected " + what + " on " + socket + ", but it is closed");
        }
    }

    private static void probeSubscription(
            MessageSender publisher, MessageReceiver subscriber, String topic, Duration timeout) {
        String marker = PROBE_MARKER + UUID.randomUUID() + ":";
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        long sent = 0;
        // Bounded by the deadline: one probe per PROBE_INTERVAL at most.
        while (System.nanoTime() - deadlineNs < 0) {
            sendProbe(publisher, topic, marker + sent);
            sent++;
            long received = receiveProbe(subscriber, marker, PROBE_INTERVAL);
            if (received >= 0) {
                drainProbes(subscriber, marker, received, sent - 1, deadlineNs);
                return;
            }
        }
        throw new AssertionError(
                "expected the subscriber "
                        + describe(subscriber)
                        + " to receive topic '"
                        + topic
                        + "' within "
                        + timeout.toMillis()
                        + " ms; sent "
                        + sent
                        + " probe(s), none arrived (is it subscribed to a prefix of the topic,"
                        + " and connected?)"
                        + statsOf(publisher));
    }

    private static void sendProbe(MessageSender publisher, String topic, String id) {
        Message probe = Message.of(topic, id);
        boolean sent = false;
        try {
            sent = publisher.send(probe, PROBE_SEND_TIMEOUT);
        } finally {
            if (!sent) {
                probe.close();
            }
        }
    }

    /** Returns the sequence number of the first probe of this run received, or -1. */
    private static long receiveProbe(MessageReceiver subscriber, String marker, Duration wait) {
        try (Message m = subscriber.receive(wait)) {
            if (m == null || m.size() != 2) {
                return -1;
            }
            String id = m.frame(1).toString(StandardCharsets.UTF_8);
            if (!id.startsWith(marker)) {
                return -1;
            }
            return Long.parseLong(id.substring(marker.length()));
        }
    }

    private static void drainProbes(
            MessageReceiver subscriber, String marker, long seen, long last, long deadlineNs) {
        // Probes after the first one received are in flight in order; wait for the last one sent,
        // but not long: a probe dropped at a high-water mark never comes.
        long endNs = System.nanoTime() + DRAIN_LIMIT_NS;
        if (endNs - deadlineNs > 0) {
            endNs = deadlineNs;
        }
        while (seen < last && System.nanoTime() - endNs < 0) {
            long remainingMs = Math.max(1, (endNs - System.nanoTime()) / 1_000_000);
            long next = receiveProbe(subscriber, marker, Duration.ofMillis(remainingMs));
            if (next > seen) {
                seen = next;
            }
        }
    }

    private static String describe(Object socket) {
        return String.valueOf(socket);
    }

    private static String statsOf(Object socket) {
        if (!(socket instanceof WeftSocket)) {
            return "";
        }
        WeftSocket s = (WeftSocket) socket;
        if (s.isClosed()) {
            return " (the socket is closed)";
        }
        SocketStats st = s.stats();
        return " (connected peers="
                + st.peers().stream().filter(SocketStats.PeerStats::connected).count()
                + ", reconnects="
                + st.reconnects()
                + ", handshakeFailures="
                + st.handshakeFailures()
                + ", received="
                + st.messagesReceived()
                + ", sent="
                + st.messagesSent()
                + ")";
    }
}
