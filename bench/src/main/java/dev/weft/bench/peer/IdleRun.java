package dev.weft.bench.peer;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The two halves of the idle-connection run: one process holds N idle DEALER connections to a
 * ROUTER in another, and each side measures what the N connections cost it (the libzmq C peer does
 * the same, message for message).
 *
 * <p>The exchange, with a control DEALER (not counted) that connects first:
 *
 * <pre>
 *   connecting process                         accepting process (ROUTER)
 *   control DEALER  ── "C" ──────────────────▶ remembers the control's routing id,
 *                                              measures its memory (before)
 *                   ◀──────────────── "R" ──
 *   measures its memory (before); clock starts
 *   creates and connects N DEALERs (calls timed)
 *   each DEALER i   ── i (4 bytes) ──────────▶ counts each index once
 *                                              all N counted: measures its memory (after)
 *                   ◀──────────────── "D" ──
 *   clock stops: connect time; memory (after)
 *   control DEALER  ── "B" ──────────────────▶ done
 * </pre>
 *
 * <p>A hello reaching the ROUTER proves its connection completed the handshake both ways, so "D"
 * means all N are up. Every wait is bounded: the hellos and "D" by the run's budget ({@code
 * durationMs}), everything else by the stall timeout.
 */
public final class IdleRun {
    /** The control DEALER's first message. */
    static final byte[] CONTROL_HELLO = {'C'};

    /** The ROUTER's answer: measure and start. */
    static final byte[] READY = {'R'};

    /** The ROUTER's word that all N hellos arrived. */
    static final byte[] DONE = {'D'};

    /** The connecting side's last message: it has measured, the ROUTER may go. */
    static final byte[] BYE = {'B'};

    /** How long the connecting side waits for "D" before calling {@link IdleSockets#unstick()}. */
    static final long UNSTICK_AFTER_MS = 3_000;

    private IdleRun() {}

