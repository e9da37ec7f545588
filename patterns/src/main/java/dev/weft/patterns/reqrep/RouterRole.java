package dev.weft.patterns.reqrep;

import dev.weft.core.Frame;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.RoutingTable;
import io.netty.buffer.ByteBufUtil;

/**
 * ROUTER (RFC 28): prefixes each received message with the routing id of the peer it came from, and
 * routes each sent message by its first frame, which it strips.
 *
 * <ul>
 *   <li>A peer's announced {@code Identity} becomes its routing id; anonymous peers get a generated
 *       5-byte id ({@code 0x00} + 32-bit counter, like libzmq).
 *   <li>A second peer announcing an id in use is refused, unless handover is on: then it takes the
 *       id over and the old connection is closed.
 *   <li>A message for an unknown id is dropped silently and counted, or, in mandatory mode, refused
 *       with {@link HostUnreachableException}. A message for a peer at its high-water mark is
 *       dropped and counted, or, in mandatory mode, waits.
 * </ul>
 */
public final class RouterRole implements SocketRole {
    private final FairQueue in = new FairQueue();
    private final RoutingTable table = new RoutingTable();
    private final RoleContext context;
    private volatile boolean mandatory;
    private volatile boolean handover;
    private volatile boolean probeRouter;

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
     * Creates the role.
     *
     * @param context the socket's options and where drops are counted
     */
    public RouterRole(RoleContext context) {
        this.context = context;
    }

    /**
     * Sets mandatory routing (libzmq {@code ZMQ_ROUTER_MANDATORY}).
     *
     * @param mandatory true to refuse unroutable messages instead of dropping them
     */
    public void mandatory(boolean mandatory) {
        this.mandatory = mandatory;
    }

    /**
     * Tells whether mandatory routing is on.
     *
     * @return the setting
     */
    public boolean isMandatory() {
        return mandatory;
    }

    /**
     * Sets handover (libzmq {@code ZMQ_ROUTER_HANDOVER}).
     *
     * @param handover true to let a new peer take over a routing id in use
     */
    public void handover(boolean handover) {
        this.handover = handover;
    }

    /**
     * Tells whether handover is on.
     *
     * @return the setting
     */
    public boolean isHandover() {
        return handover;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        byte[] announced = pipe.peerMetadata().identity();
        byte[] id =
                announced == null || announced.length == 0 ? table.generateRouterId() : announced;
        switch (table.add(id, pipe, handover)) {
            case DUPLICATE -> {
                pipe.reject(
                        "DUPLICATE_ROUTING_ID: 0x"
                                + ByteBufUtil.hexDump(id)
                                + " is in use (enable handover to let the new peer take it)");
                return;
            }
            case HANDED_OVER -> {
                Pipe old = table.displaced();
                in.detach(old);
                old.reject("routing id 0x" + ByteBufUtil.hexDump(id) + " taken over by a new peer");
            }
            case ADDED -> {}
            default -> throw new IllegalStateException("unreachable");
        }
        in.attach(pipe);
        Probe.send(probeRouter, pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        table.remove(pipe);
        in.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        if (pipe.routingId() != null) {
            in.activate(pipe);
        }
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // Writability is checked per message against the addressed pipe.
    }

    @Override
    public boolean send(Message message) {
        if (message.size() < 2) {
            throw new IllegalArgumentException(
                    "ROUTER send: "
                            + message.size()
                            + " frame(s) (expected: a routing-id frame, then at least one frame)");
        }
        Pipe pipe = table.get(message.frame(0).content());
        if (pipe == null) {
            if (mandatory) {
                throw new HostUnreachableException(
                        "ROUTER send: no connected peer has routing id 0x"
                                + ByteBufUtil.hexDump(message.frame(0).content())
                                + " ("
                                + table.size()
                                + " peers connected)");
            }
            context.countUnroutable();
            message.close();
            return true;
        }
        if (!mandatory && !pipe.canWrite()) {
            context.countDroppedAtHwm();
            message.close();
            return true;
        }
        // Mandatory: a refused write marks the pipe, so its pipeWritable edge wakes the sender.
        Frame id = message.removeFirst();
        if (pipe.write(message)) {
            id.release();
            return true;
        }
        message.addFirst(id);
        return false;
    }

    @Override
    public Message receive() {
        Message m = in.receive();
        if (m != null) {
            // The pipe's shared, unreleasable id frame; the engine left head room for it.
            m.addFirst(in.lastPipe().routingIdFrame());
        }
        return m;
    }

    @Override
    public boolean canSend() {
        return true;
    }

    @Override
    public boolean canReceive() {
        return in.canReceive();
    }
}
