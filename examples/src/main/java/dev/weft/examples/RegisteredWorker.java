package dev.weft.examples;

import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The broker's view of one worker that sent READY: its routing id, its service, when it expires,
 * and the request it is working on.
 *
 * <p>Owned by the broker thread. The routing id is an unpooled heap copy that is never released, so
 * it can serve as a hash key that received routing-id frames are looked up with.
 */
final class RegisteredWorker {
    private final byte[] id;
    private final ByteBuf key;
    private final ServiceQueue service;
    private long expiryNs;
    private long lastSentNs;
    private Message inFlight;

    /**
     * Creates a worker entry.
     *
     * @param id the worker's routing id (copied)
     * @param service the service it registered for
     * @param nowNs the current {@link System#nanoTime()}
     * @param livenessNs how long it stays alive without sending anything
     */
    RegisteredWorker(byte[] id, ServiceQueue service, long nowNs, long livenessNs) {
        this.id = id.clone();
        this.key = Unpooled.wrappedBuffer(this.id);
        this.service = service;
        this.lastSentNs = nowNs;
        refresh(nowNs, livenessNs);
    }

    /** Returns the map key: the routing id as a buffer compared by content. */
    ByteBuf key() {
        return key;
    }

    /** Returns a new buffer holding the routing id, to address a message to this worker. */
    ByteBuf address() {
        return Unpooled.wrappedBuffer(id);
    }

    /** Returns the routing id as hex text, for logs. */
    String name() {
        return "0x" + ByteBufUtil.hexDump(id);
    }

    /** Returns the service the worker registered for. */
    ServiceQueue service() {
        return service;
    }

    /** RFC 7 §Heartbeating: any command but DISCONNECT acts as a heartbeat. */
    void refresh(long nowNs, long livenessNs) {
        expiryNs = nowNs + livenessNs;
    }

    /** Tells whether the worker stayed silent for too long. */
    boolean isExpired(long nowNs) {
        return nowNs - expiryNs >= 0;
    }

    /** Notes that the broker sent the worker a command. */
    void sent(long nowNs) {
        lastSentNs = nowNs;
    }

    /** Tells whether the broker sent nothing to the worker for at least {@code intervalNs}. */
    boolean needsHeartbeat(long nowNs, long intervalNs) {
        return nowNs - lastSentNs >= intervalNs;
    }

    /**
     * Records the request the worker is now working on.
     *
     * @param request {@code [client, "", body...]}, owned by this entry until taken back
     */
    void startRequest(Message request) {
        inFlight = request;
    }

    /** Tells whether the worker has a request to answer. */
    boolean isBusy() {
        return inFlight != null;
    }

    /**
     * Takes back the request in flight (answered, or to resend elsewhere).
     *
     * @return the request, now owned by the caller, or null when the worker was idle
     */
    Message takeRequest() {
        Message m = inFlight;
        inFlight = null;
        return m;
    }
}
