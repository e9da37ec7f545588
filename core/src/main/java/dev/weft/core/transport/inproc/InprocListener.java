package dev.weft.core.transport.inproc;

import dev.weft.core.MonitorEvent;
import dev.weft.core.transport.Listener;
import dev.weft.core.transport.TransportSite;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bound inproc name: the socket connecting sockets of the same context join. Links are made on
 * the connecting socket's I/O thread and recorded here so that closing ends them; thread-safe.
 */
final class InprocListener implements Listener {
    private final InprocTransport transport;
    private final TransportSite site;
    private final String name;
    private final String endpoint;
    private final ReentrantLock lock = new ReentrantLock();
    // Under lock.
    private final Set<InprocLink> links = new LinkedHashSet<>();
    private boolean closed;

    /**
     * Creates the listener of a name; the transport registers it.
     *
     * @param transport the context's inproc transport
     * @param site the bound socket
     * @param name the name, not empty
     */
    InprocListener(InprocTransport transport, TransportSite site, String name) {
        this.transport = transport;
        this.site = site;
        this.name = name;
        this.endpoint = InprocTransport.SCHEME + "://" + name;
    }

    /**
     * Returns the bound socket.
     *
     * @return its site
     */
    TransportSite site() {
        return site;
    }

    /**
     * Returns the bound name.
     *
     * @return the name without the scheme
     */
    String name() {
        return name;
    }

    /**
     * Records a link being made to this name.
     *
     * @param link the link
     * @return false when the name was unbound meanwhile: the link must not be made
     */
    boolean add(InprocLink link) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            links.add(link);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a link that ended.
     *
     * @param link the link
     */
    void remove(InprocLink link) {
        lock.lock();
        try {
            links.remove(link);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public boolean answersTo(String requested) {
        return InprocTransport.nameOf(requested).equals(name);
    }

    /**
     * Frees the name and ends every link to it; what this socket queued goes to the peers when the
     * deadline has not passed. Connecting sockets wait for the name to be bound again.
     *
     * @param deadlineNs {@link System#nanoTime()} linger deadline
     */
    @Override
    public void close(long deadlineNs) {
        List<InprocLink> ending;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            ending = new ArrayList<>(links);
            links.clear();
        } finally {
            lock.unlock();
        }
        transport.unbound(this);
        boolean move = deadlineNs - System.nanoTime() > 0;
        for (InprocLink l : ending) {
            l.endFromBound(move, "unbound");
        }
        site.owner()
                .emit(new MonitorEvent(MonitorEvent.Type.CLOSED, endpoint, null, null, "unbound"));
    }
}
