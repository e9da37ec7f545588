package dev.weft.core.socket;

import dev.weft.core.InterruptedOperationException;
import dev.weft.core.InvalidEndpointException;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketClosedException;
import dev.weft.core.TransportException;
import dev.weft.core.WeftException;
import dev.weft.core.io.IoThread;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.transport.Dialer;
import dev.weft.core.transport.Listener;
import dev.weft.core.transport.Transport;
import dev.weft.core.transport.TransportSite;
import dev.weft.core.transport.Transports;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A socket's bound and connected endpoints. Listeners and dialers live on the socket's I/O thread;
 * application threads ask it to act there, so they never touch a channel, and wait for the answer
 * (except a connect, which hands its dialer over and returns, as libzmq's does).
 */
final class Endpoints {
    private static final long CALL_TIMEOUT_MS = 10_000;

    private final Transports transports;
    private final TransportSite site;
    private final IoThread ioThread;
    // Mutated on the I/O thread only.
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, Dialer> dialers = new LinkedHashMap<>();
    // The connected endpoints' texts, added by the caller of connect (before its dialer exists on
    // the I/O thread) and removed on the I/O thread with the dialer.
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    // I/O thread: closeAll ran; a connect queued behind it must not start a dialer.
    private boolean closedAll;
    private volatile String lastBound;

    /**
     * Creates the endpoints of one socket.
     *
     * @param transports the context's transports, by scheme
     * @param site the socket, its I/O thread and what its listeners and dialers need
     */
    Endpoints(Transports transports, TransportSite site) {
        this.transports = transports;
        this.site = site;
        this.ioThread = site.ioThread();
    }

    /**
     * Checks an endpoint for bind on the caller's thread.
     *
     * @throws InvalidEndpointException when the endpoint is malformed, its scheme unknown or not
     *     usable by this socket's type
     */
    Transport.BindRequest bindRequest(String endpoint) {
        Transport transport = transports.forEndpoint(endpoint);
        transport.checkSocketType(site.owner().socketType(), true, endpoint);
        return transport.bindRequest(endpoint);
    }

    /**
     * Checks an endpoint for connect on the caller's thread.
     *
     * @throws InvalidEndpointException when the endpoint is malformed, not connectable, its scheme
     *     unknown or not usable by this socket's type
     */
    Transport.ConnectRequest connectRequest(String endpoint) {
        Transport transport = transports.forEndpoint(endpoint);
        transport.checkSocketType(site.owner().socketType(), false, endpoint);
        return transport.connectRequest(endpoint);
    }

    /** Binds on the I/O thread and returns the concrete endpoint. */
    String bind(String endpoint, Transport.BindRequest request) {
        return call(
                () -> {
                    Listener listener;
                    try {
                        listener = request.listen(site);
                    } catch (TransportException e) {
                        site.owner()
                                .emit(
                                        new MonitorEvent(
                                                MonitorEvent.Type.BIND_FAILED,
                                                endpoint,
                                                null,
                                                null,
                                                String.valueOf(e.getMessage())));
                        throw e;
                    }
                    listeners.put(listener.endpoint(), listener);
                    lastBound = listener.endpoint();
                    return lastBound;
                });
    }

    /**
     * Connects in the background and returns without waiting for the I/O thread, as libzmq's {@code
     * zmq_connect} does: the endpoint's queue (with {@code immediate} off) exists when this
     * returns, so messages sent next wait there; the dialer starts on the I/O thread in call order,
     * so a later disconnect or close finds it.
     */
    void connect(String text, Transport.ConnectRequest request) {
        if (!connected.add(text)) {
            // libzmq ignores a second connect to the same endpoint.
            return;
        }
        Pipe queue = site.owner().dialerStarted(text, request.subscribesToAll());
        ioThread.execute(
                () -> {
                    if (closedAll) {
                        // The socket closed between this connect's check and now.
                        return;
                    }
                    Dialer dialer =
                            request.dial(
                                    site,
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
                    Listener l = listeners.remove(endpoint);
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
                    ioThread.releaseClosedChannels();
                    return null;
                });
    }

    void disconnect(String endpoint, long deadlineNs) {
        call(
                () -> {
                    Dialer d = dialers.remove(endpoint);
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
                    for (Listener l : listeners.values()) {
                        l.close(deadlineNs);
                    }
                    for (Dialer d : dialers.values()) {
                        d.close(deadlineNs);
                    }
                    listeners.clear();
                    dialers.clear();
                    connected.clear();
                    closedAll = true;
                    ioThread.releaseClosedChannels();
                    thenOnIoThread.run();
                    return null;
                });
    }

    private Listener removeListenerByRequest(String requested) {
        for (Iterator<Listener> it = listeners.values().iterator(); it.hasNext(); ) {
            Listener l = it.next();
            if (l.answersTo(requested)) {
                it.remove();
                return l;
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
            throw new InterruptedOperationException(
                    "interrupted while waiting for the I/O thread", e);
        }
    }
}
