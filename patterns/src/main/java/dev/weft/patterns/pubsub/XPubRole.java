package dev.weft.patterns.pubsub;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import dev.weft.core.socket.SocketCounters;
import java.util.ArrayDeque;

/**
 * XPUB (RFC 29): a PUB whose application sees subscriptions as messages ({@code 0x01}/{@code 0x00}
 * + topic). By default only a topic's first subscription and last unsubscription are passed up (as
 * a forwarder needs); {@code verbose} passes every subscription. In manual mode the application
 * decides which subscriptions take effect, for the peer that sent the last one. A welcome message
 * is sent to each new subscriber. Messages from subscribers that are not subscriptions are passed
 * up too.
 */
public final class XPubRole implements SocketRole {
    private final Publisher publisher;
    private final ArrayDeque<Message> upstream = new ArrayDeque<>();
    private final FairQueue in = new FairQueue();
    private boolean verbose;
    private boolean manual;
    private Message welcome;
    private Pipe lastSubscriber;

    /**
     * Creates the role.
     *
     * @param counters where drops are counted
     */
    public XPubRole(SocketCounters counters) {
        this.publisher = new Publisher(counters);
    }

    /**
     * Passes every subscription up, not only new ones (libzmq {@code ZMQ_XPUB_VERBOSE}).
     *
     * @param verbose true to pass duplicates
     */
    public void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    /**
     * Lets the application decide subscriptions (libzmq {@code ZMQ_XPUB_MANUAL}).
     *
     * @param manual true for manual mode
     */
    public void manual(boolean manual) {
        this.manual = manual;
    }

    /**
     * Waits instead of dropping when a subscriber is full (libzmq {@code ZMQ_XPUB_NODROP}).
     *
     * @param noDrop true to wait
     */
    public void noDrop(boolean noDrop) {
        publisher.noDrop(noDrop);
    }

    /**
     * Sends to subscribers that do not match instead (libzmq {@code ZMQ_INVERT_MATCHING}).
     *
     * @param invert true to invert
     */
    public void invertMatching(boolean invert) {
        publisher.invertMatching(invert);
    }

    /**
     * Sets the message sent to every new subscriber (libzmq {@code ZMQ_XPUB_WELCOME_MSG}).
     *
     * @param message taken over; null for none
     */
    public void welcome(Message message) {
        if (welcome != null) {
            welcome.close();
        }
        welcome = message;
    }

    /**
     * In manual mode, subscribes the peer that sent the last subscription.
     *
     * @param topic the prefix
     * @return false when no subscription arrived yet
     */
    public boolean subscribeLast(byte[] topic) {
        return lastSubscriber != null && apply(lastSubscriber, true, topic);
    }

    /**
     * In manual mode, unsubscribes the peer that sent the last subscription.
     *
     * @param topic the prefix
     * @return false when no subscription arrived yet
     */
    public boolean unsubscribeLast(byte[] topic) {
        return lastSubscriber != null && apply(lastSubscriber, false, topic);
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        publisher.attach(pipe);
        in.attach(pipe);
        if (welcome != null) {
            pipe.write(welcome.retainedDuplicate());
        }
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        publisher.detach(
                pipe,
                topic -> {
                    if (!manual) {
                        upstream.add(SubscriptionMessages.of(false, topic));
                    }
                });
        in.detach(pipe);
        if (lastSubscriber == pipe) {
            lastSubscriber = null;
        }
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // Writability is checked per message.
    }

    @Override
    public void onCommand(Pipe pipe, PeerCommand command) {
        boolean subscribe = command.kind() == PeerCommand.Kind.SUBSCRIBE;
        if (!subscribe && command.kind() != PeerCommand.Kind.CANCEL) {
            return;
        }
        if (manual) {
            lastSubscriber = pipe;
            upstream.add(SubscriptionMessages.of(subscribe, command.body()));
            return;
        }
        boolean changed = apply(pipe, subscribe, command.body());
        if (changed || (subscribe && verbose)) {
            upstream.add(SubscriptionMessages.of(subscribe, command.body()));
        }
    }

    @Override
    public boolean send(Message message) {
        return publisher.send(message);
    }

    @Override
    public Message receive() {
        Message m = upstream.poll();
        return m != null ? m : in.receive();
    }

    @Override
    public boolean canSend() {
        return true;
    }

    @Override
    public boolean canReceive() {
        return !upstream.isEmpty() || in.canReceive();
    }

    @Override
    public void close() {
        Message m;
        while ((m = upstream.poll()) != null) {
            m.close();
        }
        welcome(null);
    }

    private boolean apply(Pipe pipe, boolean subscribe, byte[] topic) {
        return subscribe ? publisher.subscribe(pipe, topic) : publisher.unsubscribe(pipe, topic);
    }
}
