package dev.weft.core.transport.udp;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketType;
import dev.weft.core.TransportException;
import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.SharedMessage;
import dev.weft.core.transport.ConnectionOwner;
import dev.weft.core.transport.Listener;
import dev.weft.core.transport.TransportSite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A DISH's bound {@code udp://} endpoint: one datagram channel on the socket's I/O thread, reading
 * datagrams in libzmq's format ({@link DatagramFormat}) into one pipe, as one peer.
 *
 * <ul>
 *   <li>Each datagram becomes one message with its {@link Message#group() group} set; its body is
 *       copied into a pooled buffer of its own, so the receive buffer (one per endpoint) is reused
 *       at once and a queued message holds only its own octets. No group filtering happens here:
 *       the DISH role keeps only its joined groups, as over udp in libzmq.
 *   <li>A malformed or oversized datagram is dropped, counted in {@link
 *       dev.weft.core.SocketStats#droppedDatagrams()} and logged through a {@link LogLimiter} of
 *       this endpoint; reading goes on.
 *   <li>udp cannot push back: as in libzmq, while the pipe is at its {@code receiveHwm} the
 *       endpoint stops reading, so datagrams wait in the kernel's receive buffer and, once it is
 *       full, the kernel drops them; reading resumes when the DISH has read the pipe down.
 *   <li>Nothing is ever sent: the JOIN and LEAVE commands the DISH role writes to the pipe are
 *       discarded (libzmq's udp engine drops them too).
 * </ul>
 *
 * <p>Owned by the socket's I/O thread; the {@link PipeEngine} methods may be called from any thread
 * and only schedule work there.
 */
final class UdpReceiver implements Listener, IoHandler, PipeEngine {
    private static final System.Logger LOG = System.getLogger(UdpReceiver.class.getName());

    /** Datagrams read per readiness event, so that one busy endpoint lets others run. */
    private static final int MAX_READS_PER_EVENT = 64;

    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final ByteBufAllocator allocator;
    private final UdpBinding binding;
    private final long maxBodySize;
    private final GroupNames groups = new GroupNames();
    private final Runnable resumeTask = this::resume;
    private final Runnable discardTask = this::discardOutbound;
    private DatagramChannel channel;
    private SelectionKey key;
    private String endpoint;
    private LogLimiter log;
    private Pipe pipe;
    private ByteBuf readBuffer;
    private boolean paused;
    private boolean closed;

    private UdpReceiver(TransportSite site, UdpBinding binding) {
        this.ioThread = site.ioThread();
        this.owner = site.owner();
        this.allocator = site.allocator();
        this.binding = binding;
        this.maxBodySize = owner.options().maxMessageSize();
    }

    /**
     * Binds, joins the group if any, attaches the endpoint's pipe and starts reading. Call on the
     * I/O thread.
     *
     * @param site the DISH and its I/O thread
     * @param binding what to bind
     * @param requested the endpoint as given to bind, for the error message
     * @return the receiver, reported as {@code LISTENING}
     * @throws TransportException when the address cannot be bound or the group joined, or the
     *     socket is closing
     */
    static UdpReceiver bind(TransportSite site, UdpBinding binding, String requested) {
        UdpReceiver r = new UdpReceiver(site, binding);
        try {
            r.start();
        } catch (IOException e) {
            throw new TransportException(
                    "bind '"
                            + requested
                            + "' failed: "
                            + e.getMessage()
                            + (binding.group() == null
                                    ? " (is the address local?)"
                                    : " (is multicast routed there? name the interface, e.g."
                                            + " udp://lo;group:port)"),
                    e);
        }
        return r;
    }

    private void start() throws IOException {
        channel = binding.open();
        try {
            channel.configureBlocking(false);
            endpoint = binding.endpoint(channel);
            key = ioThread.register(channel, SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        log = LogLimiter.withDefaults(LOG, endpoint);
        readBuffer = allocator.directBuffer(DatagramFormat.MAX_DATAGRAM + 1);
        owner.connectionOpened();
        pipe = owner.connectionReady(this, SocketType.RADIO, Metadata.EMPTY, false, endpoint, "");
        if (pipe == null) {
            closeChannel();
            owner.connectionEnded(null);
            throw new TransportException(
                    "bind '" + endpoint + "' failed: the socket is closing", null);
        }
        owner.emit(new MonitorEvent(MonitorEvent.Type.LISTENING, endpoint, null, null, ""));
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public boolean answersTo(String requested) {
        return binding.answersTo(requested, endpoint);
    }

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            read();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        log.log(
                System.Logger.Level.ERROR,
                "RECEIVER_FAILED",
                "weft: udp receiver {0} failed: {1}",
                endpoint,
                failure);
    }

    private void read() {
        if (paused || closed) {
            return;
        }
        try {
            for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
                ByteBuffer nio = readBuffer.internalNioBuffer(0, DatagramFormat.MAX_DATAGRAM + 1);
                int start = nio.position();
                SocketAddress from;
                try {
                    from = channel.receive(nio);
                } catch (IOException e) {
                    log.log(
                            System.Logger.Level.WARNING,
                            "RECEIVE_FAILED",
                            "weft: udp receive on {0} failed: {1}",
                            endpoint,
                            e.toString());
                    return;
                }
                if (from == null) {
                    return;
                }
                readBuffer.setIndex(0, nio.position() - start);
                if (deliver(readBuffer, from)) {
                    pause();
                    return;
                }
            }
        } finally {
            pipe.endDeliveryBatch();
        }
    }

    /** Returns true when the pipe is now full. */
    private boolean deliver(ByteBuf datagram, SocketAddress from) {
        DatagramFormat.Drop drop = DatagramFormat.check(datagram, maxBodySize);
        if (drop != null) {
            owner.countDroppedDatagram();
            log.log(
                    System.Logger.Level.WARNING,
                    drop.name(),
                    "weft: dropped a {0}-octet datagram from {1} on {2}: {3}",
                    datagram.readableBytes() > DatagramFormat.MAX_DATAGRAM
                            ? "over-" + DatagramFormat.MAX_DATAGRAM
                            : Integer.toString(datagram.readableBytes()),
                    from,
                    endpoint,
                    drop.reason());
            return false;
        }
        String group =
                groups.name(
                        datagram,
                        DatagramFormat.groupIndex(datagram),
                        DatagramFormat.groupLength(datagram));
        return pipe.deliverInBatch(DatagramFormat.toMessage(datagram, group, allocator));
    }

    private void pause() {
        paused = true;
        if (key.isValid()) {
            key.interestOps(0);
        }
    }

    private void resume() {
        if (closed || !paused) {
            return;
        }
        paused = false;
        key.interestOps(SelectionKey.OP_READ);
        read();
    }

    /** The DISH role's JOIN and LEAVE (and anything else) never go on the wire. */
    private void discardOutbound() {
        Pipe p = pipe;
        if (p == null) {
            return;
        }
        Object next;
        while ((next = p.nextOutbound()) != null) {
            if (next instanceof Message m) {
                m.close();
            } else if (next instanceof SharedMessage shared) {
                shared.release();
            }
        }
    }

    // ---- PipeEngine: any thread. ----

    @Override
    public void outboundReady() {
        ioThread.execute(discardTask);
    }

    @Override
    public void inboundDrained() {
        ioThread.execute(resumeTask);
    }

    @Override
    public void reject(String reason) {
        ioThread.execute(
                () -> {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "weft: the socket refused udp endpoint {0}: {1}",
                            endpoint,
                            reason);
                    close(System.nanoTime());
                });
    }

    // ---- Listener. ----

    /**
     * Stops reading and closes the channel (leaving the group). Messages already in the pipe stay
     * readable, within the socket's departed-peer budget. Nothing is queued for sending, so the
     * deadline does not matter.
     *
     * @param deadlineNs ignored
     */
    @Override
    public void close(long deadlineNs) {
        if (closed) {
            return;
        }
        closed = true;
        closeChannel();
        owner.emit(new MonitorEvent(MonitorEvent.Type.CLOSED, endpoint, null, null, "unbound"));
        log.flush();
        Pipe ended = pipe;
        pipe = null;
        ended.connectionClosed();
        owner.connectionEnded(ended);
    }

    private void closeChannel() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft: closing udp endpoint {0} failed", endpoint);
        }
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
    }
}
