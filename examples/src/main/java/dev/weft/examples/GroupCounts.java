package dev.weft.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a radio-dish listener received, per group: readings received and readings lost, the lost
 * ones being the gaps in a group's sequence numbers after the first reading received (a RADIO drops
 * what a DISH cannot take, and udp loses datagrams). A sequence number at or below the last one
 * seen starts a new run (the publisher restarted), which is not counted as a loss.
 *
 * <p>Not thread-safe: one listener thread owns it.
 */
final class GroupCounts {
    private final Map<String, Tally> groups = new LinkedHashMap<>();
    private long received;
    private long malformed;

    /**
     * Counts a received message.
     *
     * @param group the message's group
     * @param body the message's body text
     */
    void count(String group, String body) {
        received++;
        Tally t = groups.computeIfAbsent(group, g -> new Tally());
        t.received++;
        Reading r = Reading.parse(body);
        if (r == null) {
            malformed++;
            return;
        }
        if (t.lastSeq >= 0 && r.seq() > t.lastSeq) {
            t.lost += r.seq() - t.lastSeq - 1;
        }
        t.lastSeq = r.seq();
    }

    /** Messages received, all groups together. */
    long received() {
        return received;
    }

    /**
     * Messages received in one group.
     *
     * @param group a group name
     * @return the count, 0 for a group never seen
     */
    long received(String group) {
        Tally t = groups.get(group);
        return t == null ? 0 : t.received;
    }

    /**
     * Readings lost in one group: gaps in its sequence numbers.
     *
     * @param group a group name
     * @return the count, 0 for a group never seen
     */
    long lost(String group) {
        Tally t = groups.get(group);
        return t == null ? 0 : t.lost;
    }

    /**
     * One line for the stats: each group received so far with its count and losses, in the order
     * they first arrived, then the bodies that were not readings, if any.
     *
     * @param expected groups to list even when nothing arrived in them yet
     * @return e.g. {@code sensors.temp 120 (lost 0) sensors.load 118 (lost 2)}
     */
    String summary(Iterable<String> expected) {
        for (String g : expected) {
            groups.computeIfAbsent(g, k -> new Tally());
        }
        StringJoiner out = new StringJoiner("  ");
        groups.forEach((g, t) -> out.add(g + " " + t.received + " (lost " + t.lost + ")"));
        if (malformed > 0) {
            out.add("not readings " + malformed);
        }
        return out.toString();
    }

    /** Counters of one group. */
    private static final class Tally {
        long received;
        long lost;
        long lastSeq = -1;
    }
}
