package dev.weft.core.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which members (a RADIO's pipes) joined which groups, for sender-side filtering (RFC 48: "SHALL
 * perform a group membership check using exact matching algorithm"). Groups match exactly: a member
 * of {@code "weather"} gets nothing sent to {@code "weather/eu"} or {@code "weath"}.
 *
 * <p>Groups are keyed by the {@code String} a message carries ({@link
 * dev.weft.core.Message#group()}), whose hash the string caches, so {@link #forEachMember} is one
 * hash lookup and a walk over an array: it allocates nothing. Joining and leaving take constant
 * time (each membership records its position in its group's array, and a member's memberships are
 * indexed by group), and removing a departed member takes time proportional to the groups it had
 * joined.
 *
 * <p>Membership is a set: joining a group twice is one membership, and one leave ends it. Used
 * under the socket lock; not thread-safe by itself.
 *
 * @param <M> the member type (a pipe); compared by {@code equals}/{@code hashCode}
 */
public final class GroupTable<M> {
    private final HashMap<String, Group<M>> groups = new HashMap<>();
    private final HashMap<M, HashMap<String, Membership<M>>> byMember = new HashMap<>();

    /** One group's members, in an array with no holes. */
    private static final class Group<M> {
        @SuppressWarnings("unchecked")
        Membership<M>[] members = (Membership<M>[]) new Membership<?>[2];

        int size;

        void add(Membership<M> m) {
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
            }
            m.index = size;
            members[size++] = m;
        }

        void remove(Membership<M> m) {
            Membership<M> last = members[--size];
            members[m.index] = last;
            last.index = m.index;
            members[size] = null;
        }
    }

    /** One member in one group, and where it sits in the group's array. */
    private static final class Membership<M> {
        final M member;
        final Group<M> group;
        int index;

        Membership(M member, Group<M> group) {
            this.member = member;
            this.group = group;
        }
    }

    /**
     * Adds a member to a group.
     *
     * @param group the group name
     * @param member who joins
     * @return true when the member was not in the group before
     */
    public boolean join(String group, M member) {
        HashMap<String, Membership<M>> joined =
                byMember.computeIfAbsent(member, m -> new HashMap<>());
        if (joined.containsKey(group)) {
            return false;
        }
        Group<M> g = groups.computeIfAbsent(group, name -> new Group<>());
        Membership<M> m = new Membership<>(member, g);
        g.add(m);
        joined.put(group, m);
        return true;
    }

    /**
     * Removes a member from a group.
     *
     * @param group the group name
     * @param member who leaves
     * @return true when the member was in the group
     */
    public boolean leave(String group, M member) {
        HashMap<String, Membership<M>> joined = byMember.get(member);
        Membership<M> m = joined == null ? null : joined.remove(group);
        if (m == null) {
            return false;
        }
        if (joined.isEmpty()) {
            byMember.remove(member);
        }
        m.group.remove(m);
        if (m.group.size == 0) {
            groups.remove(group);
        }
        return true;
    }

    /**
     * Removes a member from every group it joined (a departed peer).
     *
     * @param member the member
     * @return how many groups it was in
     */
    public int removeMember(M member) {
        HashMap<String, Membership<M>> joined = byMember.remove(member);
        if (joined == null) {
            return 0;
        }
        for (var e : joined.entrySet()) {
            Membership<M> m = e.getValue();
            m.group.remove(m);
            if (m.group.size == 0) {
                groups.remove(e.getKey());
            }
        }
        return joined.size();
    }

    /**
     * Hands every member of a group to an action, in no particular order. Allocates nothing. The
     * action must not change this table.
     *
     * @param group the group name, matched exactly
     * @param action called once per member
     * @return how many members the group has (0 when nobody joined it)
     */
    public int forEachMember(String group, Consumer<? super M> action) {
        Group<M> g = groups.get(group);
        if (g == null) {
            return 0;
        }
        Membership<M>[] members = g.members;
        int n = g.size;
        for (int i = 0; i < n; i++) {
            action.accept(members[i].member);
        }
        return n;
    }

    /**
     * Tells whether a member is in a group.
     *
     * @param group the group name
     * @param member the member
     * @return true after {@link #join} and before {@link #leave} or {@link #removeMember}
     */
    public boolean contains(String group, M member) {
        HashMap<String, Membership<M>> joined = byMember.get(member);
        return joined != null && joined.containsKey(group);
    }

    /**
     * Returns the groups a member is in.
     *
     * @param member the member
     * @return a new list of group names, in no particular order
     */
    public List<String> groupsOf(M member) {
        HashMap<String, Membership<M>> joined = byMember.get(member);
        return joined == null ? List.of() : new ArrayList<>(joined.keySet());
    }

    /**
     * Returns how many groups have at least one member.
     *
     * @return the group count
     */
    public int groupCount() {
        return groups.size();
    }
}
