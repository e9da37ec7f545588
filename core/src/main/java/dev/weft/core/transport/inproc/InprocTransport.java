package dev.weft.core.transport.inproc;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.MonitorEvent;
import dev.weft.core.TransportException;
import dev.weft.core.transport.Transport;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code inproc://name} transport: sockets of one context joined pipe to pipe, with no codec,
 * no I/O thread between them and no copy of a message body (see {@link InprocFlow}). A name is any
 * non-empty text; it is bound by one socket at a time per context. Connecting before the name is
 * bound is allowed (libzmq 4): the connection is made when a socket binds it. Socket types are
 * checked with the table the ZMTP handshake uses. Heartbeat options do not apply (the peer is in
 * the same process: there is no silent peer to detect), nor do the tcp options.
 *
 * <p>One instance per context: it holds the context's registry of bound names and waiting connects.
 * Thread-safe.
 */
public final class InprocTransport implements Transport {
    /** The scheme, {@value}. */
    public static final String SCHEME = "inproc";

    private final ReentrantLock lock = new ReentrantLock();
    // Under lock.
    private final Map<String, InprocListener> bound = new HashMap<>();
    private final Map<String, Set<InprocDialer>> waiting = new HashMap<>();

    /** Creates the transport of one context, with no name bound. */
    public InprocTransport() {}

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public BindRequest bindRequest(String endpoint) {
        String name = parse(endpoint, "bind");
        return site -> {
            InprocListener listener = new InprocListener(this, site, name);
            Set<InprocDialer> joining;
            lock.lock();
            try {
                if (bound.containsKey(name)) {
                    throw new TransportException(
                            "bind '"
                                    + endpoint
                                    + "': address in use (another socket of this context is bound"
                                    + " to that name; unbind or close it first)",
                            null);
                }
                bound.put(name, listener);
                joining = waiting.remove(name);
            } finally {
                lock.unlock();
            }
            site.owner()
                    .emit(
                            new MonitorEvent(
                                    MonitorEvent.Type.LISTENING,
                                    listener.endpoint(),
                                    null,
                                    null,
                                    ""));
            if (joining != null) {
                for (InprocDialer d : joining) {
                    d.nameBound();
                }
            }
            return listener;
        };
    }

    @Override
    public ConnectRequest connectRequest(String endpoint) {
        String name = parse(endpoint, "connect");
        return (site, stopped) -> new InprocDialer(this, site, endpoint, name, stopped);
    }

    /**
     * Returns the listener of a name, or registers the dialer to be told when the name is bound.
     *
     * @param name the name
     * @param dialer the dialer that wants it
     * @return the listener, or null when the name is not bound (the dialer now waits for it)
     */
    InprocListener lookUp(String name, InprocDialer dialer) {
        lock.lock();
        try {
            InprocListener l = bound.get(name);
            if (l == null) {
                waiting.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(dialer);
            }
            return l;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops a dialer waiting for a name.
     *
     * @param name the name
     * @param dialer the dialer
     */
    void forget(String name, InprocDialer dialer) {
        lock.lock();
        try {
            Set<InprocDialer> set = waiting.get(name);
            if (set != null && set.remove(dialer) && set.isEmpty()) {
                waiting.remove(name);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frees a name when its listener closes.
     *
     * @param listener the closing listener
     */
    void unbound(InprocListener listener) {
        lock.lock();
        try {
            bound.remove(listener.name(), listener);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the name an inproc endpoint names.
     *
     * @param endpoint any endpoint text
     * @return the name, or an empty string when the text is not an inproc endpoint
     */
    static String nameOf(String endpoint) {
        int sep = endpoint.indexOf("://");
        if (sep <= 0 || !endpoint.substring(0, sep).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return "";
        }
        return endpoint.substring(sep + 3);
    }

    private static String parse(String endpoint, String operation) {
        String name = nameOf(endpoint);
        if (name.isEmpty()) {
            throw new InvalidEndpointException(
                    operation
                            + " '"
                            + endpoint
                            + "': empty inproc name (expected: inproc://name, any non-empty"
                            + " name)");
        }
        return name;
    }
}
