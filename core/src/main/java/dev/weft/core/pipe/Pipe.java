package dev.weft.core.pipe;

import dev.weft.core.Frame;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.io.IoThread;
import io.netty.buffer.Unpooled;
import java.util.function.ToLongFunction;

/**
 * The two queues between a socket and one connected peer, with high-water marks (DESIGN §3): the
 * only queues shared between application threads and an I/O thread.
 *
 * <ul>
 *   <li>Outbound: the socket's role writes whole messages on an application thread (under the
 *       socket lock); the engine takes them on its I/O thread.
 *   <li>Inbound: the engine delivers whole messages on its I/O thread; the role reads them under
 *       the socket lock.
 * </ul>
 *
 * <p>Edges only are signalled: empty to non-empty wakes the consumer, full to low-water mark wakes
 * the producer. A message in a queue is owned by the queue; whoever takes it owns it.
 */
public final class Pipe {
    /**
     * Elements an engine takes in one run, until it finds the outbound queue empty, from which on
     * the run counts as a stream: the producer queued them faster than the I/O thread took them, so
     * it will likely queue the next one within microseconds ({@link IoThread#expectMoreTasks()}). A
     * request-reply peer takes one at a time and does not count.
     */
    public static final int STREAM_RUN = 32;

    /**
     * The largest average message size, in bytes, of a run that counts as a stream. Larger messages
     * are bound by the socket's write bandwidth: their engine waits for the channel to become
     * writable, which a spinning I/O thread would notice late (measured at 64 KiB: the rate fell by
     * a quarter), and a wake-up per batch costs little next to their writes.
     */
    public static final int STREAM_MAX_AVERAGE_BYTES = 1024;

    private final PipeOwner owner;
    private volatile PipeEngine engine;
    private final PipeQueue<Object> outbound;
    private final PipeQueue<Message> inbound;
    private volatile SocketType peerType;
    private volatile Metadata peerMetadata;
    private final String endpoint;
    private volatile String peerAddress;
    private volatile boolean peerSpeaks31;
    private final boolean persistent;
    private volatile int bindings;
    private volatile boolean connectionClosed;
    // Producer side latch (libzmq's out_active): set by the producer once it found the outbound
    // queue full and asked for a wake-up, cleared by that wake-up. While set, fan-out checks read
    // only this field instead of the queue's counters, which the I/O thread writes per message.
    private volatile boolean outboundLatched;
    // I/O thread only: a readable edge that deliverInBatch found and endDeliveryBatch reports.
    private boolean readableEdgePending;
    // I/O thread only: what nextOutbound took since it last found the queue empty, and its bytes.
    private int outboundRun;
    private long outboundRunBytes;
    private byte[] routingId;
    private Frame routingIdFrame;
    private boolean attached;
    private boolean rejected;
    private volatile boolean subscribedToAll;
    // Positions in the routing primitives' pipe sets (libzmq's array_item), one per set kind, so a
    // pipe can be in a receiving and a sending set at once. Socket lock; -1 when in no such set.
    private int receiveSetIndex = -1;
    private int sendSetIndex = -1;

    /**
     * Creates a pipe for a connection whose handshake completed.
     *
     * @param owner the socket
     * @param engine the connection
     * @param sendHwm outbound high-water mark (0 = none)
     * @param receiveHwm inbound high-water mark (0 = none)
     * @param peerType the peer's validated socket type
     * @param peerMetadata the peer's handshake metadata
     * @param endpoint the endpoint this connection belongs to (bound or connected)
     * @param peerAddress the remote address, for logs and monitor events
     * @param peerSpeaks31 whether the peer negotiated ZMTP 3.1
     */
    public Pipe(
            PipeOwner owner,
            PipeEngine engine,
            int sendHwm,
            int receiveHwm,
            SocketType peerType,
            Metadata peerMetadata,
            String endpoint,
            String peerAddress,
            boolean peerSpeaks31) {
        this(owner, sendHwm, receiveHwm, endpoint, false);
        bind(engine, peerType, peerMetadata, peerAddress, peerSpeaks31);
    }

    private Pipe(
            PipeOwner owner, int sendHwm, int receiveHwm, String endpoint, boolean persistent) {
        this.owner = owner;
        this.outbound = new PipeQueue<>(sendHwm, this::outboundDrained);
        this.inbound = new PipeQueue<>(receiveHwm, this::inboundDrained);
        this.endpoint = endpoint;
        this.peerAddress = "";
        this.persistent = persistent;
    }

