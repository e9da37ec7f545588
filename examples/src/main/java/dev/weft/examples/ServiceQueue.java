package dev.weft.examples;

import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One named service in the broker: its idle workers, least recently used first, and the client
 * requests waiting for one (RFC 7 §Overall Topology: "a set of shared request queues, one per
 * service").
 *
 * <p>Owned by the broker thread. Queued requests are {@code [client, "", body...]} messages owned
 * by the queue until taken; {@link #close()} releases those still queued.
 */
final class ServiceQueue implements AutoCloseable {
    /** A client request waiting for a worker, and when it gives up waiting. */
    private record Pending(Message request, long expiryNs) {}

    private final String name;
    private final byte[] nameBytes;
    private final ByteBuf key;
    private final ArrayDeque<RegisteredWorker> idle = new ArrayDeque<>();
    private final ArrayDeque<Pending> requests = new ArrayDeque<>();
    private int workers;

    /**
     * Creates an empty service.
     *
     * @param nameBytes the service name as sent on the wire (copied)
     */
    ServiceQueue(byte[] nameBytes) {
        this.nameBytes = nameBytes.clone();
        this.name = new String(this.nameBytes, StandardCharsets.UTF_8);
        this.key = Unpooled.wrappedBuffer(this.nameBytes);
    }

    /** Returns the service name. */
    String name() {
        return name;
    }

    /** Returns the map key: the name as a buffer compared by content. */
    ByteBuf key() {
        return key;
    }

    /** Returns a new buffer holding the name, for frame 2 of a client REPLY. */
    ByteBuf nameFrame() {
        return Unpooled.wrappedBuffer(nameBytes);
    }

    /** Counts a newly registered worker (which is not idle until {@link #addIdle}). */
    void workerAdded() {
        workers++;
    }

    /** Forgets a worker, idle or busy. */
    void workerRemoved(RegisteredWorker worker) {
        workers--;
        idle.remove(worker);
    }

    /** Returns how many workers are registered, idle or busy. */
    int workerCount() {
        return workers;
    }

    /** Appends a worker that is ready for a request (the least recently used come first). */
    void addIdle(RegisteredWorker worker) {
        idle.addLast(worker);
    }

    /** Returns the number of queued requests. */
    int queued() {
        return requests.size();
    }

    /**
     * Queues a request at the back.
     *
     * @param request taken over
     * @param expiryNs when it gives up waiting
     */
    void enqueue(Message request, long expiryNs) {
        requests.addLast(new Pending(request, expiryNs));
    }

    /**
     * Puts a request back at the front, for one a worker took but never answered.
     *
     * @param request taken over
     * @param expiryNs when it gives up waiting
     */
    void requeue(Message request, long expiryNs) {
        requests.addFirst(new Pending(request, expiryNs));
    }

    /** Tells whether a request and an idle worker are both waiting. */
    boolean canDispatch() {
        return !idle.isEmpty() && !requests.isEmpty();
    }

    /** Takes the least recently used idle worker; call only when {@link #canDispatch()}. */
    RegisteredWorker takeIdle() {
        return idle.pollFirst();
    }

    /** Takes the oldest request, now owned by the caller; call only when {@link #canDispatch()}. */
    Message takeRequest() {
        return requests.pollFirst().request();
    }

    /**
     * Drops the requests that waited too long.
     *
     * @param nowNs the current {@link System#nanoTime()}
     * @return how many were dropped
     */
    int expireRequests(long nowNs) {
        int dropped = 0;
        // Requeued requests go to the front with a fresh deadline, so deadlines are not sorted.
        var it = requests.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (nowNs - p.expiryNs() >= 0) {
                it.remove();
                p.request().close();
                dropped++;
            }
        }
        return dropped;
    }

    /** Tells whether the service has neither workers nor requests, so the broker may forget it. */
    boolean isUnused() {
        return workers == 0 && requests.isEmpty();
    }

    /** Releases the queued requests. */
    @Override
    public void close() {
        Pending p;
        while ((p = requests.pollFirst()) != null) {
            p.request().close();
        }
    }
}
