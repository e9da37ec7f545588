package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.draft.ServerRole;

/**
 * A SERVER socket (RFC 41, a draft type): talks to CLIENT peers, each known by a routing id the
 * server gives it, a non-zero unsigned 32-bit integer unique among the connected peers. Every
 * received message carries its sender's id in {@link Message#routingId()}; to answer, send a
 * message with that id set ({@link #send(int, String)}, or {@link Message#routingId(int)} and
 * {@link #send(Message)}).
 *
 * <p>Messages are single-part: sending one of several frames throws {@link
 * IllegalArgumentException}, and a peer that sends one is disconnected.
 *
 * <p>A message whose routing id names no connected peer is dropped and counted in {@link
 * dev.weft.core.SocketStats#droppedUnroutable()}, unless {@link #mandatory(boolean)} is on: then
 * the send throws {@link HostUnreachableException}. libzmq always fails such a send ({@code
 * EHOSTUNREACH}); Weft's default matches its ROUTER. A message for a peer whose queue is full waits
 * for room, up to the send timeout ({@link #trySend} returns false), as in libzmq: a SERVER never
 * drops a message it could route. A message without a routing id throws {@link
 * IllegalArgumentException}.
 *
 * <p>Thread-safe, like every Weft socket: any number of threads may send and receive at once.
 */
public final class ServerSocket extends DuplexSocket {
    private final ServerRole role;

    /**
     * Creates a SERVER with default options.
     *
     * @param context the owning context
     */
    public ServerSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a SERVER.
     *
     * @param context the owning context
     * @param options socket options
     */
    public ServerSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.SERVER, options));
    }

    private ServerSocket(Context context, RoleContext roleContext) {
        this(context, roleContext, new ServerRole(roleContext));
    }

    private ServerSocket(Context context, RoleContext roleContext, ServerRole role) {
        super(context, roleContext, role);
        this.role = role;
    }

    /**
     * Sets mandatory routing (like ROUTER's {@code ZMQ_ROUTER_MANDATORY}; libzmq's SERVER always
     * behaves so): a send to a routing id no connected peer has throws {@link
     * HostUnreachableException} instead of dropping the message.
     *
     * @param mandatory true for mandatory routing
     * @return this socket
     */
    public ServerSocket mandatory(boolean mandatory) {
        role.mandatory(mandatory);
        return this;
    }

    /**
     * Tells whether mandatory routing is on.
     *
     * @return the setting
     */
    public boolean isMandatory() {
        return role.isMandatory();
    }

    /**
     * Sends UTF-8 text to the peer with a routing id, waiting up to the send timeout when its queue
     * is full.
     *
     * @param routingId the peer's id, from a received message's {@link Message#routingId()}
     * @param text the message's one frame
     * @return true when queued, or dropped because no peer has the id; false when the send timeout
     *     passed
     * @throws IllegalArgumentException when the routing id is 0
     * @throws HostUnreachableException in mandatory mode, when no peer has the id
     */
    public boolean send(int routingId, String text) {
        return RoutedSend.send(this, routingId, Message.of(text));
    }

    /**
     * Sends bytes to the peer with a routing id, waiting up to the send timeout when its queue is
     * full. The array is copied.
     *
     * @param routingId the peer's id, from a received message's {@link Message#routingId()}
     * @param body the message's one frame
     * @return true when queued, or dropped because no peer has the id; false when the send timeout
     *     passed
     * @throws IllegalArgumentException when the routing id is 0
     * @throws HostUnreachableException in mandatory mode, when no peer has the id
     */
    public boolean send(int routingId, byte[] body) {
        return RoutedSend.send(this, routingId, Message.of(body.clone()));
    }
}
