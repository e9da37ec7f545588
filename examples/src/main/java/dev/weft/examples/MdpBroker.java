package dev.weft.examples;

import dev.weft.core.Frame;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.examples.MdpWire.Command;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Majordomo Protocol 0.1 broker (RFC 7) with the management interface (RFC 8) on one ROUTER
 * socket, for clients and workers alike (RFC 7 §ROUTER Addressing allows a single socket).
 *
 * <ul>
 *   <li>Client requests queue per service until a worker of that service is idle; the least
 *       recently used idle worker gets the oldest request. Requests that wait longer than {@link
 *       Settings#requestExpiry()} are dropped (RFC 7 §MDP/Client: "SHOULD expire these requests").
 *   <li>Workers are heartbeated every {@link Settings#heartbeat()} and forgotten after {@link
 *       Settings#liveness()} silent intervals. A request a lost worker was working on goes back to
 *       the front of its queue, for another worker (RFC 7 §Goals: workers are idempotent).
 *   <li>{@code mmi.service} answers {@code 200} when the named service has at least one worker,
 *       else {@code 404}; any other {@code mmi.*} service answers {@code 501} (RFC 8).
 *   <li>Malformed messages are logged (throttled), counted and dropped; a known worker that sends
 *       one, or a valid but unexpected command, is sent DISCONNECT and forgotten (RFC 7 §Opening
 *       and Closing a Connection).
 * </ul>
 *
 * <p>Thread-safety: one thread owns the broker and calls {@link #pollOnce} (and finally {@link
 * #close()}); the counters may be read from any thread. The ROUTER socket is the caller's: the
 * broker switches on mandatory routing, so that it learns at once when a peer is gone, but never
 * closes it.
 */
final class MdpBroker implements AutoCloseable {
    /** Most messages handled per {@link #pollOnce} before timers get a turn. */
    private static final int BATCH = 256;

    /**
     * How the broker heartbeats and how long requests may wait.
     *
     * @param heartbeat how often workers are sent HEARTBEAT (and expected to send one)
     * @param liveness how many heartbeat intervals a worker may stay silent before it is forgotten
     * @param requestExpiry how long a client request may wait in its queue for a worker
     * @param maxQueuedPerService most requests waiting per service; more are dropped
     */
    record Settings(
            Duration heartbeat, int liveness, Duration requestExpiry, int maxQueuedPerService) {
        /** Validates the values. */
        Settings {
            if (heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException(
                        "heartbeat: " + heartbeat + " (expected: positive)");
            }
            if (liveness < 1) {
                throw new IllegalArgumentException("liveness: " + liveness + " (expected: >= 1)");
            }
            if (requestExpiry.isNegative() || requestExpiry.isZero()) {
                throw new IllegalArgumentException(
                        "requestExpiry: " + requestExpiry + " (expected: positive)");
            }
            if (maxQueuedPerService < 1) {
                throw new IllegalArgumentException(
                        "maxQueuedPerService: " + maxQueuedPerService + " (expected: >= 1)");
            }
        }
    }

    /** What became of a message handed to the ROUTER. */
    private enum Routed {
        SENT,
        PEER_GONE,
        PEER_FULL
    }

    private final RouterSocket socket;
    private final long heartbeatNs;
    private final long livenessNs;
    private final long requestExpiryNs;
    private final int maxQueuedPerService;
    private final ThrottledLog log;
    // Keys are unpooled copies compared by content, so received frames look them up without a copy.
    private final Map<ByteBuf, ServiceQueue> services = new HashMap<>();
    private final Map<ByteBuf, RegisteredWorker> workers = new HashMap<>();
    private long nextTimersNs;
    private long nowNs;

    // Written by the owner thread only; volatile so that stats readers see fresh values.
    private volatile long requests;
    private volatile long replies;
    private volatile long dropped;
    private volatile int serviceCount;
    private volatile int workerCount;

    /**
     * Creates a broker on a bound ROUTER socket.
     *
     * @param socket the ROUTER clients and workers connect to; mandatory routing is switched on
     * @param settings heartbeat and queueing settings
     * @param logOut where log lines go (throttled to a few per second)
     */
    MdpBroker(RouterSocket socket, Settings settings, PrintStream logOut) {
        this.socket = socket.mandatory(true);
        this.heartbeatNs = settings.heartbeat().toNanos();
        this.livenessNs = heartbeatNs * settings.liveness();
        this.requestExpiryNs = settings.requestExpiry().toNanos();
        this.maxQueuedPerService = settings.maxQueuedPerService();
        this.log = new ThrottledLog("mdbroker", logOut, 10);
        this.nowNs = System.nanoTime();
        this.nextTimersNs = nowNs + heartbeatNs;
    }

    /**
     * Waits up to {@code maxWait} (less when a heartbeat is due) for messages, handles those that
     * arrived, then sends heartbeats and expires silent workers and stale requests when due.
     *
     * @param maxWait longest wait for a message
     * @throws dev.weft.core.SocketClosedException when the socket was closed
     */
    void pollOnce(Duration maxWait) {
        nowNs = System.nanoTime();
        long waitNs = Math.max(0, Math.min(maxWait.toNanos(), nextTimersNs - nowNs));
        Message m = socket.receive(Duration.ofNanos(waitNs));
        for (int n = 0; m != null; n++) {
            nowNs = System.nanoTime();
            onMessage(m);
            m = n < BATCH ? socket.tryReceive() : null;
        }
        nowNs = System.nanoTime();
        if (nowNs - nextTimersNs >= 0) {
            onTimers();
            nextTimersNs = nowNs + heartbeatNs;
        }
        serviceCount = services.size();
        workerCount = workers.size();
    }

    /** Returns how many client requests arrived (MMI included). */
    long requests() {
        return requests;
    }

    /** Returns how many replies went to clients (MMI included). */
    long replies() {
        return replies;
    }

    /** Returns how many messages were dropped: malformed, expired or undeliverable. */
    long dropped() {
        return dropped;
    }

    /** Returns how many services have workers or waiting requests. */
    int services() {
        return serviceCount;
    }

    /** Returns how many workers are registered. */
    int workers() {
        return workerCount;
    }

    /** Releases every queued and in-flight request. Does not close the socket. */
    @Override
    public void close() {
        for (RegisteredWorker w : workers.values()) {
            Message m = w.takeRequest();
            if (m != null) {
                m.close();
            }
        }
        workers.clear();
        services.values().forEach(ServiceQueue::close);
        services.clear();
        serviceCount = 0;
        workerCount = 0;
    }

    /** Dispatches one received message, {@code [sender, "", header, ...]}; takes it over. */
    private void onMessage(Message m) {
        if (m.size() < 3 || !m.frame(1).isEmpty()) {
            drop(
                    m,
                    "message of "
                            + (m.size() - 1)
                            + " frames: not MDP (expected [\"\", header, ...])");
        } else if (MdpWire.isClientHeader(m.frame(2))) {
            onClientRequest(m);
        } else if (MdpWire.isWorkerHeader(m.frame(2))) {
            onWorkerCommand(m);
        } else {
            drop(m, "header " + show(m.frame(2)) + ": unknown (expected MDPC01 or MDPW01)");
        }
    }

    /** RFC 7 §MDP/Client REQUEST: {@code [client, "", MDPC01, service, body...]}. */
    private void onClientRequest(Message m) {
        if (m.size() < 5 || !MdpWire.isServiceName(m.frame(3))) {
            drop(m, "MDPC01 REQUEST: no body or bad service (expected 1..255-byte name, body)");
            return;
        }
        requests++;
        if (MdpWire.isMmi(m.frame(3))) {
            onMmiRequest(m);
            return;
        }
        ServiceQueue service = serviceFor(m.frame(3));
        if (service.queued() >= maxQueuedPerService) {
            drop(m, "service " + service.name() + ": " + service.queued() + " requests queued");
            return;
        }
        Frame client = m.removeFirst();
        for (int i = 0; i < 3; i++) {
            m.removeFirst().release(); // "", MDPC01, service
        }
        service.enqueue(m.addFirst(MdpWire.empty()).addFirst(client), nowNs + requestExpiryNs);
        settle(service);
    }

    /** RFC 8: answers {@code mmi.*} requests inside the broker. */
    private void onMmiRequest(Message m) {
        String code;
        if (MdpWire.isMmiService(m.frame(3))) {
            ServiceQueue s = services.get(m.frame(4).content());
            code = s != null && s.workerCount() > 0 ? MdpWire.MMI_FOUND : MdpWire.MMI_NOT_FOUND;
        } else {
            code = MdpWire.MMI_NOT_IMPLEMENTED;
        }
        Frame client = m.removeFirst();
        m.removeFirst().release(); // ""
        m.removeFirst().release(); // MDPC01
        Frame service = m.removeFirst();
        m.close(); // the request body
        Message reply =
                Message.of(code)
                        .addFirst(service)
                        .addFirst(MdpWire.clientHeader())
                        .addFirst(MdpWire.empty())
                        .addFirst(client);
        toClient(reply);
    }

    /** RFC 7 §MDP/Worker: {@code [worker, "", MDPW01, command, ...]}. */
    private void onWorkerCommand(Message m) {
        RegisteredWorker w = m.size() < 4 ? null : workers.get(m.frame(0).content());
        Command command = m.size() < 4 ? null : Command.of(m.frame(3));
        if (command == null) {
            invalid(m, w, "MDPW01 message without a known command (expected 0x01..0x05)");
            return;
        }
        if (w != null && command != Command.DISCONNECT) {
            w.refresh(nowNs, livenessNs); // RFC 7 §Heartbeating: any command acts as a heartbeat
        }
        switch (command) {
            case READY -> onReady(m, w);
            case REPLY -> onReply(m, w);
            case HEARTBEAT -> onHeartbeat(m, w);
            case DISCONNECT -> onDisconnect(m, w);
            case REQUEST -> disconnect(m, w, "REQUEST from a worker (only the broker sends it)");
            default -> throw new IllegalStateException("unreachable: " + command);
        }
    }

    /** READY: {@code [worker, "", MDPW01, 0x01, service]}. */
    private void onReady(Message m, RegisteredWorker known) {
        if (m.size() != 5 || !MdpWire.isServiceName(m.frame(4))) {
            invalid(
                    m,
                    known,
                    "READY of "
                            + (m.size() - 1)
                            + " frames (expected 4, with a 1..255-byte service)");
        } else if (known != null) {
            disconnect(m, known, "second READY (RFC 7: the worker MUST NOT send a further READY)");
        } else if (MdpWire.isMmi(m.frame(4))) {
            disconnect(
                    m, null, "READY for " + show(m.frame(4)) + " (RFC 8: mmi.* is the broker's)");
        } else {
            ServiceQueue service = serviceFor(m.frame(4));
            RegisteredWorker w =
                    new RegisteredWorker(m.frame(0).toByteArray(), service, nowNs, livenessNs);
            m.close();
            workers.put(w.key(), w);
            service.workerAdded();
            service.addIdle(w);
            log.log("worker " + w.name() + " ready for service " + service.name());
            settle(service);
        }
    }

    /** REPLY: {@code [worker, "", MDPW01, 0x03, client, "", body...]}, forwarded to the client. */
    private void onReply(Message m, RegisteredWorker w) {
        if (m.size() < 7 || !m.frame(5).isEmpty()) {
            invalid(
                    m,
                    w,
                    "REPLY of "
                            + (m.size() - 1)
                            + " frames (expected 6+: ..., client, \"\", body)");
            return;
        }
        if (w == null || !w.isBusy()) {
            disconnect(m, w, "REPLY without a request");
            return;
        }
        w.takeRequest().close();
        for (int i = 0; i < 4; i++) {
            m.removeFirst().release(); // worker, "", MDPW01, 0x03
        }
        Frame client = m.removeFirst();
        m.removeFirst().release(); // ""
        ServiceQueue service = w.service();
        toClient(
                m.addFirst(service.nameFrame())
                        .addFirst(MdpWire.clientHeader())
                        .addFirst(MdpWire.empty())
                        .addFirst(client));
        service.addIdle(w);
        settle(service);
    }

    /** HEARTBEAT: {@code [worker, "", MDPW01, 0x04]}. */
    private void onHeartbeat(Message m, RegisteredWorker w) {
        if (m.size() != 4) {
            invalid(m, w, "HEARTBEAT of " + (m.size() - 1) + " frames (expected 3)");
        } else if (w == null) {
            // A worker of a previous broker run: DISCONNECT makes it reconnect and send READY.
            disconnect(m, null, "HEARTBEAT before READY");
        } else {
            m.close();
        }
    }

    /** DISCONNECT: {@code [worker, "", MDPW01, 0x05]}. */
    private void onDisconnect(Message m, RegisteredWorker w) {
        if (m.size() != 4) {
            invalid(m, w, "DISCONNECT of " + (m.size() - 1) + " frames (expected 3)");
            return;
        }
        m.close();
        if (w != null) {
            // RFC 7: after a DISCONNECT the broker MUST send no further commands to that worker.
            forget(w, "sent DISCONNECT");
            settle(w.service());
        }
    }

    /**
     * Sends HEARTBEAT to quiet workers, forgets silent ones, drops requests that waited too long.
     */
    private void onTimers() {
        List<RegisteredWorker> lost = new ArrayList<>();
        for (RegisteredWorker w : workers.values()) {
            if (w.isExpired(nowNs)) {
                lost.add(w);
            } else if (w.needsHeartbeat(nowNs, heartbeatNs / 2)) {
                // RFC 7: peers SHOULD NOT send HEARTBEAT while also sending other commands.
                Message hb = MdpWire.workerCommand(Command.HEARTBEAT).addFirst(w.address());
                if (route(hb) == Routed.PEER_GONE) {
                    lost.add(w);
                } else {
                    w.sent(nowNs);
                }
            }
        }
        for (RegisteredWorker w : lost) {
            // RFC 7: a disconnected worker SHOULD be sent nothing more, not even DISCONNECT.
            forget(w, w.isExpired(nowNs) ? "expired (silent too long)" : "disconnected");
        }
        for (ServiceQueue s : new ArrayList<>(services.values())) {
            int expired = s.expireRequests(nowNs);
            if (expired > 0) {
                dropped += expired;
                log.log(
                        "service "
                                + s.name()
                                + ": "
                                + expired
                                + " request(s) expired waiting for a worker");
            }
            settle(s);
        }
    }

    /** Hands queued requests to idle workers, then forgets the service if it is unused. */
    private void settle(ServiceQueue service) {
        while (service.canDispatch()) {
            RegisteredWorker w = service.takeIdle();
            Message request = service.takeRequest();
            Message kept = request.retainedDuplicate();
            Message out =
                    MdpWire.prependWorkerHeader(Command.REQUEST, request).addFirst(w.address());
            if (route(out) == Routed.SENT) {
                w.startRequest(kept);
                w.sent(nowNs);
            } else {
                service.requeue(kept, nowNs + requestExpiryNs);
                forget(w, "unreachable");
            }
        }
        if (service.isUnused()) {
            services.remove(service.key());
            service.close();
        }
    }

    /**
     * Removes a worker from the registry and its service; its request in flight, if any, goes back
     * to the front of the queue. Sends nothing; callers settle the service afterwards.
     */
    private void forget(RegisteredWorker w, String why) {
        workers.remove(w.key());
        ServiceQueue service = w.service();
        service.workerRemoved(w);
        Message pending = w.takeRequest();
        if (pending != null) {
            service.requeue(pending, nowNs + requestExpiryNs);
        }
        log.log("worker " + w.name() + " of service " + service.name() + " removed: " + why);
    }

    /**
     * RFC 7: answers a valid but unexpected command with DISCONNECT and forgets the worker.
     *
     * @param m the offending message, taken over
     * @param w the worker, or null when the sender is not registered
     */
    private void disconnect(Message m, RegisteredWorker w, String why) {
        log.log("DISCONNECT to 0x" + hex(m.frame(0)) + ": " + why);
        Frame sender = m.removeFirst();
        m.close();
        route(MdpWire.workerCommand(Command.DISCONNECT).addFirst(sender));
        if (w != null) {
            forget(w, why);
            settle(w.service());
        }
    }

    /**
     * RFC 7: drops an invalid message and treats its sender as invalid: a registered worker is sent
     * DISCONNECT and forgotten; an unknown peer is ignored.
     */
    private void invalid(Message m, RegisteredWorker w, String why) {
        dropped++;
        if (w != null) {
            disconnect(m, w, "invalid: " + why);
        } else {
            log.log("dropped from 0x" + hex(m.frame(0)) + ": " + why);
            m.close();
        }
    }

    /** Drops a malformed message from any peer. */
    private void drop(Message m, String why) {
        dropped++;
        log.log("dropped from 0x" + hex(m.frame(0)) + ": " + why);
        m.close();
    }

    /** Sends an addressed client reply; counts it, or the drop when the client is gone or full. */
    private void toClient(Message reply) {
        if (route(reply) == Routed.SENT) {
            replies++;
        } else {
            dropped++;
        }
    }

    /** Hands an addressed message to the ROUTER without waiting; releases it when not sent. */
    private Routed route(Message m) {
        Routed result = Routed.PEER_FULL;
        try {
            if (socket.trySend(m)) {
                result = Routed.SENT;
            }
        } catch (HostUnreachableException e) {
            result = Routed.PEER_GONE;
        } finally {
            if (result != Routed.SENT) {
                m.close();
            }
        }
        return result;
    }

    private ServiceQueue serviceFor(Frame name) {
        ServiceQueue s = services.get(name.content());
        if (s == null) {
            s = new ServiceQueue(name.toByteArray());
            services.put(s.key(), s);
        }
        return s;
    }

    /** A peer-chosen frame for a log line: its text or hex, or only its size when long. */
    private static String show(Frame f) {
        return f.size() > 32 ? f.size() + "-byte frame" : f.toString();
    }

    private static String hex(Frame f) {
        return ByteBufUtil.hexDump(f.content());
    }
}
