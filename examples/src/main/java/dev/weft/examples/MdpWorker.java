package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Frame;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.examples.MdpWire.Command;
import dev.weft.patterns.DealerSocket;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The worker side of MDP/Worker (RFC 7): a DEALER that registers for one service with READY,
 * answers each REQUEST through a handler, heartbeats the broker and starts over on a new socket
 * when the broker goes silent or sends DISCONNECT.
 *
 * <p>Thread-safety: one thread owns the worker and calls {@link #pollOnce} and {@link #close()};
 * the counters and {@link #connectedPeers()} may be read from any thread.
 */
final class MdpWorker implements AutoCloseable {
    private final Context context;
    private final String endpoint;
    private final String service;
    private final long heartbeatNs;
    private final long livenessNs;
    private final long reconnectDelayNs;
    private final ThrottledLog log;
    private volatile DealerSocket socket; // volatile: connectedPeers() may be read elsewhere
    private long brokerExpiryNs;
    private long nextHeartbeatNs;
    private long reconnectAtNs;

    private volatile long served;
    private volatile long connects;

    /**
     * Creates a worker; it connects on the first {@link #pollOnce}.
     *
     * @param context the context its sockets belong to
     * @param endpoint the broker's endpoint
     * @param service the service to register for (not starting with {@code mmi.})
     * @param heartbeat the heartbeat interval, as configured in the broker
     * @param liveness how many silent intervals mean the broker is gone
     * @param logOut where log lines go
     */
    MdpWorker(
            Context context,
            String endpoint,
            String service,
            Duration heartbeat,
            int liveness,
            PrintStream logOut) {
        if (service.isEmpty() || service.startsWith(MdpWire.MMI_PREFIX)) {
            throw new IllegalArgumentException(
                    "service: '" + service + "' (expected: not empty, not in the mmi. namespace)");
        }
        this.context = context;
        this.endpoint = endpoint;
        this.service = service;
        this.heartbeatNs = heartbeat.toNanos();
        this.livenessNs = heartbeatNs * liveness;
        this.reconnectDelayNs = heartbeatNs;
        this.log = new ThrottledLog("mdworker", logOut, 10);
        this.reconnectAtNs = System.nanoTime();
    }

    /**
     * Connects if needed, waits up to {@code maxWait} (less when a heartbeat is due) for a command
     * from the broker and handles it, then heartbeats or reconnects when due.
     *
     * @param maxWait longest wait
     * @param handler turns a request body into a reply body: it takes over the request and gives up
     *     the reply (it may return the request itself, for an echo)
     */
    void pollOnce(Duration maxWait, UnaryOperator<Message> handler) {
        long now = System.nanoTime();
        if (socket == null) {
            if (now - reconnectAtNs < 0) {
                sleepNs(Math.min(maxWait.toNanos(), reconnectAtNs - now));
                return;
            }
            open(now);
        }
        long waitNs = Math.max(0, Math.min(maxWait.toNanos(), nextHeartbeatNs - now));
        Message m = socket.receive(Duration.ofNanos(waitNs));
        now = System.nanoTime();
        if (m != null) {
            brokerExpiryNs = now + livenessNs; // RFC 7: any command acts as a heartbeat
            onCommand(m, handler);
        }
        if (socket != null && now - brokerExpiryNs >= 0) {
            log.log("broker silent for " + livenessNs / 1_000_000 + " ms; reconnecting");
            restart(now);
        }
        if (socket != null && now - nextHeartbeatNs >= 0) {
            send(MdpWire.workerCommand(Command.HEARTBEAT));
            nextHeartbeatNs = now + heartbeatNs;
        }
    }

    /** Returns how many requests were answered. */
    long served() {
        return served;
    }

    /** Returns how many sockets were opened (1 + reconnects). */
    long connects() {
        return connects;
    }

    /** Returns how many brokers the current socket is connected to (0 or 1). */
    int connectedPeers() {
        DealerSocket s = socket;
        return s == null ? 0 : s.stats().peers().size();
    }

    /** Sends DISCONNECT (RFC 7: the worker MAY send it at any time) and closes the socket. */
    @Override
    public void close() {
        if (socket != null) {
            send(MdpWire.workerCommand(Command.DISCONNECT));
            socket.close();
            socket = null;
        }
    }

    private void open(long now) {
        // Not immediate: READY waits in the queue until the connection is up, so open never blocks.
        socket =
                new DealerSocket(
                        context,
                        SocketOptions.builder()
                                .immediate(false)
                                .linger(Duration.ofMillis(500))
                                .build());
        socket.connect(endpoint);
        connects++;
        send(MdpWire.ready(service));
        brokerExpiryNs = now + livenessNs;
        nextHeartbeatNs = now + heartbeatNs;
        log.log("connecting to " + endpoint + ", READY for service " + service);
    }

    /** RFC 7: on DISCONNECT or a silent broker, close the socket and start over on a new one. */
    private void restart(long now) {
        socket.close();
        socket = null;
        reconnectAtNs = now + reconnectDelayNs;
    }

    /** Handles {@code ["", MDPW01, command, ...]} from the broker; takes the message over. */
    private void onCommand(Message m, UnaryOperator<Message> handler) {
        Command command =
                m.size() >= 3 && m.frame(0).isEmpty() && MdpWire.isWorkerHeader(m.frame(1))
                        ? Command.of(m.frame(2))
                        : null;
        if (command == Command.REQUEST && m.size() >= 6 && m.frame(4).isEmpty()) {
            onRequest(m, handler);
        } else if (command == Command.HEARTBEAT) {
            m.close();
        } else if (command == Command.DISCONNECT) {
            m.close();
            log.log("broker sent DISCONNECT; reconnecting");
            restart(System.nanoTime());
        } else {
            log.log("dropped an invalid message from the broker: " + m);
            m.close();
        }
    }

    /**
     * REQUEST {@code ["", MDPW01, 0x02, client, "", body...]} becomes REPLY with the same client.
     */
    private void onRequest(Message m, UnaryOperator<Message> handler) {
        for (int i = 0; i < 3; i++) {
            m.removeFirst().release(); // "", MDPW01, 0x02
        }
        Frame client = m.removeFirst();
        m.removeFirst().release(); // ""
        Message reply;
        try {
            reply = handler.apply(m);
        } catch (RuntimeException e) {
            client.release();
            throw e;
        }
        reply.addFirst(MdpWire.empty()).addFirst(client);
        if (send(MdpWire.prependWorkerHeader(Command.REPLY, reply))) {
            served++;
            nextHeartbeatNs = System.nanoTime() + heartbeatNs; // the reply was our heartbeat
        }
    }

    /** Sends without waiting; releases the message when the queue is full. */
    private boolean send(Message m) {
        boolean sent = false;
        try {
            sent = socket.trySend(m);
            return sent;
        } finally {
            if (!sent) {
                m.close();
                log.log("broker queue full: a message was dropped");
            }
        }
    }

    private static void sleepNs(long ns) {
        try {
            Thread.sleep(ns / 1_000_000, (int) (ns % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
