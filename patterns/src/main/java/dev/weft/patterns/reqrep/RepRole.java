package dev.weft.patterns.reqrep;

import dev.weft.core.IllegalSocketStateException;
import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * REP (RFC 28): receives requests fairly, keeps each request's envelope (every frame up to and
 * including the empty delimiter) and puts it back in front of the reply, which goes to the peer the
 * request came from. Receive and send must alternate, or a clear {@link
 * IllegalSocketStateException} says what to do. A reply whose peer has gone is dropped, as RFC 28
 * allows.
 */
public final class RepRole implements SocketRole {
    private final FairQueue in = new FairQueue();
    private final List<dev.weft.core.Frame> envelope = new ArrayList<>();
    private final RoleContext context;
    private Pipe requester;
    private boolean replyDue;

    /**
     * Creates the role.
     *
     * @param context the socket's options and where dropped replies are counted
     */
    public RepRole(RoleContext context) {
        this.context = context;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        in.attach(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        in.detach(pipe);
        if (requester == pipe) {
            requester = null;
        }
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // A reply that does not fit is dropped, never waited for.
    }

    @Override
    public boolean send(Message message) {
        if (!replyDue) {
            throw new IllegalSocketStateException(
                    "REP send: no request to reply to (receive a request first)");
        }
        for (int i = envelope.size() - 1; i >= 0; i--) {
            message.addFirst(envelope.get(i));
        }
        envelope.clear();
        replyDue = false;
        Pipe target = requester;
        requester = null;
        if (target == null || target.isConnectionClosed()) {
            context.countUnroutable();
            message.close();
        } else if (!target.write(message)) {
            context.countDroppedAtHwm();
            message.close();
        }
        return true;
    }

    @Override
    public Message receive() {
        if (replyDue) {
            throw new IllegalSocketStateException(
                    "REP receive: the last request has no reply yet (send the reply first)");
        }
        Message m;
        while ((m = in.receive()) != null) {
            if (takeEnvelope(m)) {
                requester = in.lastPipe();
                replyDue = true;
                return m;
            }
            // RFC 28: a request without an envelope delimiter is discarded.
            m.close();
        }
        return null;
    }

    @Override
    public boolean canSend() {
        return replyDue;
    }

    @Override
    public boolean canReceive() {
        return !replyDue && in.canReceive();
    }

    @Override
    public void close() {
        envelope.forEach(dev.weft.core.Frame::release);
        envelope.clear();
    }

    private boolean takeEnvelope(Message m) {
        int delimiter = -1;
        for (int i = 0; i < m.size(); i++) {
            if (m.frame(i).isEmpty()) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            return false;
        }
        for (int i = 0; i <= delimiter; i++) {
            envelope.add(m.removeFirst());
        }
        return true;
    }
}
