package dev.weft.core.route;

import dev.weft.core.pipe.Pipe;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The routing-id engine shared by ROUTER, SERVER and REP-like roles: maps routing ids to pipes,
 * generates ids for anonymous peers, and resolves duplicates.
 *
 * <p>Looking a pipe up by the first frame of a message allocates nothing: a reusable probe key
 * hashes and compares the frame's bytes in place.
 *
 * <p>Used under the socket lock; not thread-safe by itself.
 */
public final class RoutingTable {
    /** What {@link #add} did with a peer whose id is already taken. */
    public enum AddResult {
        /** The id was free; the pipe now owns it. */
        ADDED,
        /** The id was taken and handover is off: the new pipe must be refused. */
        DUPLICATE,
        /** The id was taken and handover is on: the old pipe was removed and must be closed. */
        HANDED_OVER
    }

    private final HashMap<Object, Pipe> byId = new HashMap<>();
    private final ProbeKey probe = new ProbeKey();
    private int nextId = ThreadLocalRandom.current().nextInt();
    private Pipe displaced;

    /**
     * Generates a libzmq-style routing id for an anonymous peer: a zero byte then a 32-bit counter,
     * never equal to one in use (RFC 37 reserves ids starting with zero for this).
     *
     * @return a 5-byte id
     */
    public byte[] generateRouterId() {
        while (true) {
            int n = nextId++;
            byte[] id = {0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
            if (!byId.containsKey(new Key(id))) {
                return id;
            }
        }
    }

    /**
     * Generates a SERVER-style routing id: a non-zero 32-bit integer not in use.
     *
     * @return the id as 4 big-endian bytes
     */
    public byte[] generateServerId() {
        while (true) {
            int n = nextId++;
            if (n == 0) {
                continue;
            }
            byte[] id = {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
            if (!byId.containsKey(new Key(id))) {
                return id;
            }
        }
    }

    /**
     * Registers a pipe under an id.
     *
     * @param id the routing id (not copied; do not modify)
     * @param pipe the pipe
     * @param handover whether a pipe already holding the id gives it up
     * @return what happened; after {@link AddResult#HANDED_OVER}, {@link #displaced()} is the old
     *     pipe
     */
    public AddResult add(byte[] id, Pipe pipe, boolean handover) {
        Key key = new Key(id);
        Pipe existing = byId.get(key);
        displaced = null;
        if (existing != null && existing != pipe) {
            if (!handover) {
                return AddResult.DUPLICATE;
            }
            displaced = existing;
            existing.routingId(null);
        }
        byId.put(key, pipe);
        pipe.routingId(id);
        return existing != null && existing != pipe ? AddResult.HANDED_OVER : AddResult.ADDED;
    }

    /**
     * Returns the pipe that lost its id in the last {@link #add} that returned {@link
     * AddResult#HANDED_OVER}.
     *
     * @return the old pipe, or null
     */
    public Pipe displaced() {
        return displaced;
    }

    /**
     * Removes a pipe's entry, if the pipe still owns its id.
     *
     * @param pipe the pipe going away
     */
    public void remove(Pipe pipe) {
        byte[] id = pipe.routingId();
        if (id != null) {
            Key key = new Key(id);
            if (byId.get(key) == pipe) {
                byId.remove(key);
            }
        }
    }

    /**
     * Finds the pipe whose id equals a frame's readable bytes, without allocating.
     *
     * @param id the id frame
     * @return the pipe, or null when no peer has that id
     */
    public Pipe get(ByteBuf id) {
        probe.set(id);
        Pipe p = byId.get(probe);
        probe.clear();
        return p;
    }

    /**
     * Finds the pipe registered under a SERVER-style id ({@link #generateServerId()}: the id's 4
     * big-endian bytes), without allocating.
     *
     * @param serverId the unsigned 32-bit id
     * @return the pipe, or null when no peer has that id
     */
    public Pipe get(int serverId) {
        probe.set(serverId);
        Pipe p = byId.get(probe);
        probe.clear();
        return p;
    }

    /**
     * Reads a SERVER-style id back from the bytes {@link #generateServerId()} made.
     *
     * @param id 4 big-endian bytes
     * @return the unsigned 32-bit id
     * @throws IllegalArgumentException when the id is not 4 bytes long
     */
    public static int serverId(byte[] id) {
        if (id.length != 4) {
            throw new IllegalArgumentException(
                    "server routing id: " + id.length + " bytes (expected: 4)");
        }
        return (id[0] & 0xFF) << 24 | (id[1] & 0xFF) << 16 | (id[2] & 0xFF) << 8 | id[3] & 0xFF;
    }

    /**
     * Finds the pipe with an id.
     *
     * @param id the id bytes
     * @return the pipe, or null
     */
    public Pipe get(byte[] id) {
        return byId.get(new Key(id));
    }

    /**
     * Returns the number of routed peers.
     *
     * @return the entry count
     */
    public int size() {
        return byId.size();
    }

    private static int hash(byte[] a) {
        return Arrays.hashCode(a);
    }

    private static int hash(ByteBuf b) {
        int h = 1;
        int end = b.writerIndex();
        for (int i = b.readerIndex(); i < end; i++) {
            h = 31 * h + b.getByte(i);
        }
        return h;
    }

    /** A stored id. */
    private static final class Key {
        final byte[] bytes;
        final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = hash(bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Key k) {
                return Arrays.equals(bytes, k.bytes);
            }
            return o instanceof ProbeKey p && p.matches(bytes);
        }
    }

    /**
     * A reusable lookup key over a frame's bytes, or over a SERVER-style id's 4 big-endian bytes;
     * HashMap calls probe.equals(storedKey).
     */
    private static final class ProbeKey {
        private ByteBuf buf;
        private int serverId;
        private int hash;

        void set(ByteBuf b) {
            this.buf = b;
            this.hash = hash(b);
        }

        void set(int id) {
            this.buf = null;
            this.serverId = id;
            // Arrays.hashCode of the 4 big-endian bytes, as the stored key computes it.
            int h = 1;
            for (int shift = 24; shift >= 0; shift -= 8) {
                h = 31 * h + (byte) (id >>> shift);
            }
            this.hash = h;
        }

        void clear() {
            this.buf = null;
        }

        boolean matches(byte[] bytes) {
            if (buf == null) {
                return bytes.length == 4 && serverId(bytes) == serverId;
            }
            int n = buf.readableBytes();
            if (n != bytes.length) {
                return false;
            }
            int base = buf.readerIndex();
            for (int i = 0; i < n; i++) {
                if (buf.getByte(base + i) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && matches(k.bytes);
        }
    }
}
