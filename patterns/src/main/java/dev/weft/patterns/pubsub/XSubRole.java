package dev.weft.patterns.pubsub;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.Distributor;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.TopicFilter;
import dev.weft.core.socket.SocketCounters;

/**
 * XSUB (RFC 29): a SUB whose application sends subscriptions as messages ({@code 0x01}/{@code 0x00}
 * + topic) and receives everything its publishers send, unfiltered. Subscriptions go to every
 * publisher and again to one that reconnects; other messages are sent to every publisher.
 */
public final class XSubRole implements SocketRole {
    private final FairQueue in = new FairQueue();
    private final Distributor out = new Distributor();
    private final TopicFilter subscriptions = new TopicFilter();
    private final SocketCounters counters;

    /**
     * Creates the role.
     *
     * @param counters where drops are counted
     */
    public XSubRole(SocketCounters counters) {
        this.counters = counters;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        in.attach(pipe);
        out.attach(pipe);
        for (byte[] topic : subscriptions.prefixes()) {
            pipe.writeCommand(PeerCommand.subscribe(topic));
        }
    }

    @Override
    public void pipeReconnected(Pipe pipe) {
        // A new connection's publisher knows none of our subscriptions yet.
        for (byte[] topic : subscriptions.prefixes()) {
            pipe.writeCommand(PeerCommand.subscribe(topic));
        }
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        in.detach(pipe);
        out.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // Upstream data is best effort per message, like libzmq.
    }

    @Override
    public boolean send(Message message) {
        int kind = SubscriptionMessages.kind(message);
        if (kind < 0) {
            out.matchAll();
            int skipped = out.sendToMatching(message);
            for (int i = 0; i < skipped; i++) {
                counters.droppedAtHwm();
            }
            return true;
        }
        byte[] topic = SubscriptionMessages.topic(message);
        message.close();
        boolean forward;
        if (kind == 1) {
            // Every subscription goes upstream (the publisher keeps one per peer); the count
            // here only decides when an unsubscription does.
            subscriptions.subscribe(topic);
            forward = true;
        } else {
            forward = subscriptions.unsubscribe(topic);
        }
        if (forward) {
            PeerCommand c = kind == 1 ? PeerCommand.subscribe(topic) : PeerCommand.cancel(topic);
            // Every publisher: the distributor holds them all.
            for (int i = 0; i < out.size(); i++) {
                out.pipe(i).writeCommand(c);
            }
        }
        return true;
    }

    @Override
    public Message receive() {
        return in.receive();
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
