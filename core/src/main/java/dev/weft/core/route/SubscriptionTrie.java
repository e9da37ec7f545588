package dev.weft.core.route;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Which subscribers hold which topic prefixes, for publisher-side filtering (RFC 29: "a publisher
 * SHALL send a message to all subscribers whose subscription matches the message's first frame as a
 * prefix"). A byte trie: each node is a prefix and holds the subscribers of exactly that prefix.
 *
 * <p>Matching walks the topic's bytes once and allocates nothing. Used under the socket lock; not
 * thread-safe by itself.
 *
 * @param <S> the subscriber type (a pipe)
 */
public final class SubscriptionTrie<S> {
    private final Node<S> root = new Node<>();
    private int prefixes;

    private static final class Node<S> {
        Node<S>[] children;
        int childCount;
        final ArrayList<S> subscribers = new ArrayList<>(1);

        @SuppressWarnings("unchecked")
        Node<S> child(int b, boolean create) {
            if (children == null) {
                if (!create) {
                    return null;
                }
                children = (Node<S>[]) new Node<?>[256];
            }
            Node<S> c = children[b];
            if (c == null && create) {
                c = new Node<>();
                children[b] = c;
                childCount++;
            }
            return c;
        }
    }

    /**
     * Subscribes a subscriber to a prefix.
     *
     * @param prefix the topic prefix (may be empty: everything)
     * @param subscriber who subscribes
     * @return true when the prefix had no subscriber before (a new subscription upstream)
     */
    public boolean add(byte[] prefix, S subscriber) {
        Node<S> n = root;
        for (byte b : prefix) {
            n = n.child(b & 0xFF, true);
        }
        boolean first = n.subscribers.isEmpty();
        if (!n.subscribers.contains(subscriber)) {
            n.subscribers.add(subscriber);
        }
        if (first) {
            prefixes++;
        }
        return first;
    }

    /**
     * Unsubscribes a subscriber from a prefix.
     *
     * @param prefix the topic prefix
     * @param subscriber who unsubscribes
     * @return true when the prefix has no subscriber left (an unsubscription upstream)
     */
    public boolean remove(byte[] prefix, S subscriber) {
        Node<S> n = root;
        for (byte b : prefix) {
            n = n.child(b & 0xFF, false);
            if (n == null) {
                return false;
            }
        }
        if (!n.subscribers.remove(subscriber)) {
            return false;
        }
        if (n.subscribers.isEmpty()) {
            prefixes--;
            return true;
        }
        return false;
    }

    /**
     * Removes a subscriber from every prefix it holds.
     *
     * @param subscriber the subscriber going away
     * @param lastGone called with each prefix that has no subscriber left
     */
    public void removeAll(S subscriber, Consumer<byte[]> lastGone) {
        removeAll(root, new byte[0], subscriber, lastGone);
    }

    /**
     * Calls {@code visitor} once for each subscriber of each prefix of {@code topic}'s readable
     * bytes (a subscriber of several matching prefixes is visited several times).
     *
     * @param topic the message's first frame (not consumed)
     * @param visitor called per matching subscriber
     */
    public void match(ByteBuf topic, Consumer<S> visitor) {
        Node<S> n = root;
        int i = topic.readerIndex();
        int end = topic.writerIndex();
        while (true) {
            ArrayList<S> subs = n.subscribers;
            for (int k = 0, size = subs.size(); k < size; k++) {
                visitor.accept(subs.get(k));
            }
            if (i == end) {
                return;
            }
            n = n.child(topic.getByte(i++) & 0xFF, false);
            if (n == null) {
                return;
            }
        }
    }

    /**
     * Visits every prefix with its subscribers.
     *
     * @param visitor called with each prefix that has subscribers
     */
    public void forEach(BiConsumer<byte[], java.util.List<S>> visitor) {
        forEach(root, new byte[0], visitor);
    }

    /**
     * Returns how many prefixes have at least one subscriber.
     *
     * @return the prefix count
     */
    public int size() {
        return prefixes;
    }

    private void removeAll(Node<S> n, byte[] prefix, S subscriber, Consumer<byte[]> lastGone) {
        if (n.subscribers.remove(subscriber) && n.subscribers.isEmpty()) {
            prefixes--;
            lastGone.accept(prefix);
        }
        if (n.children != null) {
            for (int b = 0; b < 256; b++) {
                Node<S> c = n.children[b];
                if (c != null) {
                    removeAll(c, append(prefix, b), subscriber, lastGone);
                }
            }
        }
    }

    private void forEach(Node<S> n, byte[] prefix, BiConsumer<byte[], java.util.List<S>> visitor) {
        if (!n.subscribers.isEmpty()) {
            visitor.accept(prefix, java.util.List.copyOf(n.subscribers));
        }
        if (n.children != null) {
            for (int b = 0; b < 256; b++) {
                Node<S> c = n.children[b];
                if (c != null) {
                    forEach(c, append(prefix, b), visitor);
                }
            }
        }
    }

    private static byte[] append(byte[] prefix, int b) {
        byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = (byte) b;
        return out;
    }
}
