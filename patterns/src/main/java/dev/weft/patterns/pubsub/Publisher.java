package dev.weft.patterns.pubsub;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.RoleContext;
import dev.weft.core.route.Distributor;
import dev.weft.core.route.SubscriptionTrie;
import java.util.function.Consumer;

/**
 * What PUB and XPUB share (RFC 29): publisher-side prefix filtering over a {@link SubscriptionTrie}
 * and fan-out through a {@link Distributor}. A subscriber at its high-water mark misses the
 * message, and the drop is counted; in no-drop mode the send waits instead.
 */
final class Publisher {
    private final Distributor distributor = new Distributor();
    private final SubscriptionTrie<Pipe> subscriptions = new SubscriptionTrie<>();
    private final Consumer<Pipe> matcher = distributor::match;
    private final RoleContext context;
    private boolean invertMatching;
    private boolean noDrop;

    Publisher(RoleContext context) {
        this.context = context;
    }

    void invertMatching(boolean invert) {
        this.invertMatching = invert;
    }

    void noDrop(boolean noDrop) {
        this.noDrop = noDrop;
    }

    void attach(Pipe pipe) {
        distributor.attach(pipe);
    }

    void detach(Pipe pipe, Consumer<byte[]> lastSubscriberGone) {
        subscriptions.removeAll(pipe, lastSubscriberGone);
        distributor.detach(pipe);
    }

    boolean subscribe(Pipe pipe, byte[] topic) {
        return subscriptions.add(topic, pipe);
    }

    boolean unsubscribe(Pipe pipe, byte[] topic) {
        return subscriptions.remove(topic, pipe);
    }

    /**
     * Sends to every matching subscriber.
     *
     * @param message taken over on true
     * @return false only in no-drop mode, when a matching subscriber is full
     */
    boolean send(Message message) {
        subscriptions.match(message.frame(0).content(), matcher);
        if (invertMatching) {
            distributor.invertMatches();
        }
        if (noDrop && !distributor.matchingCanWrite()) {
            distributor.unmatch();
            return false;
        }
        int skipped = distributor.sendToMatching(message);
        for (int i = 0; i < skipped; i++) {
            context.countDroppedAtHwm();
        }
        return true;
    }
}
