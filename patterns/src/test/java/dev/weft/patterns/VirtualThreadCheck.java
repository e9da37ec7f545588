package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A program that {@link VirtualThreadTest} runs in a JDK 21+ child JVM whose virtual threads share
 * one carrier thread: {@value #WAITERS} virtual threads each wait for a message, first in a {@link
 * Poller}, then in a blocking {@code receive}. If either wait held on to the carrier instead of
 * parking, only one virtual thread would ever run and the check would time out.
 *
 * <p>Prints {@code OK} and exits 0 when every waiter got its own message, else prints {@code FAIL}
 * and why, and exits 1. Compiled for Java 17, so it reaches the virtual-thread API by reflection.
 */
public final class VirtualThreadCheck {
    static final int WAITERS = 50;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private VirtualThreadCheck() {}

    /**
     * Runs the check.
     *
     * @param args ignored
     * @throws Exception when the JVM has no virtual threads
     */
    public static void main(String[] args) throws Exception {
        ExecutorService virtualThreads =
                (ExecutorService)
                        Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        String failure;
        try (Context ctx = Context.create()) {
            failure = check(ctx, virtualThreads, true);
            if (failure == null) {
                failure = check(ctx, virtualThreads, false);
            }
        } finally {
            virtualThreads.shutdownNow();
        }
        System.out.println(failure == null ? "OK" : "FAIL " + failure);
        System.exit(failure == null ? 0 : 1);
    }

    private static String check(Context ctx, ExecutorService virtualThreads, boolean poller)
            throws Exception {
        String how = poller ? "Poller.poll" : "receive";
        List<PairSocket> senders = new ArrayList<>();
        List<PairSocket> receivers = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            PairSocket receiver = new PairSocket(ctx);
            PairSocket sender = new PairSocket(ctx);
            sender.connect(receiver.bind("tcp://127.0.0.1:*"));
            receivers.add(receiver);
            senders.add(sender);
        }
        CountDownLatch waiting = new CountDownLatch(WAITERS);
        List<Future<String>> got = new ArrayList<>();
        for (PairSocket receiver : receivers) {
            got.add(virtualThreads.submit(() -> awaitOne(receiver, poller, waiting)));
        }
        if (!waiting.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            return (WAITERS - waiting.getCount())
                    + " of "
                    + WAITERS
                    + " virtual threads got to "
                    + how
                    + ": a waiting one holds the only carrier";
        }
        for (int i = 0; i < WAITERS; i++) {
            senders.get(i).send(how + "-" + i);
        }
        for (int i = 0; i < WAITERS; i++) {
            String text = got.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (!text.equals(how + "-" + i)) {
                return "waiter " + i + " in " + how + ": " + text;
            }
        }
        senders.forEach(WeftSocket::close);
        receivers.forEach(WeftSocket::close);
        return null;
    }

    private static String awaitOne(PairSocket receiver, boolean poller, CountDownLatch waiting)
            throws Exception {
        if (!(Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread())) {
            return "not on a virtual thread";
        }
        waiting.countDown();
        if (poller) {
            try (Poller p = new Poller()) {
                p.register(receiver, Poller.READABLE);
                int ready = p.poll(WAIT);
                if (ready != 1 || !p.isReadable(0)) {
                    return "poll returned " + ready;
                }
            }
        }
        try (Message m = receiver.receive(WAIT)) {
            return m == null ? "nothing received" : m.frame(0).toString(StandardCharsets.UTF_8);
        }
    }
}
