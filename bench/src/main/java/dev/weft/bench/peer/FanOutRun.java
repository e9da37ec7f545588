package dev.weft.bench.peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The two halves of a fan-out run: one publisher, {@value #SUBSCRIBERS} subscribers of everything.
 *
 * <p>The publisher (an XPUB that passes every subscription up) waits until all subscribers have
 * subscribed, then runs the throughput sender's schedule: warm-up, timed messages, end marker. The
 * warm-up is always lossless (the publisher blocks at a full subscriber), so every subscriber sees
 * all warm-up messages; only the timed part differs between the two modes: <em>lossless</em> blocks
 * at a full subscriber, <em>default HWM</em> drops for that subscriber as PUB does. Each subscriber
 * runs the throughput receiver's loop on its own thread and socket, so each reports its own count
 * and rate.
 *
 * <p>The end: a publisher that dropped for a full subscriber skips that subscriber until it has
 * drained to its low-water mark (libzmq, JeroMQ and Weft alike), even once no-drop is switched back
 * on, so one end marker could miss it. The publisher therefore repeats the end marker every {@value
 * #END_REPEAT_MS} ms until the subscribers' cancels arrive: each subscriber cancels its
 * subscription when it has received the end marker, and the XPUB passes up the cancel of the last.
 */
public final class FanOutRun {
    /** Subscribers in every fan-out run (the libzmq C peer uses the same number). */
    public static final int SUBSCRIBERS = 4;

    /**
     * Linger of subscriber sockets: they only have their cancel to deliver, and a publisher already
     * gone must not hold their close for the full linger of the other sockets (10 s).
     */
    public static final long SUBSCRIBER_LINGER_MS = 200;

    /** How often the publisher repeats the end marker until every subscriber has it. */
    static final long END_REPEAT_MS = 10;

    private FanOutRun() {}

    /**
     * Runs the publisher on a bound XPUB socket.
     *
     * @param socket the bound publisher
     * @param args the run's arguments
     * @param lossless true to block at a full subscriber during the timed part, false to drop
     * @return the sender's result plus {@code subscribers}
     * @throws BenchFailure when the subscribers do not all subscribe, or a send stalls
     */
    public static PeerResult publish(BenchSocket socket, PeerArgs args, boolean lossless) {
        if (!socket.awaitSubscriptions(SUBSCRIBERS)) {
            throw new BenchFailure(
                    "TIMEOUT: fewer than "
                            + SUBSCRIBERS
                            + " subscriptions arrived within "
                            + args.timeoutMs()
                            + " ms of each other");
        }
        socket.dropWhenFull(false);
        PeerResult r =
                ThroughputRun.send(
                        socket,
                        args,
                        () -> socket.dropWhenFull(!lossless),
                        sent -> endUntilCancelled(socket, args, sent));
        Map<String, String> f = new LinkedHashMap<>(r.fields());
        f.put("subscribers", Integer.toString(SUBSCRIBERS));
        return PeerResult.ok(f);
    }

    private static void endUntilCancelled(BenchSocket socket, PeerArgs args, long sent) {
        socket.dropWhenFull(false);
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(args.timeoutMs());
        for (long markers = 1; ; markers++) {
            ThroughputRun.sendOrFail(socket, ThroughputRun.END_MARKER, sent);
            if (socket.awaitCancelAll(END_REPEAT_MS)) {
                return;
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new BenchFailure(
                        "TIMEOUT: the subscribers did not all cancel within "
                                + args.timeoutMs()
                                + " ms of the first end marker ("
                                + markers
                                + " sent)");
            }
        }
    }

    /**
     * Runs the subscribers: opens, connects and subscribes {@value #SUBSCRIBERS} sockets, then
     * receives on each from its own thread until the end marker.
     *
     * @param open opens one subscriber socket (each in its own context)
     * @param args the run's arguments; the endpoint is the publisher's
     * @return {@code subscribers}, summed {@code messages} and {@code bytes}, and per subscriber
     *     {@code subN_messages}, {@code subN_timed_messages}, {@code subN_elapsed_ns} (N from 1)
     * @throws BenchFailure when any subscriber fails or does not finish in time
     */
    public static PeerResult subscribe(Supplier<BenchSocket> open, PeerArgs args) {
        List<BenchSocket> sockets = new ArrayList<>(SUBSCRIBERS);
        try {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                BenchSocket s = open.get();
                sockets.add(s);
                s.connect(args.endpoint());
                s.subscribeAll();
            }
            return receiveOnEach(sockets, args);
        } finally {
            for (BenchSocket s : sockets) {
                s.close();
            }
        }
    }

    private static PeerResult receiveOnEach(List<BenchSocket> sockets, PeerArgs args) {
        PeerResult[] results = new PeerResult[sockets.size()];
        List<Thread> threads = new ArrayList<>(sockets.size());
        for (int i = 0; i < sockets.size(); i++) {
            int index = i;
            BenchSocket socket = sockets.get(i);
            Thread t =
                    new Thread(
                            () -> results[index] = receiveOrReport(socket, args),
                            "fan-sub-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long deadlineNs =
                System.nanoTime()
                        + TimeUnit.MILLISECONDS.toNanos(args.durationMs() + 2 * args.timeoutMs());
        for (int i = 0; i < threads.size(); i++) {
            if (!joinBy(threads.get(i), deadlineNs)) {
                throw new BenchFailure(
                        "TIMEOUT: subscriber "
                                + (i + 1)
                                + " still receiving "
                                + (args.durationMs() + 2 * args.timeoutMs())
                                + " ms after the start");
            }
        }
        return combine(results, sockets, args);
    }

    private static PeerResult receiveOrReport(BenchSocket socket, PeerArgs args) {
        try {
            PeerResult r = ThroughputRun.receive(socket, args, TimedBlockCounters.none());
            socket.unsubscribeAll();
            return r;
        } catch (BenchFailure e) {
            return PeerResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            return PeerResult.failed("PEER_FAILED: " + e);
        }
    }

    private static PeerResult combine(
            PeerResult[] results, List<BenchSocket> sockets, PeerArgs args) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", args.role().cliName());
        f.put("subscribers", Integer.toString(results.length));
        long messages = 0;
        long bytes = 0;
        int retries = 0;
        Map<String, String> each = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            PeerResult r = results[i];
            if (!r.isOk()) {
                throw new BenchFailure("subscriber " + (i + 1) + ": " + r.error());
            }
            messages += r.longField("messages");
            bytes += r.longField("bytes");
            retries += sockets.get(i).connectRetries();
            String prefix = "sub" + (i + 1) + "_";
            each.put(prefix + "messages", r.fields().get("messages"));
            each.put(prefix + "timed_messages", r.fields().get("timed_messages"));
            each.put(prefix + "elapsed_ns", r.fields().get("elapsed_ns"));
        }
        f.put("messages", Long.toString(messages));
        f.put("bytes", Long.toString(bytes));
        f.putAll(each);
        return PeerMain.withConnectRetries(PeerResult.ok(f), retries);
    }

    private static boolean joinBy(Thread t, long deadlineNs) {
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
        try {
            t.join(Math.max(1, remainingMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !t.isAlive();
    }
}
