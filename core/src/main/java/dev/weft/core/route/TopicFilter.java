package dev.weft.core.route;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A subscriber's own subscriptions, counted: subscribing twice to a prefix needs two
 * unsubscriptions before it is gone (libzmq's behaviour). Used by SUB to filter what arrives and to
 * know which subscriptions to send, and resend after a reconnect.
 *
 * <p>Used under the socket lock; not thread-safe by itself.
 */
public final class TopicFilter {
    private final SubscriptionTrie<Object> trie = new SubscriptionTrie<>();
    private final HashMap<Key, Integer> counts = new HashMap<>();
    private static final Object SELF = new Object();
    private boolean matched;
    private final java.util.function.Consumer<Object> marker = ignored -> matched = true;

    private record Key(byte[] prefix) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Arrays.equals(prefix, k.prefix);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(prefix);
        }
    }

    /**
     * Adds one subscription to a prefix.
     *
     * @param prefix the topic prefix
     * @return true when this is the prefix's first subscription (send SUBSCRIBE upstream)
     */
    public boolean subscribe(byte[] prefix) {
        int n = counts.merge(new Key(prefix.clone()), 1, Integer::sum);
        if (n == 1) {
            trie.add(prefix, SELF);
            return true;
        }
        return false;
    }

    /**
     * Removes one subscription from a prefix.
     *
     * @param prefix the topic prefix
     * @return true when the prefix's last subscription went (send CANCEL upstream)
     */
    public boolean unsubscribe(byte[] prefix) {
        Key k = new Key(prefix);
        Integer n = counts.get(k);
        if (n == null) {
            return false;
        }
        if (n > 1) {
            counts.put(k, n - 1);
            return false;
        }
        counts.remove(k);
        trie.remove(prefix, SELF);
        return true;
    }

    /**
     * Tells whether a topic matches some subscribed prefix.
     *
     * @param topic the first frame (not consumed)
     * @return true when a subscribed prefix is a prefix of the topic
     */
    public boolean matches(ByteBuf topic) {
        matched = false;
        trie.match(topic, marker);
        return matched;
    }

    /**
     * Returns the distinct subscribed prefixes.
     *
     * @return copies of the prefixes
     */
    public List<byte[]> prefixes() {
        List<byte[]> out = new ArrayList<>(counts.size());
        for (Key k : counts.keySet()) {
            out.add(k.prefix().clone());
        }
        return out;
    }
}
