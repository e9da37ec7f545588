package dev.weft.testkit;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection through a {@link FaultProxy} and its connection to the target, forwarded by
 * two {@link ForwardingLoop} threads, one per direction.
 *
 * <p>Ends when both directions ended (each side half-closed), when either loop hit an I/O error
 * (then both sockets are reset, as a broken path would), or when the proxy drops, resets or closes
 * it. Thread-safe: {@link #close(boolean)} may be called from any thread, once or more.
 */
final class ProxiedConnection {
    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket target;
    private final Thread toTarget;
    private final Thread toClient;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger runningLoops = new AtomicInteger(2);

    ProxiedConnection(
            FaultProxy proxy,
            String name,
            Socket client,
            Socket target,
            LinkFaults toTargetFaults,
            LinkFaults toClientFaults) {
        this.proxy = proxy;
        this.client = client;
        this.target = target;
        this.toTarget =
                new Thread(
                        new ForwardingLoop(this, client, target, toTargetFaults),
                        name + "-to-target");
        this.toClient =
                new Thread(
                        new ForwardingLoop(this, target, client, toClientFaults),
                        name + "-to-client");
        toTarget.setDaemon(true);
        toClient.setDaemon(true);
    }

    void start() {
        toTarget.start();
        toClient.start();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Called by a loop when it ends, whatever the reason. */
    void loopEnded() {
        if (runningLoops.decrementAndGet() == 0) {
            close(false);
        }
    }

    /** Called by a loop on an I/O error (a peer reset, or the proxy closed the sockets). */
    void failed(IOException e) {
        if (!closed.get()) {
            LOG.log(System.Logger.Level.DEBUG, "weft-testkit: proxied connection failed: " + e);
        }
        close(true);
    }

    /**
     * Closes both sockets; the loops notice and end.
     *
     * @param reset true to send RST (SO_LINGER 0) instead of an orderly FIN
     * @return true when this call closed the connection, false when it was closed already
     */
    boolean close(boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closeSocket(client, reset);
        closeSocket(target, reset);
        proxy.connectionClosed(this);
        return true;
    }

    /**
     * Waits for both loop threads to end.
     *
     * @param deadlineNs a {@link System#nanoTime()} deadline
     * @return true when both ended
     */
    boolean join(long deadlineNs) {
        return FaultProxy.join(toTarget, deadlineNs) && FaultProxy.join(toClient, deadlineNs);
    }

    static void closeSocket(Socket socket, boolean reset) {
        try {
            if (reset && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft-testkit: SO_LINGER failed: " + e);
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "weft-testkit: close failed: " + e);
        }
    }
}
