package dev.weft.patterns.pubsub;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.PipeSet;
import dev.weft.core.route.TopicFilter;
import dev.weft.patterns.pipeline.Conflation;

/**
 * SUB (RFC 29): subscribes to topic prefixes, receives fairly from its publishers, and filters what
 * arrives by its own subscriptions too. Subscriptions go to every publisher (as ZMTP 3.1 commands
 * or 3.0 messages, whichever the peer speaks) and are sent again to a publisher that reconnects.
 */
public final class SubRole implements SocketRole {
    private final FairQueue in = new FairQueue();
    // Where subscriptions go: a sending set, since SUB sends nothing else.
    private final PipeSet publishers = new PipeSet(Pipe.SetSlot.SEND);
    private final TopicFilter filter = new TopicFilter();
    private final Conflation conflation = new Conflation();
    private boolean invertMatching;

    /**
     * Subscribes to a prefix; counted, so two subscriptions need two unsubscriptions.
     *
     * @param topic the prefix (empty: everything)
     */
    public void subscribe(byte[] topic) {
        if (filter.subscribe(topic)) {
            toPublishers(PeerCommand.subscribe(topic));
        }
    }

    /**
     * Removes one subscription to a prefix.
     *
     * @param topic the prefix
     */
    public void unsubscribe(byte[] topic) {
        if (filter.unsubscribe(topic)) {
            toPublishers(PeerCommand.cancel(topic));
        }
    }

    /**
     * Keeps only the newest matching message (libzmq {@code ZMQ_CONFLATE}).
     *
     * @param conflate true to conflate
     */
    public void conflate(boolean conflate) {
        conflation.enabled(conflate);
    }

    /**
     * Delivers messages that do not match instead (libzmq {@code ZMQ_INVERT_MATCHING}); the
     * publisher must invert too.
     *
     * @param invert true to invert
     */
    public void invertMatching(boolean invert) {
        this.invertMatching = invert;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        publishers.attach(pipe);
        in.attach(pipe);
        for (byte[] topic : filter.prefixes()) {
            pipe.writeCommand(PeerCommand.subscribe(topic));
        }
    }

    @Override
    public void pipeReconnected(Pipe pipe) {
        // A new connection's publisher knows none of our subscriptions yet.
        for (byte[] topic : filter.prefixes()) {
            pipe.writeCommand(PeerCommand.subscribe(topic));
        }
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        publishers.detach(pipe);
        in.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // Subscriptions ignore the high-water mark.
    }

    @Override
    public boolean send(Message message) {
        throw new IllegalStateException("SUB cannot send; use subscribe/unsubscribe");
    }

    @Override
    public Message receive() {
        Message newest = null;
        Message m;
        while ((m = in.receive()) != null) {
            if (filter.matches(m.frame(0).content()) == invertMatching) {
                m.close();
                continue;
            }
            if (newest != null) {
                newest.close();
            }
            newest = m;
            if (!conflationOn()) {
                break;
            }
        }
        return newest;
    }

    @Override
    public boolean canSend() {
        return false;
    }

    @Override
    public boolean canReceive() {
        return in.canReceive();
    }

    private boolean conflationOn() {
        return conflation.isEnabled();
    }

    private void toPublishers(PeerCommand command) {
        for (int i = 0; i < publishers.size(); i++) {
            publishers.get(i).writeCommand(command);
        }
    }
}
