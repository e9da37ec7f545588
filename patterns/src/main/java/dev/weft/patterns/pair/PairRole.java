package dev.weft.patterns.pair;

import dev.weft.core.Message;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;

/**
 * PAIR (RFC 31) and CHANNEL (RFC 52): exactly one peer at a time; a second peer is refused while
 * the first is connected. With no peer, a send waits. (CHANNEL's single-part rule is the engine's.)
 */
public final class PairRole implements SocketRole {
    private final SocketType type;
    private Pipe peer;
    private boolean readable;

    /**
     * Creates the role of a PAIR or CHANNEL socket.
     *
     * @param type the socket's type, named when a second peer is refused
     */
    public PairRole(SocketType type) {
        this.type = type;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        if (peer != null) {
            pipe.reject(type + " already has a peer (" + peer.peerAddress() + ")");
            return;
        }
        peer = pipe;
        readable = true;
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        if (peer == pipe) {
            peer = null;
            readable = false;
        }
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        if (pipe == peer) {
            readable = true;
        }
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // A send retries the one pipe directly.
    }

    @Override
    public boolean send(Message message) {
        return peer != null && peer.write(message);
    }

    @Override
    public Message receive() {
        if (peer == null || !readable) {
            return null;
        }
        Message m = peer.read();
        if (m == null) {
            readable = false;
        }
        return m;
    }

    @Override
    public boolean canSend() {
        return peer != null && peer.canWrite();
    }

    @Override
    public boolean canReceive() {
        return peer != null && peer.hasInbound();
    }
}