    /**
     * Runs the accepting side: binds, prints {@code READY}, counts the hellos.
     *
     * @param sockets the library's sockets (closed by the caller)
     * @param args the run's arguments ({@code connections}, {@code durationMs} budget)
     * @param out where the {@code READY} line goes
     * @param measure measures this process's memory
     * @return {@code connections}, {@code messages}, {@code bytes} and the memory before and after
     * @throws BenchFailure when a message is missing, late, duplicated or malformed
     */
    public static PeerResult accept(
            IdleSockets sockets,
            PeerArgs args,
            PrintStream out,
            Function<ProcSelf, MemoryUse> measure) {
        int n = requireConnections(args);
        IdleSockets.Router router = sockets.bindRouter(args.endpoint());
        out.println(PeerResult.READY + " endpoint=" + router.endpoint());
        out.flush();
        IdleSockets.Envelope first = router.receive(args.timeoutMs());
        if (first == null) {
            throw new BenchFailure(
                    "TIMEOUT: no control hello within " + args.timeoutMs() + " ms of READY");
        }
        expect(first.payload(), CONTROL_HELLO, "the control hello");
        byte[] control = first.routingId();
        ProcSelf proc = ProcSelf.current();
        MemoryUse before = measure.apply(proc);
        sendOrFail(router, control, READY, args);

        long deadlineNs = System.nanoTime() + budgetNs(args);
        BitSet seen = new BitSet(n);
        int counted = 0;
        while (counted < n) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            IdleSockets.Envelope e = leftMs > 0 ? router.receive(leftMs) : null;
            if (e == null) {
                throw new BenchFailure(
                        "CONNECTIONS: "
                                + counted
                                + " of "
                                + n
                                + " DEALERs said hello within the budget of "
                                + args.durationMs()
                                + " ms");
            }
            if (Arrays.equals(e.routingId(), control)) {
                throw new BenchFailure(
                        "PROTOCOL: the control DEALER spoke before all hellos were counted");
            }
            int index = helloIndex(e.payload(), n);
            if (seen.get(index)) {
                throw new BenchFailure("DUPLICATE: DEALER " + index + " said hello twice");
            }
            seen.set(index);
            counted++;
        }
        MemoryUse after = measure.apply(proc);
        sendOrFail(router, control, DONE, args);
        IdleSockets.Envelope bye = router.receive(args.timeoutMs());
        if (bye == null) {
            throw new BenchFailure(
                    "TIMEOUT: no goodbye within " + args.timeoutMs() + " ms of DONE");
        }
        if (!Arrays.equals(bye.routingId(), control)) {
            throw new BenchFailure("PROTOCOL: a message from an idle DEALER after all hellos");
        }
        expect(bye.payload(), BYE, "the goodbye");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", args.role().cliName());
        f.put("connections", Integer.toString(counted));
        f.put("messages", Integer.toString(counted));
        f.put("bytes", Long.toString(4L * counted));
        before.addTo(f, "before");
        after.addTo(f, "after");
        return PeerResult.ok(f);
    }

    /**
     * Runs the connecting side: the control DEALER, then N DEALERs, each saying hello.
     *
     * @param sockets the library's sockets (closed by the caller)
     * @param args the run's arguments ({@code connections}, {@code durationMs} budget)
     * @param measure measures this process's memory
     * @return {@code connections}, {@code messages}, {@code bytes}, {@code connect_calls_ns} (the
     *     create and connect calls), {@code connect_ns} (until all N were heard of), {@code
     *     unsticks} when the library needed its stall work-around, and the memory before and after
     * @throws BenchFailure when a send is not taken or the ROUTER does not hear from all N in time
     */
    public static PeerResult connect(
            IdleSockets sockets, PeerArgs args, Function<ProcSelf, MemoryUse> measure) {
        int n = requireConnections(args);
        IdleSockets.Dealer control = sockets.openDealer();
        control.connect(args.endpoint());
        if (!control.send(CONTROL_HELLO, args.timeoutMs())) {
            throw new BenchFailure("TIMEOUT: the control hello was not taken");
        }
        byte[] ready = receiveUnsticking(control, sockets, args.timeoutMs());
        if (ready == null) {
            throw new BenchFailure(
                    "TIMEOUT: the ROUTER did not answer the control hello within "
                            + args.timeoutMs()
                            + " ms");
        }
        expect(ready, READY, "the ROUTER's answer");
        ProcSelf proc = ProcSelf.current();
        MemoryUse before = measure.apply(proc);

        long startNs = System.nanoTime();
        long deadlineNs = startNs + budgetNs(args);
        List<IdleSockets.Dealer> dealers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            IdleSockets.Dealer d = sockets.openDealer();
            d.connect(args.endpoint());
            dealers.add(d);
            if ((i & 255) == 0 && System.nanoTime() - deadlineNs > 0) {
                throw new BenchFailure(
                        "TIMEOUT: only "
                                + i
                                + " of "
                                + n
                                + " DEALERs created within the budget of "
                                + args.durationMs()
                                + " ms");
            }
        }
        long callsNs = System.nanoTime() - startNs;
        for (int i = 0; i < n; i++) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            if (leftMs <= 0 || !dealers.get(i).send(hello(i), leftMs)) {
                throw new BenchFailure(
                        "TIMEOUT: DEALER "
                                + i
                                + " of "
                                + n
                                + " could not send its hello within the budget of "
                                + args.durationMs()
                                + " ms");
            }
        }
        int unsticks = 0;
        byte[] done = null;
        while (done == null) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            if (leftMs <= 0) {
                throw new BenchFailure(
                        "CONNECTIONS: the ROUTER had not heard from all "
                                + n
                                + " DEALERs within the budget of "
                                + args.durationMs()
                                + " ms");
            }
            done = control.receive(Math.min(leftMs, UNSTICK_AFTER_MS));
            if (done == null && sockets.unstick()) {
                unsticks++;
            }
        }
        long connectNs = System.nanoTime() - startNs;
        expect(done, DONE, "the ROUTER's all-connected word");
        MemoryUse after = measure.apply(proc);
        if (!control.send(BYE, args.timeoutMs())) {
            throw new BenchFailure("TIMEOUT: the goodbye was not taken");
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", args.role().cliName());
        f.put("connections", Integer.toString(n));
        f.put("messages", Integer.toString(n));
        f.put("bytes", Long.toString(4L * n));
        f.put("connect_calls_ns", Long.toString(callsNs));
        f.put("connect_ns", Long.toString(connectNs));
        if (unsticks > 0) {
            f.put("unsticks", Integer.toString(unsticks));
        }
        before.addTo(f, "before");
        after.addTo(f, "after");
        return PeerResult.ok(f);
    }

    /**
     * Returns DEALER {@code i}'s hello: its index, 4 bytes big-endian.
     *
     * @param i the index
     * @return the payload
     */
    static byte[] hello(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    /**
     * Reads a hello's index.
     *
     * @param payload the hello
     * @param n how many DEALERs there are
     * @return the index, in {@code [0, n)}
     * @throws BenchFailure when the payload is not a 4-byte index below {@code n}
     */
    static int helloIndex(byte[] payload, int n) {
        if (payload.length != 4) {
            throw new BenchFailure(
                    "SIZE_MISMATCH: a hello of " + payload.length + " bytes (expected: 4)");
        }
        int index = ByteBuffer.wrap(payload).getInt();
        if (index < 0 || index >= n) {
            throw new BenchFailure(
                    "PROTOCOL: hello from DEALER " + index + " (expected: 0 to " + (n - 1) + ")");
        }
        return index;
    }

    private static int requireConnections(PeerArgs args) {
        if (args.connections() < 1) {
            throw new IllegalArgumentException(
                    "connections: " + args.connections() + " (expected: >= 1 for idle roles)");
        }
        return args.connections();
    }

    private static long budgetNs(PeerArgs args) {
        return TimeUnit.MILLISECONDS.toNanos(args.durationMs());
    }

    private static void sendOrFail(
            IdleSockets.Router router, byte[] id, byte[] payload, PeerArgs args) {
        if (!router.send(id, payload, args.timeoutMs())) {
            throw new BenchFailure(
                    "TIMEOUT: the ROUTER could not send '"
                            + (char) payload[0]
                            + "' to the control");
        }
    }

    private static void expect(byte[] got, byte[] expected, String what) {
        if (!Arrays.equals(got, expected)) {
            throw new BenchFailure(
                    "PROTOCOL: "
                            + what
                            + " was "
                            + Arrays.toString(got)
                            + " (expected: "
                            + Arrays.toString(expected)
                            + ")");
        }
    }

    /**
     * Waits for the control DEALER's next message, applying the library's stall work-around each
     * time a slice of the wait passes without one (its control connection may be the one that
     * stalls).
     */
    private static byte[] receiveUnsticking(
            IdleSockets.Dealer control, IdleSockets sockets, long timeoutMs) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            if (leftMs <= 0) {
                return null;
            }
            byte[] message = control.receive(Math.min(leftMs, UNSTICK_AFTER_MS));
            if (message != null) {
                return message;
            }
            sockets.unstick();
        }
    }
}
