package dev.weft.patterns.draft;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;

/**
 * SERVER (RFC 41) and PEER (RFC 51): gives each peer a non-zero 32-bit routing id, fair-queues what
 * they send and stamps each received message with its sender's id; a sent message goes to the peer
 * its id names ({@code AssignedIdRouting} says what happens to unknown ids and full peers). A
 * connected endpoint gets its queue, and so its id, at connect, which is how {@link
 * #routingIdOfConnected(String)} can tell a PEER's caller the id of the peer it connects to before
 * the connection exists.
 */
public final class ServerRole implements SocketRole {
    private final AssignedIdRouting routing;

    /**
     * Creates the role.
     *
     * @param context the socket's type, and where unroutable drops are counted
     */
    public ServerRole(RoleContext context) {
        this.routing = new AssignedIdRouting(context);
    }

    /**
     * Sets mandatory routing: a send to an unknown routing id throws {@link
     * dev.weft.core.HostUnreachableException} instead of dropping the message.
     *
     * @param mandatory true to throw
     */
    public void mandatory(boolean mandatory) {
        routing.mandatory(mandatory);
    }

    /**
     * Tells whether mandatory routing is on.
     *
     * @return the setting
     */
    public boolean isMandatory() {
        return routing.isMandatory();
    }

    /**
     * Returns the routing id of the peer queue made when the socket connected to an endpoint: what
     * libzmq's {@code zmq_connect_peer} returns.
     *
     * @param endpoint the endpoint as given to connect
     * @return the id, or 0 when the socket has no queue for that endpoint
     */
    public int routingIdOfConnected(String endpoint) {
        return routing.routingIdOfConnected(endpoint);
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        routing.attach(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        routing.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        routing.readable(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // Writability is checked per message against the addressed pipe.
    }

    @Override
    public boolean send(Message message) {
        return routing.send(message);
    }

    @Override
    public Message receive() {
        return routing.receive();
    }

    @Override
    public boolean canSend() {
        // As libzmq: whether a send waits depends on the peer it names.
        return true;
    }

    @Override
    public boolean canReceive() {
        return routing.canReceive();
    }
}
