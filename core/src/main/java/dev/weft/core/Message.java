package dev.weft.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message: one or more frames delivered atomically (RFC 37 §Messages).
 *
 * <h2>Ownership</h2>
 *
 * <ul>
 *   <li>A message owns one reference to the buffer of each of its frames; {@link #close()} releases
 *       them all. Closing twice is harmless.
 *   <li>Ownership moves on success and stays with the caller on failure: a {@code send} that
 *       returns {@code true} takes the message (do not touch or close it afterwards); a {@code
 *       send} that returns {@code false} or throws leaves it with the caller, who may retry or must
 *       close it.
 *   <li>A received message belongs to the receiver, who must close it (try-with-resources).
 *   <li>Frames added with {@link #add(ByteBuf)} hand their reference to the message; frames taken
 *       out with {@link #removeFirst()} hand it to the caller.
 *   <li>A frame may hold a shared unreleasable buffer (the routing-id frame a ROUTER prefixes
 *       received messages with): releasing it is then a no-op, and the rules above still apply.
 * </ul>
 *
 * <h2>Properties</h2>
 *
 * <p>Besides its frames a message carries properties that are not frames: a {@link #routingId()}
 * (CLIENT/SERVER, PEER), a {@link #group()} (RADIO/DISH) and, on a received message, the {@link
 * #metadata()} of the connection it came on (the peer's handshake properties such as {@code
 * Socket-Type} and {@code Identity}, and {@code Peer-Address}).
 *
 * <p>Not thread-safe: a message belongs to one thread at a time.
 */
public final class Message implements AutoCloseable {
    private static final Frame[] NO_FRAMES = new Frame[0];

    /** The longest group, in octets (RFC 48, libzmq's {@code ZMQ_GROUP_MAX_LENGTH}). */
    public static final int MAX_GROUP_OCTETS = 255;

    /** Frame slots held in fields, so that most messages need no array: a body and a routing id. */
    private static final int INLINE = 2;

    // The frames occupy slots head..head+count-1 of a deque whose slots 0 and 1 are the fields
    // slot0 and slot1 and whose further slots are `more`.
    private Frame slot0;
    private Frame slot1;
    private Frame[] more;
    private int head;
    private int count;
    private int routingId;
    private String group;
    private Metadata metadata = Metadata.EMPTY;

    /** Creates an empty message; add frames before sending it. */
    public Message() {
        this.more = NO_FRAMES;
    }

    /**
     * Creates an empty message with room for the given number of frames.
     *
     * @param expectedFrames how many frames will be added
     * @throws IllegalArgumentException when {@code expectedFrames} is negative
     */
    public Message(int expectedFrames) {
        if (expectedFrames < 0) {
            throw new IllegalArgumentException(
                    "expectedFrames: " + expectedFrames + " (expected: >= 0)");
        }
        this.more = expectedFrames <= INLINE ? NO_FRAMES : new Frame[expectedFrames - INLINE];
    }

    /**
     * Creates an empty message with room to prepend and append frames without copying its frame
     * array: {@code headroom} frames for {@link #addFirst(Frame)} (a routing id, an envelope) and
     * {@code expectedFrames} for {@link #add(Frame)}. More frames than that still fit; they grow
     * the array.
     *
     * @param headroom how many frames will be prepended
     * @param expectedFrames how many frames will be appended
     * @return a new empty message
     * @throws IllegalArgumentException when either count is negative
     */
    public static Message withHeadroom(int headroom, int expectedFrames) {
        if (headroom < 0 || expectedFrames < 0) {
            throw new IllegalArgumentException(
                    "withHeadroom: headroom "
                            + headroom
                            + ", expectedFrames "
                            + expectedFrames
                            + " (expected: both >= 0)");
        }
        Message m = new Message(headroom + expectedFrames);
        m.head = headroom;
        return m;
    }

    /**
     * Builds a message of UTF-8 text frames, one per argument.
     *
     * @param frames the frames' text, in order
     * @return a new message owning copies of the text's bytes
     */
    public static Message of(String... frames) {
        Message m = new Message(frames.length);
        for (String f : frames) {
            m.add(f);
        }
        return m;
    }

    /**
     * Builds a message of binary frames, one per argument. The arrays are wrapped, not copied: do
     * not change them until the message is sent.
     *
     * @param frames the frames' bytes, in order
     * @return a new message wrapping the arrays
     */
    public static Message of(byte[]... frames) {
        Message m = new Message(frames.length);
        for (byte[] f : frames) {
            m.add(f);
        }
        return m;
    }

    /**
     * Builds a message from buffers, taking over one reference to each.
     *
     * @param frames the frames' buffers, in order
     * @return a new message owning the buffers
     */
    public static Message wrap(ByteBuf... frames) {
        Message m = new Message(frames.length);
        for (ByteBuf f : frames) {
            m.add(f);
        }
        return m;
    }

    /**
     * Appends a frame; the message takes over one reference to the buffer.
     *
     * @param content the frame body
     * @return this message
     */
    public Message add(ByteBuf content) {
        return add(new Frame(content));
    }

    /**
     * Appends a UTF-8 text frame.
     *
     * @param text the frame's text
     * @return this message
     */
    public Message add(String text) {
        return add(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Appends a binary frame wrapping the array (not copied).
     *
     * @param bytes the frame's bytes
     * @return this message
     */
    public Message add(byte[] bytes) {
        return add(bytes.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
    }

    /**
     * Appends a frame; the message takes over the frame.
     *
     * @param frame the frame to append
     * @return this message
     */
    public Message add(Frame frame) {
        ensureTail();
        set(head + count, frame);
        count++;
        return this;
    }

    /**
     * Inserts a frame before the first one (used to prepend a routing id); takes over the frame.
     *
     * @param frame the new first frame
     * @return this message
     */
    public Message addFirst(Frame frame) {
        if (head == 0) {
            int grown = Math.max(4, count * 2 + 1);
            moveTo(grown - count, new Frame[grown - INLINE]);
        }
        set(--head, frame);
        count++;
        return this;
    }

    /**
     * Inserts a frame before the first one; the message takes over one reference to the buffer.
     *
     * @param content the new first frame's body
     * @return this message
     */
    public Message addFirst(ByteBuf content) {
        return addFirst(new Frame(content));
    }

    /**
     * Removes and returns the first frame; the caller now owns it and must release it.
     *
     * @return the former first frame
     * @throws IllegalStateException when the message has no frames
     */
    public Frame removeFirst() {
        if (count == 0) {
            throw new IllegalStateException("removeFirst: the message has no frames");
        }
        Frame f = get(head);
        set(head, null);
        head++;
        count--;
        return f;
    }

    /**
     * Returns a new message sharing this one's bytes and properties: each frame is a retained
     * duplicate, so both messages must be closed. Used to send one message to many peers without
     * copying.
     *
     * @return a message with the same frames
     */
    public Message retainedDuplicate() {
        Message copy = new Message(count);
        for (int i = 0; i < count; i++) {
            copy.add(get(head + i).content().retainedDuplicate());
        }
        copy.routingId = routingId;
        copy.group = group;
        copy.metadata = metadata;
        return copy;
    }

    /**
     * Returns frame {@code index} without removing it; the message keeps owning it.
     *
     * @param index zero-based frame index
     * @return the frame
     * @throws IndexOutOfBoundsException when {@code index} is not below {@link #size()}
     */
    public Frame frame(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(
                    "frame index: "
                            + index
                            + (count == 0
                                    ? " (the message has no frames)"
                                    : " (expected: 0.." + (count - 1) + ")"));
        }
        return get(head + index);
    }

    /**
     * Returns the number of frames.
     *
     * @return the frame count
     */
    public int size() {
        return count;
    }

    /**
     * Tells whether the message has no frames.
     *
     * @return true when there are no frames
     */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Returns the total body bytes of all frames.
     *
     * @return the sum of the frames' sizes
     */
    public long byteSize() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += get(head + i).size();
        }
        return n;
    }

    /**
     * Returns the routing id of the peer this message came from or goes to (CLIENT/SERVER, PEER):
     * an unsigned 32-bit value; {@code Integer.toUnsignedString} prints it.
     *
     * @return the routing id, or 0 when none is set
     */
    public int routingId() {
        return routingId;
    }

    /**
     * Sets the routing id of the peer this message goes to (a SERVER's or PEER's reply).
     *
     * @param routingId an unsigned 32-bit value other than 0
     * @return this message
     * @throws IllegalArgumentException when the id is 0, which names no peer
     */
    public Message routingId(int routingId) {
        if (routingId == 0) {
            throw new IllegalArgumentException(
                    "routingId: 0 (expected: a non-zero unsigned 32-bit value, as a SERVER gives"
                            + " its peers)");
        }
        this.routingId = routingId;
        return this;
    }

    /**
     * Clears the routing id, as a SERVER or PEER does before handing a message to a peer's queue
     * (libzmq resets it there too), so that a message moved to another socket over inproc does not
     * arrive carrying the sender's id for that peer.
     *
     * @return this message
     */
    public Message clearRoutingId() {
        this.routingId = 0;
        return this;
    }

    /**
     * Returns the group this message belongs to (RADIO/DISH).
     *
     * @return the group, or null when none is set
     */
    public String group() {
        return group;
    }

    /**
     * Sets the group this message belongs to (RADIO/DISH, RFC 48): groups match exactly, not by
     * prefix.
     *
     * @param group 1 to {@value #MAX_GROUP_OCTETS} octets of UTF-8
     * @return this message
     * @throws IllegalArgumentException when the group is null, empty or longer
     */
    public Message group(String group) {
        // Counted without encoding: a received message's group is set on the I/O thread per
        // message.
        int octets = group == null ? 0 : ByteBufUtil.utf8Bytes(group);
        if (octets == 0 || octets > MAX_GROUP_OCTETS) {
            throw new IllegalArgumentException(
                    "group: "
                            + (group == null ? "null" : "'" + group + "' (" + octets + " octets)")
                            + " (expected: 1.."
                            + MAX_GROUP_OCTETS
                            + " octets of UTF-8)");
        }
        this.group = group;
        return this;
    }

    /**
     * Returns the metadata of the connection a received message came on: the peer's handshake
     * properties ({@code Socket-Type}, {@code Identity}, ...) and what the transport knows ({@link
     * Metadata#PEER_ADDRESS}; over {@code ipc://}, the peer process's {@link Metadata#PEER_UID},
     * {@link Metadata#PEER_GID}, {@link Metadata#PEER_USER} and {@link Metadata#PEER_GROUP}). A
     * message made by the application has none.
     *
     * @return the metadata; {@link Metadata#EMPTY} when none
     */
    public Metadata metadata() {
        return metadata;
    }

    /**
     * Attaches the metadata of the connection a message came on. Weft does this for every message
     * it receives; an application has no reason to, and nothing set here is sent.
     *
     * @param metadata the connection's metadata
     * @return this message
     */
    public Message metadata(Metadata metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        return this;
    }

    /**
     * Returns the frames' text, decoded as UTF-8 (a convenience for tests and tools).
     *
     * @return one string per frame
     */
    public List<String> strings() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(get(head + i).toString(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Releases every frame's buffer and empties the message. Safe to call more than once. */
    @Override
    public void close() {
        for (int i = 0; i < count; i++) {
            Frame f = get(head + i);
            set(head + i, null);
            f.release();
        }
        head = 0;
        count = 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Message[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Frame f = get(head + i);
            sb.append(f.size() > 64 ? f.size() + " bytes" : f.toString());
        }
        return sb.append(']').toString();
    }

    private void ensureTail() {
        int capacity = INLINE + more.length;
        if (head + count == capacity) {
            if (head > 0 && count < capacity / 2) {
                moveTo(0, more);
            } else {
                // Slots keep their numbers: only the array part grows.
                more = Arrays.copyOf(more, Math.max(4, capacity * 2) - INLINE);
            }
        }
    }

    /**
     * Moves the frames to start at slot {@code newHead}, with {@code newMore} as the array part
     * (the current one, or a new larger one). Each source slot is cleared before its frame is
     * written, walking so that no slot is written before it has been read.
     */
    private void moveTo(int newHead, Frame[] newMore) {
        Frame[] oldMore = more;
        if (newHead > head) {
            for (int i = count - 1; i >= 0; i--) {
                moveOne(head + i, newHead + i, oldMore, newMore);
            }
        } else {
            for (int i = 0; i < count; i++) {
                moveOne(head + i, newHead + i, oldMore, newMore);
            }
        }
        more = newMore;
        head = newHead;
    }

    private void moveOne(int from, int to, Frame[] oldMore, Frame[] newMore) {
        Frame f;
        switch (from) {
            case 0 -> {
                f = slot0;
                slot0 = null;
            }
            case 1 -> {
                f = slot1;
                slot1 = null;
            }
            default -> {
                f = oldMore[from - INLINE];
                oldMore[from - INLINE] = null;
            }
        }
        switch (to) {
            case 0 -> slot0 = f;
            case 1 -> slot1 = f;
            default -> newMore[to - INLINE] = f;
        }
    }

    private Frame get(int slot) {
        return switch (slot) {
            case 0 -> slot0;
            case 1 -> slot1;
            default -> more[slot - INLINE];
        };
    }

    private void set(int slot, Frame f) {
        switch (slot) {
            case 0 -> slot0 = f;
            case 1 -> slot1 = f;
            default -> more[slot - INLINE] = f;
        }
    }
}
