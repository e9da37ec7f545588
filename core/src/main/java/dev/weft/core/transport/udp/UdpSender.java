package dev.weft.core.transport.udp;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketType;
import dev.weft.core.io.IoHandler;
import dev.weft.core.io.IoThread;
import dev.weft.core.io.LogLimiter;
import dev.weft.core.io.Timer;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.SharedMessage;
import dev.weft.core.transport.ConnectionOwner;
import dev.weft.core.transport.Dialer;
import dev.weft.core.transport.TransportSite;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.function.Consumer;

/**
 * A RADIO's connected {@code udp://} endpoint: drains the endpoint's pipe, sending each message as
 * one datagram in libzmq's format ({@link DatagramFormat}) to a unicast peer or a multicast group.
 *
 * <ul>
 *   <li>The pipe is made at {@code connect()} and {@link Pipe#isSubscribedToAll() marked}: no DISH
 *       answers over udp, so the RADIO role sends every group and the DISHes filter.
 *   <li>The destination's host name is looked up off the I/O thread; while that fails, or the
 *       channel cannot be opened, it is retried every {@code reconnectInterval} (reported as {@code
 *       CONNECT_RETRIED}), and messages wait in the pipe up to {@code sendHwm}. Once the channel is
 *       open it stays open: udp has no connection to lose.
 *   <li>A message that cannot be one datagram (over {@value DatagramFormat#MAX_DATAGRAM} octets, no
 *       group, several frames), or whose send the operating system refuses (no route, ...), is
 *       dropped, counted in {@link dev.weft.core.SocketStats#droppedDatagrams()} and logged through
 *       a {@link LogLimiter}; sending goes on (libzmq tears its udp engine down on a failed send;
 *       Weft keeps it, as a send failure concerns one datagram).
 *   <li>When the kernel's send buffer is full, the datagram waits and the endpoint resumes when the
 *       channel is writable; meanwhile the pipe fills, and the RADIO drops at {@code sendHwm}.
 * </ul>
 *
 * <p>Owned by the socket's I/O thread; the {@link PipeEngine} methods may be called from any thread
 * and only schedule work there.
 */
final class UdpSender implements Dialer, IoHandler, PipeEngine {
    private static final System.Logger LOG = System.getLogger(UdpSender.class.getName());

    /** Messages sent per turn, so that one busy endpoint lets the others run. */
    private static final int MAX_BATCH = 256;

    private final TransportSite site;
    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final UdpTarget target;
    private final String endpoint;
    private final Consumer<Dialer> gaveUp;
    private final LogLimiter log;
    private final Runnable writeTask = this::writeOutbound;
    private final Runnable attemptTask = this::attempt;
    private Pipe pipe;
    private DatagramChannel channel;
    private SelectionKey key;
    private InetSocketAddress destination;
    private String destinationText;
    private ByteBuf pending;
    private Timer retryTimer;
    private Timer lingerTimer;
    private boolean closed;
    private boolean lingering;
    private boolean finished;

    /**
     * Creates the sender; {@link #start} opens it.
     *
     * @param site the RADIO and its I/O thread
     * @param target where to send
     * @param endpoint the endpoint as given to connect
     * @param gaveUp told, on the I/O thread, when the socket refused this endpoint
     */
    UdpSender(TransportSite site, UdpTarget target, String endpoint, Consumer<Dialer> gaveUp) {
        this.site = site;
        this.ioThread = site.ioThread();
        this.owner = site.owner();
        this.target = target;
        this.endpoint = endpoint;
        this.gaveUp = gaveUp;
        this.log = LogLimiter.withDefaults(LOG, endpoint);
    }

    @Override
    public void start(Pipe queue) {
        this.pipe = queue;
        if (queue != null) {
            attempt();
        }
    }

    private void attempt() {
        if (finished || channel != null) {
            return;
        }
        target.resolve(site)
                .whenComplete(
                        (address, failure) -> ioThread.execute(() -> resolved(address, failure)));
    }

    private void resolved(InetAddress address, Throwable failure) {
        if (finished || channel != null) {
            return;
        }
        if (failure != null) {
            retry("cannot resolve " + target.address().host() + ": " + failure.getMessage());
            return;
        }
        DatagramChannel ch;
        try {
            ch = target.open(address, owner.options());
            key = ioThread.register(ch, 0, this);
        } catch (IOException e) {
            retry("cannot open a udp channel: " + e.getMessage());
            return;
        }
        channel = ch;
        destination = new InetSocketAddress(address, target.address().port());
        destinationText = destination.getAddress().getHostAddress() + ":" + destination.getPort();
        pipe.bind(this, SocketType.DISH, Metadata.EMPTY, destinationText, false);
        if (!owner.pipeReconnected(pipe)) {
            finish("socket closed");
            return;
        }
        owner.emit(
                new MonitorEvent(MonitorEvent.Type.CONNECTED, endpoint, destinationText, null, ""));
        writeOutbound();
    }