    /**
     * Creates a pipe for a connected endpoint before any connection exists (libzmq's {@code
     * ZMQ_IMMEDIATE=0}): messages queue in it until a connection is made, and it outlives
     * reconnects, each new connection {@link #bind binding} to it.
     *
     * @param owner the socket
     * @param sendHwm outbound high-water mark (0 = none)
     * @param receiveHwm inbound high-water mark (0 = none)
     * @param endpoint the connected endpoint
     * @return a pipe with no connection yet
     */
    public static Pipe persistent(PipeOwner owner, int sendHwm, int receiveHwm, String endpoint) {
        return new Pipe(owner, sendHwm, receiveHwm, endpoint, true);
    }

    /**
     * Marks the pipe as leading to a peer that never sends subscriptions or group joins (libzmq's
     * {@code subscribe_to_all}, a RADIO's {@code udp://} endpoint): a PUB or RADIO sends it every
     * message and the peer filters. Set once, before the role sees the pipe.
     */
    public void subscribeToAll() {
        this.subscribedToAll = true;
    }

    /**
     * Tells whether the peer never subscribes and must get every message (see {@link
     * #subscribeToAll()}).
     *
     * @return true for a RADIO's {@code udp://} endpoint
     */
    public boolean isSubscribedToAll() {
        return subscribedToAll;
    }

    /**
     * Tells whether this pipe outlives its connections (see {@link #persistent}).
     *
     * @return true for a pipe made before connecting
     */
    public boolean isPersistent() {
        return persistent;
    }

    /**
     * Connects the pipe to a connection whose handshake completed. I/O thread.
     *
     * @param engine the connection
     * @param peerType the peer's validated socket type
     * @param peerMetadata the peer's handshake metadata
     * @param peerAddress the remote address
     * @param peerSpeaks31 whether the peer negotiated ZMTP 3.1
     */
    public void bind(
            PipeEngine engine,
            SocketType peerType,
            Metadata peerMetadata,
            String peerAddress,
            boolean peerSpeaks31) {
        this.peerType = peerType;
        this.peerMetadata = peerMetadata;
        this.peerAddress = peerAddress;
        this.peerSpeaks31 = peerSpeaks31;
        this.engine = engine;
        bindings++;
    }

    /**
     * Returns how many connections have been bound to this pipe so far.
     *
     * @return 1 for a pipe's first connection
     */
    public int bindings() {
        return bindings;
    }

    /**
     * Disconnects a persistent pipe from a connection that ended; queued messages stay for the next
     * connection. I/O thread.
     *
     * @param ended the connection that ended
     */
    public void unbind(PipeEngine ended) {
        if (engine == ended) {
            engine = null;
        }
    }

    /**
     * Tells whether a connection is bound to the pipe now.
     *
     * @return true while connected
     */
    public boolean isBound() {
        return engine != null;
    }

    /**
     * The outbound queue's producer wake, on the thread that took from it (the I/O thread; for
     * inproc, whichever thread moves), after the queue drained to its LWM.
     */
    private void outboundDrained() {
        // Cleared before the owner hears of it, so that its retry finds the pipe open.
        outboundLatched = false;
        PipeEngine e = engine;
        if (e == null || !e.outboundDrained()) {
            owner.pipeWritable(this);
        }
    }

    private void inboundDrained() {
        PipeEngine e = engine;
        if (e != null) {
            e.inboundDrained();
        }
    }

    private void outboundReady() {
        PipeEngine e = engine;
        if (e != null) {
            e.outboundReady();
        }
    }

    // ---- Role side: application thread, socket lock held. ----

    /**
     * Tells whether a write would be accepted now.
     *
     * @return false when the outbound queue is at its high-water mark or the connection ended
     */
    public boolean canWrite() {
        return !connectionClosed && !outbound.isFull();
    }

    /**
     * Tells whether a write should go to this pipe now, with libzmq's hysteresis: once the outbound
     * queue is found at its high-water mark, the pipe counts as full until it has drained to its
     * low-water mark and the {@code pipeWritable} edge that this check arranges has come. For
     * fan-out (PUB, XPUB, XSUB) and for roles that wait for room without writing (XPUB in no-drop
     * mode): {@link #canWrite()} alone never arranges a wake-up. A publisher that drops for a full
     * subscriber then reads one rarely written field per message, not the queue counters that the
     * I/O thread writes for every message it takes.
     *
     * @return false when the outbound queue is full or has not drained since it was (a {@code
     *     pipeWritable} edge follows), or the connection ended (a detach follows)
     */
    public boolean canWriteOrWake() {
        return !connectionClosed && !isLatchedFull();
    }

