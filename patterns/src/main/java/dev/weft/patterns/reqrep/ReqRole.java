package dev.weft.patterns.reqrep;

import dev.weft.core.Frame;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.LoadBalancer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * REQ (RFC 28): sends a request round-robin with an empty delimiter frame in front, then accepts
 * only the reply from the peer that got it, with the delimiter removed. Send and receive must
 * alternate, or a clear {@link IllegalSocketStateException} says what to do.
 *
 * <ul>
 *   <li>{@code relaxed}: a new request may be sent before the reply came; the old reply is then
 *       discarded (libzmq {@code ZMQ_REQ_RELAXED}).
 *   <li>{@code correlate}: each request carries a 32-bit id frame before the delimiter and only a
 *       reply with the same id is accepted (libzmq {@code ZMQ_REQ_CORRELATE}).
 * </ul>
 */
public final class ReqRole implements SocketRole {
    private final LoadBalancer out = new LoadBalancer();
    private final FairQueue in = new FairQueue();
    private boolean relaxed;
    private boolean correlate;
    private boolean awaitingReply;
    private Pipe replyPipe;
    private boolean probeRouter;
    private int requestId = java.util.concurrent.ThreadLocalRandom.current().nextInt();

    /**
     * Allows a new request before the reply arrived.
     *
     * @param relaxed true for relaxed mode
     */
    public void relaxed(boolean relaxed) {
        this.relaxed = relaxed;
    }

    /**
     * Tags requests with an id and accepts only the matching reply.
     *
     * @param correlate true to correlate
     */
    public void correlate(boolean correlate) {
        this.correlate = correlate;
    }

    /**
     * Sends an empty message to each new peer as soon as it connects (libzmq {@code
     * ZMQ_PROBE_ROUTER}).
     *
     * @param probe true to probe
     */
    public void probeRouter(boolean probe) {
        this.probeRouter = probe;
    }

    /**
     * Tells whether a request waits for its reply.
     *
     * @return true between a send and the matching receive
     */
    public boolean awaitingReply() {
        return awaitingReply;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        out.attach(pipe);
        in.attach(pipe);
        Probe.send(probeRouter, pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        out.detach(pipe);
        in.detach(pipe);
        if (replyPipe == pipe) {
            replyPipe = null;
        }
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        out.activate(pipe);
    }

    @Override
    public boolean send(Message message) {
        if (awaitingReply && !relaxed) {
            throw new IllegalSocketStateException(
                    "REQ send: the previous request has no reply yet (receive it first, or enable"
                            + " relaxed mode to abandon it)");
        }
        int id = requestId + 1;
        message.addFirst(Unpooled.EMPTY_BUFFER);
        if (correlate) {
            message.addFirst(Unpooled.buffer(4).writeInt(id));
        }
        if (!out.send(message)) {
            message.removeFirst().release();
            if (correlate) {
                message.removeFirst().release();
            }
            return false;
        }
        requestId = id;
        replyPipe = out.lastPipe();
        awaitingReply = true;
        return true;
    }

    @Override
    public Message receive() {
        if (!awaitingReply) {
            throw new IllegalSocketStateException(
                    "REQ receive: no request is waiting for a reply (send a request first)");
        }
        Message m;
        while ((m = in.receive()) != null) {
            if (in.lastPipe() == replyPipe && stripEnvelope(m)) {
                awaitingReply = false;
                replyPipe = null;
                return m;
            }
            // RFC 28: a reply from another peer, a stale reply or a malformed one is discarded.
            m.close();
        }
        return null;
    }

    @Override
    public boolean canSend() {
        return (!awaitingReply || relaxed) && out.canSend();
    }

    @Override
    public boolean canReceive() {
        return awaitingReply && in.canReceive();
    }

    private boolean stripEnvelope(Message m) {
        if (correlate) {
            if (m.size() < 2) {
                return false;
            }
            ByteBuf idFrame = m.frame(0).content();
            if (idFrame.readableBytes() != 4
                    || idFrame.getInt(idFrame.readerIndex()) != requestId) {
                return false;
            }
            m.removeFirst().release();
        }
        if (m.size() < 2 || !m.frame(0).isEmpty()) {
            return false;
        }
        Frame delimiter = m.removeFirst();
        delimiter.release();
        return true;
    }
}