    private void retry(String reason) {
        owner.emit(
                new MonitorEvent(MonitorEvent.Type.CONNECT_RETRIED, endpoint, null, null, reason));
        log.log(
                System.Logger.Level.WARNING,
                "OPEN_FAILED",
                "weft: udp endpoint {0}: {1}; retrying",
                endpoint,
                reason);
        if (closed) {
            // Lingering: the linger timer ends it.
            return;
        }
        owner.countReconnect();
        retryTimer = ioThread.schedule(owner.options().reconnectInterval().toNanos(), attemptTask);
    }

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && pending != null) {
            if (!sendPending()) {
                return;
            }
            key.interestOps(0);
            writeOutbound();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        log.log(
                System.Logger.Level.ERROR,
                "SENDER_FAILED",
                "weft: udp sender {0} failed: {1}",
                endpoint,
                failure);
    }

    private void writeOutbound() {
        if (channel == null || pending != null || finished) {
            return;
        }
        boolean drained = false;
        ByteBuf out = null;
        try {
            for (int i = 0; i < MAX_BATCH; i++) {
                Object next = pipe.nextOutbound();
                if (next == null) {
                    drained = true;
                    break;
                }
                if (out == null) {
                    out = site.allocator().directBuffer(DatagramFormat.MAX_DATAGRAM);
                }
                out.clear();
                if (!sendOne(next, out)) {
                    pending = out;
                    out = null;
                    key.interestOps(SelectionKey.OP_WRITE);
                    break;
                }
            }
        } finally {
            if (out != null) {
                out.release();
            }
        }
        if (lingering && pending == null && !pipe.hasOutbound()) {
            finish("socket closed");
            return;
        }
        if (!drained && pending == null) {
            // Stopped at the batch limit without seeing the queue empty: nobody will wake us.
            ioThread.execute(writeTask);
        }
    }

    /** Encodes and sends one queued item; false when the kernel's buffer is full (kept in out). */
    private boolean sendOne(Object next, ByteBuf out) {
        Message message;
        SharedMessage shared = null;
        if (next instanceof Message m) {
            message = m;
        } else if (next instanceof SharedMessage s) {
            shared = s;
            message = s.message();
        } else {
            // A command: nothing answers it over udp.
            return true;
        }
        DatagramFormat.Drop drop;
        try {
            drop = DatagramFormat.encode(message, out);
        } finally {
            if (shared != null) {
                shared.release();
            } else {
                message.close();
            }
        }
        if (drop != null) {
            dropped(drop, "");
            return true;
        }
        return send(out);
    }

    /** Sends the datagram in out; false when the kernel's buffer is full. */
    private boolean send(ByteBuf out) {
        try {
            return channel.send(
                            out.internalNioBuffer(out.readerIndex(), out.readableBytes()),
                            destination)
                    > 0;
        } catch (IOException e) {
            dropped(DatagramFormat.Drop.SEND_FAILED, ": " + e);
            return true;
        }
    }

    private boolean sendPending() {
        if (!send(pending)) {
            return false;
        }
        pending.release();
        pending = null;
        return true;
    }

    private void dropped(DatagramFormat.Drop drop, String detail) {
        owner.countDroppedDatagram();
        log.log(
                System.Logger.Level.WARNING,
                drop.name(),
                "weft: dropped a message for {0} ({1}): {2}{3}",
                endpoint,
                destinationText,
                drop.reason(),
                detail);
    }

    // ---- PipeEngine: any thread. ----

    @Override
    public void outboundReady() {
        ioThread.execute(writeTask);
    }

    @Override
    public void inboundDrained() {
        // Nothing is ever received over a RADIO's udp endpoint.
    }

    @Override
    public void reject(String reason) {
        ioThread.execute(
                () -> {
                    if (!finished) {
                        finish(reason);
                        gaveUp.accept(this);
                    }
                });
    }

    // ---- Dialer: I/O thread. ----

    @Override
    public void close(long deadlineNs) {
        if (closed) {
            return;
        }
        closed = true;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        writeOutbound();
        if (finished) {
            return;
        }
        long remaining = deadlineNs - System.nanoTime();
        boolean queued = pending != null || (pipe != null && pipe.hasOutbound());
        if (queued && remaining > 0) {
            // Linger: what is queued goes out when the channel takes it (or opens), until then.
            lingering = true;
            owner.connectionOpened();
            lingerTimer = ioThread.schedule(remaining, () -> finish("linger expired"));
            if (channel == null) {
                attempt();
            }
            return;
        }
        finish("socket closed");
    }

    @Override
    public void disconnect(long deadlineNs) {
        close(deadlineNs);
    }

    /** Closes the channel and gives the pipe back to the socket, releasing what it still holds. */
    private void finish(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        closed = true;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (pending != null) {
            pending.release();
            pending = null;
        }
        boolean wasOpen = channel != null;
        if (wasOpen) {
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "weft: closing udp endpoint {0} failed",
                        endpoint);
            }
        }
        if (pipe != null) {
            pipe.unbind(this);
            owner.dialerStopped(pipe);
            pipe = null;
        }
        if (wasOpen) {
            owner.emit(
                    new MonitorEvent(
                            MonitorEvent.Type.DISCONNECTED,
                            endpoint,
                            destinationText,
                            null,
                            reason));
        }
        log.flush();
        if (lingering) {
            lingering = false;
            owner.connectionEnded(null);
        }
    }
}