    /**
     * Producer side: true when the latch is set, or the queue is full now (then sets the latch and
     * arranges the wake-up that clears it).
     */
    private boolean isLatchedFull() {
        if (outboundLatched) {
            return true;
        }
        if (!outbound.isFull()) {
            return false;
        }
        // Latch before asking for the wake-up: the wake clears the latch, so it must not come
        // between the request and the latch (a lost wake-up: the pipe would stay refused).
        outboundLatched = true;
        if (outbound.markProducerBlocked()) {
            return true;
        }
        outboundLatched = false;
        return false;
    }

    /**
     * Queues a message for the peer.
     *
     * @param message taken over on success
     * @return true when queued; false when the pipe is full (a {@code pipeWritable} edge follows)
     *     or the connection ended, and the caller keeps the message
     */
    public boolean write(Message message) {
        if (connectionClosed) {
            return false;
        }
        PipeEngine e = engine;
        if (e != null && e.writeThrough(message)) {
            // Handed to the peer at once (inproc, nothing queued before it): the queue is skipped.
            return true;
        }
        if (outbound.isFull() && outbound.markProducerBlocked()) {
            return false;
        }
        if (outbound.offer(message)) {
            outboundReady();
        }
        return true;
    }

    /**
     * Queues one share of a message that other pipes get too (PUB fan-out). Unlike {@link #write},
     * the caller checks {@link #canWriteOrWake()} first: a full queue takes it anyway.
     *
     * @param message one share is taken over on success
     * @return true when queued; false when the connection ended, and the caller keeps the share
     */
    public boolean writeShared(SharedMessage message) {
        if (connectionClosed) {
            return false;
        }
        if (outbound.offer(message)) {
            outboundReady();
        }
        return true;
    }

    /**
     * Queues a pattern command for the peer (a subscription, a group join). Commands ignore the
     * high-water mark: they are never dropped or refused for a full queue.
     *
     * @param command the command
     * @return false when the connection has ended
     */
    public boolean writeCommand(PeerCommand command) {
        if (connectionClosed) {
            return false;
        }
        if (outbound.offer(command)) {
            outboundReady();
        }
        return true;
    }

    /**
     * Takes the next inbound message.
     *
     * @return the message (the caller owns it), or null when none is queued; a {@code pipeReadable}
     *     edge follows when one arrives
     */
    public Message read() {
        // The end is read before the queue: the engine delivers everything before it marks the
        // end, so once the end is seen, an empty queue is drained for good. Read after the poll,
        // a delivery and the end could both land between the two, and the pipe would be dropped
        // with the last batch still in it.
        boolean ended = connectionClosed;
        Message m = inbound.poll();
        if (ended) {
            if (m != null) {
                owner.departedMessageRead(this, m);
            }
            // Once the connection ended, the pipe goes as soon as its last message is taken, not
            // on some later read that may never come.
            if (m == null || !hasInbound()) {
                owner.pipeDrained(this);
            }
        }
        return m;
    }

    /**
     * Closes the connection because the role refuses this peer.
     *
     * @param reason why, for the log and the monitor event
     */
    public void reject(String reason) {
        rejected = true;
        PipeEngine e = engine;
        if (e != null) {
            e.reject(reason);
        }
    }

    /**
     * Tells whether the role refused this pipe; nobody will read what it queued.
     *
     * @return true after {@link #reject}
     */
    public boolean isRejected() {
        return rejected;
    }

    /**
     * Returns the routing id a role assigned to this pipe.
     *
     * @return the id (do not modify), or null
     */
    public byte[] routingId() {
        return routingId;
    }

    /**
     * Sets the routing id (by the role that owns routing ids).
     *
     * @param routingId the id, or null to clear it
     */
    public void routingId(byte[] routingId) {
        this.routingId = routingId;
        this.routingIdFrame =
                routingId == null
                        ? null
                        : new Frame(
                                Unpooled.unreleasableBuffer(
                                        Unpooled.wrappedBuffer(routingId).asReadOnly()));
    }

