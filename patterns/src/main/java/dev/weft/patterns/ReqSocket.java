package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.reqrep.ReqRole;
import java.time.Duration;

/**
 * A REQ socket (RFC 28): sends a request to one of its REP or ROUTER peers (round-robin), then
 * receives that peer's reply. Send and receive must alternate; breaking the order throws {@link
 * IllegalSocketStateException} saying what to do. To recover from a lost reply, turn on {@link
 * #relaxed(boolean)} (and {@link #correlate(boolean)} so a late reply to an abandoned request is
 * never taken for the new one).
 */
public final class ReqSocket extends DuplexSocket {
    private final ReqRole role;

    /**
     * Creates a REQ with default options.
     *
     * @param context the owning context
     */
    public ReqSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a REQ.
     *
     * @param context the owning context
     * @param options socket options
     */
    public ReqSocket(Context context, SocketOptions options) {
        this(context, options, new ReqRole());
    }

    private ReqSocket(Context context, SocketOptions options, ReqRole role) {
        super(context, new RoleContext(SocketType.REQ, options), role);
        this.role = role;
    }

    /**
     * Allows a new request before the previous reply arrived; the old reply is then discarded
     * (libzmq {@code ZMQ_REQ_RELAXED}).
     *
     * @param relaxed true for relaxed mode
     * @return this socket
     */
    public ReqSocket relaxed(boolean relaxed) {
        withRole(() -> role.relaxed(relaxed));
        return this;
    }

    /**
     * Tags each request with an id and accepts only the reply carrying it (libzmq {@code
     * ZMQ_REQ_CORRELATE}).
     *
     * @param correlate true to correlate
     * @return this socket
     */
    public ReqSocket correlate(boolean correlate) {
        withRole(() -> role.correlate(correlate));
        return this;
    }

    /**
     * Sends an empty message to each new peer as soon as it connects (libzmq {@code
     * ZMQ_PROBE_ROUTER}), so that a ROUTER peer learns this socket's routing id at once. Set it
     * before connecting.
     *
     * @param probe true to probe
     * @return this socket
     */
    public ReqSocket probeRouter(boolean probe) {
        withRole(() -> role.probeRouter(probe));
        return this;
    }

    /**
     * Sends a request and waits for its reply.
     *
     * @param request taken over when it was sent
     * @param timeout how long to wait for sending and for the reply, each
     * @return the reply, which the caller must close; null when the timeout passed (turn on relaxed
     *     mode to send another request after that)
     * @throws IllegalSocketStateException when a previous request still waits for its reply and
     *     relaxed mode is off
     */
    public Message request(Message request, Duration timeout) {
        if (!send(request, timeout)) {
            request.close();
            return null;
        }
        return receive(timeout);
    }
}
