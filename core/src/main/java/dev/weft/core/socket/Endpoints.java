package dev.weft.core.socket;

import dev.weft.core.Endpoint;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketClosedException;
import dev.weft.core.TransportException;
import dev.weft.core.WeftException;
import dev.weft.core.io.IoThread;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.transport.ConnectionOwner;
import dev.weft.core.transport.InheritedChannels;
import dev.weft.core.transport.TcpDialer;
import dev.weft.core.transport.TcpListener;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A socket's bound and connected endpoints. Listeners and dialers live on the socket's I/O thread;
 * application threads ask it to act there, so they never touch a channel, and wait for the answer
 * (except a connect, which hands its dialer over and returns, as libzmq's does).
 */
final class Endpoints {
    private static final long CALL_TIMEOUT_MS = 10_000;

    private final IoThread ioThread;
    private final ConnectionOwner owner;
    private final ByteBufAllocator allocator;
    private final Function<String, CompletableFuture<InetAddress>> resolver;
    // Mutated on the I/O thread only.
    private final Map<String, TcpListener> listeners = new LinkedHashMap<>();
    private final Map<String, TcpDialer> dialers = new LinkedHashMap<>();
    // The connected endpoints' texts, added by the caller of connect (before its dialer exists on
    // the I/O thread) and removed on the I/O thread with the dialer.
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    // I/O thread: closeAll ran; a connect queued behind it must not start a dialer.
    private boolean closedAll;
    private volatile String lastBound;

    /**
     * Creates the endpoints of one socket.
     *
     * @param ioThread the socket's I/O thread
     * @param owner the socket
     * @param allocator where connection buffers come from
     * @param resolver looks host names of connected endpoints up off the I/O thread
     */
    Endpoints(
            IoThread ioThread,
            ConnectionOwner owner,
            ByteBufAllocator allocator,
            Function<String, CompletableFuture<InetAddress>> resolver) {
        this.ioThread = ioThread;
        this.owner = owner;
        this.allocator = allocator;
        this.resolver = resolver;
    }

    String bind(Endpoint endpoint) {
        if (endpoint.isInherited()) {
            return bindInherited(endpoint);
        }
        // A host name is looked up here, on the caller's thread, never on the I/O thread.
        InetSocketAddress address = endpoint.bindAddress();
        return call(
                () -> {
                    TcpListener listener = new TcpListener(ioThread, owner, allocator);
                    String bound;
                    try {
                        bound = listener.bind(endpoint, address);
                    } catch (IOException e) {
                        owner.emit(
                                new MonitorEvent(
                                        MonitorEvent.Type.BIND_FAILED,
                                        endpoint.toString(),
                                        null,
                                        null,
                                        String.valueOf(e.getMessage())));
                        throw new TransportException(
                                "bind '"
                                        + endpoint
                                        + "' failed: "
                                        + e.getMessage()
                                        + " (is the port in use, or the address not local?)",
                                e);
                    }
                    listeners.put(bound, listener);
                    lastBound = bound;
                    return bound;
                });
    }

    private String bindInherited(Endpoint endpoint) {
        ServerSocketChannel inherited = InheritedChannels.process().takeListeningTcp();
        return call(
                () -> {
                    TcpListener listener = new TcpListener(ioThread, owner, allocator);
                    String bound;
                    try {
                        bound = listener.bindInherited(inherited);
                    } catch (IOException e) {
                        throw new TransportException(
                                "bind '" + endpoint + "' failed: " + e.getMessage(), e);
                    }
                    listeners.put(bound, listener);
                    lastBound = bound;
                    return bound;
                });
    }

    /**
     * Connects in the background and returns without waiting for the I/O thread, as libzmq's {@code
     * zmq_connect} does: the endpoint's queue (with {@code immediate} off) exists when this
     * returns, so messages sent next wait there; the dialer starts on the I/O thread in call order,
     * so a later disconnect or close finds it.
     */
    void connect(Endpoint endpoint, String text) {
        if (!connected.add(text)) {
            // libzmq ignores a second connect to the same endpoint.
            return;
        }
        Pipe queue = owner.dialerStarted(text);
        ioThread.execute(
                () -> {
                    if (closedAll) {
                        // The socket closed between this connect's check and now.
                        return;
                    }
                    TcpDialer dialer =
                            new TcpDialer(
                                    ioThread,
                                    owner,
                                    allocator,
                                    endpoint,
                                    resolver,
                                    stopped -> {
                                        if (dialers.remove(text, stopped)) {
                                            connected.remove(text);
                                        }
                                    });
                    dialers.put(text, dialer);
                    dialer.start(queue);
                });
    }

    void unbind(String endpoint, long deadlineNs) {
        call(
                () -> {
                    TcpListener l = listeners.remove(endpoint);
                    if (l == null) {
                        l = removeListenerByRequest(endpoint);
                    }
                    if (l == null) {
                        throw new InvalidEndpointException(
                                "unbind '"
                                        + endpoint
                                        + "': not bound there (bound: "
                                        + listeners.keySet()
                                        + ")");
                    }
                    l.close(deadlineNs);
                    return null;
                });
    }

    void disconnect(String endpoint, long deadlineNs) {
        call(
                () -> {
                    TcpDialer d = dialers.remove(endpoint);
                    connected.remove(endpoint);
                    if (d == null) {
                        throw new InvalidEndpointException(
                                "disconnect '"
                                        + endpoint
                                        + "': not connected there (connected: "
                                        + dialers.keySet()
                                        + ")");
                    }
                    d.disconnect(deadlineNs);
                    return null;
                });
    }

    String lastBound() {
        return lastBound;
    }

    /**
     * Closes every listener and dialer; their connections close after flushing or at the deadline.
     * Returns once the I/O thread has done so (a hand-off, not the linger), so the listeners' ports
     * are free.
     *
     * @param deadlineNs the linger deadline
     * @param thenOnIoThread run on the I/O thread right after, once every lingering connection and
     *     delivery has been registered with the owner
     */
    void closeAll(long deadlineNs, Runnable thenOnIoThread) {
        call(
                () -> {
                    for (TcpListener l : listeners.values()) {
                        l.close(deadlineNs);
                    }
                    for (TcpDialer d : dialers.values()) {
                        d.close(deadlineNs);
                    }
                    listeners.clear();
                    dialers.clear();
                    connected.clear();
                    closedAll = true;
                    thenOnIoThread.run();
                    return null;
                });
    }

    private TcpListener removeListenerByRequest(String requested) {
        Endpoint wanted;
        try {
            wanted = Endpoint.parse(requested);
        } catch (InvalidEndpointException e) {
            return null;
        }
        if (wanted.isInherited()) {
            return removeInheritedListener();
        }
        List<String> keys = new ArrayList<>(listeners.keySet());
        for (String k : keys) {
            Endpoint bound = Endpoint.parse(k);
            boolean sameHost =
                    wanted.isWildcardHost()
                            ? bound.host().equals("0.0.0.0")
                            : wanted.host().equals(bound.host());
            if (sameHost && (wanted.port() == 0 || wanted.port() == bound.port())) {
                return listeners.remove(k);
            }
        }
        return null;
    }

    private TcpListener removeInheritedListener() {
        for (Map.Entry<String, TcpListener> e : listeners.entrySet()) {
            if (e.getValue().isInherited()) {
                return listeners.remove(e.getKey());
            }
        }
        return null;
    }

    private <T> T call(Supplier<T> action) {
        if (ioThread.inThread()) {
            return action.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        ioThread.execute(
                () -> {
                    try {
                        result.complete(action.get());
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
        try {
            return result.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new WeftException("endpoint operation failed", e.getCause());
        } catch (TimeoutException e) {
            throw new SocketClosedException(
                    "the I/O thread did not answer within "
                            + CALL_TIMEOUT_MS
                            + " ms (is the context closed?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.weft.core.InterruptedOperationException(
                    "interrupted while waiting for the I/O thread", e);
        }
    }
}