    /**
     * Returns the routing id as a frame to prefix received messages with (ROUTER): one frame per
     * pipe, shared by every message it is put in, so prefixing allocates nothing. Its buffer is
     * read-only and unreleasable: closing the messages that hold it releases nothing, and it stays
     * valid after the pipe is gone. Its indices are reset here, since a reader may have moved them.
     *
     * @return the shared frame, or null when no routing id is set
     */
    public Frame routingIdFrame() {
        Frame f = routingIdFrame;
        if (f != null) {
            f.content().setIndex(0, routingId.length);
        }
        return f;
    }

    // ---- Engine side: I/O thread. ----

    /**
     * Delivers a message from the wire and reports a readable edge at once.
     *
     * @param message taken over
     * @return true when the inbound queue is now at its high-water mark: stop reading until {@link
     *     PipeEngine#inboundDrained()}
     */
    public boolean deliver(Message message) {
        boolean full = deliverInBatch(message);
        endDeliveryBatch();
        return full;
    }

    /**
     * Delivers a message from the wire as part of a batch (the messages decoded from one read): a
     * readable edge is reported by {@link #endDeliveryBatch()}, once per batch, not as the message
     * goes in. A reader that drains the queue faster than the decoder fills it then wakes once per
     * read instead of once per message (each wake is a lock, a signal and an unpark).
     *
     * @param message taken over
     * @return true when the inbound queue is now at its high-water mark: stop reading until {@link
     *     PipeEngine#inboundDrained()}
     */
    public boolean deliverInBatch(Message message) {
        if (inbound.offer(message)) {
            // The queue's consumer went idle and this producer owns its wake-up; it must come
            // from endDeliveryBatch(), which the engine calls after every batch.
            readableEdgePending = true;
        }
        return inbound.isFull() && inbound.markProducerBlocked();
    }

    /**
     * Ends a batch of {@link #deliverInBatch} calls: reports the readable edge if one was found.
     * I/O thread; must follow every batch, including one cut short by an error.
     */
    public void endDeliveryBatch() {
        if (readableEdgePending) {
            readableEdgePending = false;
            owner.pipeReadable(this);
        }
    }

    /**
     * Ends a batch of {@link #deliverInBatch} calls like {@link #endDeliveryBatch()}, but hands the
     * readable edge to the caller instead of reporting it to the owner: for a producer that must
     * not call the owner from where it runs (inproc, whose producer may hold another socket's
     * lock).
     *
     * @return true when the batch found a readable edge, which the caller must now report
     */
    public boolean takeReadableEdge() {
        boolean edge = readableEdgePending;
        readableEdgePending = false;
        return edge;
    }

    /**
     * Takes the next message or command to write to the wire. When it finds the queue empty after a
     * run of at least {@value #STREAM_RUN} elements of at most {@value #STREAM_MAX_AVERAGE_BYTES}
     * bytes on average, it tells the I/O thread to expect the producer's next edge soon ({@link
     * IoThread#expectMoreTasks()}).
     *
     * @return a {@link Message} (the engine owns it), a {@link SharedMessage} (the engine owns one
     *     share and must not modify the message), a {@link PeerCommand}, or null when none is
     *     queued
     */
    public Object nextOutbound() {
        Object next = outbound.poll();
        if (next instanceof Message m) {
            outboundRun++;
            outboundRunBytes += m.byteSize();
        } else if (next instanceof SharedMessage shared) {
            outboundRun++;
            outboundRunBytes += shared.message().byteSize();
        } else if (next != null) {
            outboundRun++;
        } else {
            if (outboundRun >= STREAM_RUN
                    && outboundRunBytes <= (long) STREAM_MAX_AVERAGE_BYTES * outboundRun) {
                IoThread.expectMoreTasks();
            }
            outboundRun = 0;
            outboundRunBytes = 0;
        }
        return next;
    }

    /**
     * Tells whether outbound messages are queued.
     *
     * @return true when the engine has something to write
     */
    public boolean hasOutbound() {
        return outbound.size() > 0;
    }

    /**
     * Marks the connection as ended: no more writes are accepted, inbound can still be read. The
     * pipe lets go of its connection, so that unread messages of a peer that has left do not keep
     * the connection's state and buffers alive.
     */
    public void connectionClosed() {
        connectionClosed = true;
        engine = null;
    }

    /**
     * Tells whether the connection has ended.
     *
     * @return true after {@link #connectionClosed()}
     */
    public boolean isConnectionClosed() {
        return connectionClosed;
    }

    // ---- Owner side: lifecycle, under the socket lock. ----

