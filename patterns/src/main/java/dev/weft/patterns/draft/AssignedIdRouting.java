package dev.weft.patterns.draft;

import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.RoleContext;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.RoutingTable;
import java.util.HashMap;

/**
 * Routing by ids the socket assigns (SERVER, RFC 41; PEER, RFC 51): each peer's queue gets a unique
 * non-zero 32-bit routing id when it is attached, received messages carry the id of the peer they
 * came from, and a sent message goes to the peer its routing id names.
 *
 * <p>Ids follow libzmq: a counter starting at a random value, skipping 0 (and, in Weft, any id
 * still in use after the counter wrapped). The peer cannot choose its id.
 *
 * <p>Sending, where the RFCs and libzmq leave room:
 *
 * <ul>
 *   <li>A message without a routing id is a programming error and throws.
 *   <li>A message for an id no peer has is dropped and counted in {@code droppedUnroutable} by
 *       default (like a ROUTER's), or refused with {@link HostUnreachableException} when mandatory
 *       is on, which is libzmq's only behaviour ({@code EHOSTUNREACH}).
 *   <li>A message for a peer whose queue is full waits (a send returns false to the socket core,
 *       which waits for the peer's writable edge or the send timeout), as libzmq's {@code EAGAIN}
 *       does; it is never dropped.
 * </ul>
 *
 * <p>Used under the socket lock; not thread-safe by itself, except {@link #mandatory(boolean)},
 * which any thread may call.
 */
final class AssignedIdRouting {
    private final FairQueue in = new FairQueue();
    private final RoutingTable table = new RoutingTable();
    private final RoleContext context;
    private final SocketType type;
    // Set from any thread by the socket's option method, read under the socket lock.
    private volatile boolean mandatory;
    // Queues made at connect (immediate off), by the endpoint text given to connect.
    private final HashMap<String, Pipe> connected = new HashMap<>();

    /**
     * Creates the routing of one socket.
     *
     * @param context the socket's type, and where unroutable drops are counted
     */
    AssignedIdRouting(RoleContext context) {
        this.context = context;
        this.type = context.socketType();
    }

    /**
     * Sets mandatory routing: unknown ids throw instead of being dropped.
     *
     * @param mandatory true to throw
     */
    void mandatory(boolean mandatory) {
        this.mandatory = mandatory;
    }

    /**
     * Tells whether mandatory routing is on.
     *
     * @return the setting
     */
    boolean isMandatory() {
        return mandatory;
    }

    /**
     * Gives a new peer its routing id and starts reading from it.
     *
     * @param pipe the new pipe
     */
    void attach(Pipe pipe) {
        table.add(table.generateServerId(), pipe, false);
        in.attach(pipe);
        if (pipe.isPersistent()) {
            connected.put(pipe.endpoint(), pipe);
        }
    }

    /**
     * Returns the routing id of the queue made when this socket connected to an endpoint.
     *
     * @param endpoint the endpoint as given to connect
     * @return the id, or 0 when no such queue is attached
     */
    int routingIdOfConnected(String endpoint) {
        Pipe pipe = connected.get(endpoint);
        return pipe == null ? 0 : RoutingTable.serverId(pipe.routingId());
    }

    /**
     * Forgets a peer and its id. Idempotent.
     *
     * @param pipe the pipe going away
     */
    void detach(Pipe pipe) {
        table.remove(pipe);
        in.detach(pipe);
        if (pipe.isPersistent()) {
            connected.remove(pipe.endpoint(), pipe);
        }
    }

    /**
     * Marks a peer readable.
     *
     * @param pipe the pipe
     */
    void readable(Pipe pipe) {
        in.activate(pipe);
    }

    /**
     * Sends a message to the peer its routing id names.
     *
     * @param message taken over when this returns true; its routing id is cleared on the way
     * @return true when queued or dropped as unroutable; false when the peer's queue is full
     * @throws IllegalArgumentException when the message has no routing id
     * @throws HostUnreachableException in mandatory mode, when no peer has the id
     */
    boolean send(Message message) {
        int id = message.routingId();
        if (id == 0) {
            throw new IllegalArgumentException(
                    type
                            + " send: no routing id (expected: the routing id of a connected peer,"
                            + " as a received message's routingId() gives it)");
        }
        Pipe pipe = table.get(id);
        if (pipe == null) {
            if (mandatory) {
                throw new HostUnreachableException(
                        type
                                + " send: no connected peer has routing id "
                                + Integer.toUnsignedString(id)
                                + " ("
                                + table.size()
                                + " peers connected)");
            }
            context.countUnroutable();
            message.close();
            return true;
        }
        // The id names the peer here only; over inproc the message itself reaches the peer.
        message.clearRoutingId();
        if (pipe.write(message)) {
            return true;
        }
        // A refused write marks the pipe, so its writable edge wakes the waiting sender.
        message.routingId(id);
        return false;
    }

    /**
     * Takes the next message in fair order, stamped with its peer's routing id.
     *
     * @return the message (the caller owns it), or null when none is ready
     */
    Message receive() {
        Message m = in.receive();
        if (m != null) {
            m.routingId(RoutingTable.serverId(in.lastPipe().routingId()));
        }
        return m;
    }

    /**
     * Tells whether a message is ready.
     *
     * @return true when {@link #receive()} would return one
     */
    boolean canReceive() {
        return in.canReceive();
    }
}
