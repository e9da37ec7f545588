package dev.weft.patterns;

import dev.weft.core.Context;
import dev.weft.core.HostUnreachableException;
import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.role.RoleContext;
import dev.weft.patterns.draft.ServerRole;

/**
 * A PEER socket (RFC 51, a draft type): talks to PEER peers, each known by a routing id this socket
 * gives it, a non-zero unsigned 32-bit integer unique among its peers. {@link #connectPeer(String)}
 * connects and returns the id of the peer it connects to at once, before the connection exists;
 * peers that connect here get theirs when their handshake completes. Every received message carries
 * its sender's id in {@link Message#routingId()}; to send, set the id ({@link #send(int, String)},
 * or {@link Message#routingId(int)} and {@link #send(Message)}).
 *
 * <p>Messages are single-part: sending one of several frames throws {@link
 * IllegalArgumentException}, and a peer that sends one is disconnected.
 *
 * <p>Routing follows {@link ServerSocket}: a message for an unknown id is dropped and counted in
 * {@link dev.weft.core.SocketStats#droppedUnroutable()}, or throws {@link HostUnreachableException}
 * with {@link #mandatory(boolean)} on (libzmq's only behaviour); a message for a peer whose queue
 * is full waits for room, up to the send timeout.
 *
 * <p>Thread-safe, like every Weft socket.
 */
public final class PeerSocket extends DuplexSocket {
    private final ServerRole role;

    /**
     * Creates a PEER with default options.
     *
     * @param context the owning context
     */
    public PeerSocket(Context context) {
        this(context, SocketOptions.DEFAULTS);
    }

    /**
     * Creates a PEER.
     *
     * @param context the owning context
     * @param options socket options
     */
    public PeerSocket(Context context, SocketOptions options) {
        this(context, new RoleContext(SocketType.PEER, options));
    }

    private PeerSocket(Context context, RoleContext roleContext) {
        this(context, roleContext, new ServerRole(roleContext));
    }

    private PeerSocket(Context context, RoleContext roleContext, ServerRole role) {
        super(context, roleContext, role);
        this.role = role;
    }

    /**
     * Connects to an endpoint and returns the routing id of the peer there (libzmq's {@code
     * zmq_connect_peer}): the peer's queue, and its id, exist when this returns, so messages sent
     * to the id wait in the queue until the connection is made (and across reconnects). Connecting
     * again to an endpoint this socket is already connected to returns the id it has.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:5555}
     * @return the peer's routing id, non-zero
     * @throws IllegalSocketStateException when the socket's {@code immediate} option is on, under
     *     which a peer's queue exists only once its connection does (libzmq refuses it too)
     * @throws InvalidEndpointException when the endpoint is malformed, or the socket was
     *     disconnected from it while this call ran
     */
    public int connectPeer(String endpoint) {
        if (options().immediate()) {
            throw new IllegalSocketStateException(
                    "PEER connectPeer '"
                            + endpoint
                            + "': immediate is on (expected: off, the default; with it on a"
                            + " peer's queue and routing id exist only once its connection does)");
        }
        connect(endpoint);
        int[] id = new int[1];
        withRole(() -> id[0] = role.routingIdOfConnected(endpoint));
        if (id[0] == 0) {
            throw new InvalidEndpointException(
                    "PEER connectPeer '"
                            + endpoint
                            + "': no queue for the endpoint (disconnected while connecting)");
        }
        return id[0];
    }

    /**
     * Sets mandatory routing (libzmq's PEER always behaves so): a send to a routing id no peer has
     * throws {@link HostUnreachableException} instead of dropping the message.
     *
     * @param mandatory true for mandatory routing
     * @return this socket
     */
    public PeerSocket mandatory(boolean mandatory) {
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
     * @param routingId the peer's id, from {@link #connectPeer} or a received message
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
     * @param routingId the peer's id, from {@link #connectPeer} or a received message
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