    /**
     * Tells whether the role currently knows this pipe.
     *
     * @return true between attach and detach
     */
    public boolean isAttached() {
        return attached;
    }

    /**
     * Records whether the role knows this pipe.
     *
     * @param attached the new state
     */
    public void attached(boolean attached) {
        this.attached = attached;
    }

    /**
     * Releases every queued message in both directions; only once no producer remains.
     *
     * @return how many messages were dropped
     */
    public int releaseQueued() {
        return releaseOutbound() + releaseInbound();
    }

    /**
     * Releases every message still queued for the peer; only once the engine no longer takes from
     * the queue. Commands are not counted.
     *
     * @return how many messages were dropped
     */
    public int releaseOutbound() {
        int n = 0;
        Object o;
        while ((o = outbound.drain()) != null) {
            if (o instanceof Message m) {
                m.close();
                n++;
            } else if (o instanceof SharedMessage shared) {
                shared.release();
                n++;
            }
        }
        return n;
    }

    /**
     * Releases every received message not yet read; only once the engine no longer delivers.
     *
     * @return how many messages were dropped
     */
    public int releaseInbound() {
        int n = 0;
        Message m;
        while ((m = inbound.drain()) != null) {
            m.close();
            n++;
        }
        return n;
    }

    /**
     * Adds up what the unread inbound messages weigh, without taking them: a walk of the queue, so
     * O(depth). Consumer side (under the socket lock), once the connection has ended.
     *
     * @param weigh what one message weighs
     * @return the sum over the queued messages
     */
    public long weighInbound(ToLongFunction<Message> weigh) {
        return inbound.sum(weigh);
    }

    /**
     * Tells whether inbound messages wait to be read.
     *
     * @return true when the inbound queue is not empty
     */
    public boolean hasInbound() {
        return inbound.size() > 0;
    }

    // ---- Facts about the peer. ----

    /**
     * Returns the peer's socket type.
     *
     * @return the validated type
     */
    public SocketType peerType() {
        return peerType;
    }

    /**
     * Returns the peer's handshake metadata.
     *
     * @return the metadata
     */
    public Metadata peerMetadata() {
        return peerMetadata;
    }

    /**
     * Returns the endpoint this connection belongs to.
     *
     * @return e.g. {@code tcp://127.0.0.1:5555}
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Returns the remote address.
     *
     * @return e.g. {@code 127.0.0.1:40112}
     */
    public String peerAddress() {
        return peerAddress;
    }

    /**
     * Tells whether the peer negotiated ZMTP 3.1 (else 3.0).
     *
     * @return true for 3.1
     */
    public boolean peerSpeaks31() {
        return peerSpeaks31;
    }

    /**
     * Returns the outbound queue depth.
     *
     * @return messages waiting to be written
     */
    public int outboundDepth() {
        return outbound.size();
    }

    /**
     * Returns the inbound queue depth.
     *
     * @return messages waiting to be read
     */
    public int inboundDepth() {
        return inbound.size();
    }

    @Override
    public String toString() {
        return "Pipe[" + peerType + " " + peerAddress + " via " + endpoint + "]";
    }

    /**
     * Internal to the routing primitives ({@code dev.weft.core.route.PipeSet}): returns this pipe's
     * position in the set of the given kind that holds it. Socket lock.
     *
     * @param slot the kind of set
     * @return the position, or -1 when no set of that kind holds the pipe
     */
    public int setIndex(SetSlot slot) {
        return slot == SetSlot.RECEIVE ? receiveSetIndex : sendSetIndex;
    }

    /**
     * Internal to the routing primitives ({@code dev.weft.core.route.PipeSet}): records this pipe's
     * position in the set of the given kind that holds it. Socket lock.
     *
     * @param slot the kind of set
     * @param index the position, or -1 when the set let go of the pipe
     */
    public void setIndex(SetSlot slot, int index) {
        if (slot == SetSlot.RECEIVE) {
            receiveSetIndex = index;
        } else {
            sendSetIndex = index;
        }
    }

    /**
     * Internal to the routing primitives: the kinds of pipe set one pipe can be in at the same
     * time, each with its own position slot in the pipe (libzmq's {@code array_item<ID>}). A role
     * puts a pipe in at most one set of each kind.
     */
    public enum SetSlot {
        /** A set the role receives through (a fair queue). */
        RECEIVE,
        /** A set the role sends through (a load balancer, a distributor). */
        SEND
    }
}
