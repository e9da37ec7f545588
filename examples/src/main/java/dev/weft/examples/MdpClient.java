package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DealerSocket;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The client side of MDP/Client (RFC 7): sends one request at a time on a DEALER and waits for its
 * reply, with the recovery RFC 7 recommends: when no reply comes within the timeout, close the
 * socket, open a new one and resend; after the last retry, report the request as failed.
 *
 * <p>Because each retry uses a new socket, a late reply to an abandoned attempt can never be taken
 * for the answer to a later request.
 *
 * <p>Thread-safety: one thread owns the client; {@link #connectedPeers()} may be called from any
 * thread.
 */
final class MdpClient implements AutoCloseable {
    private static final Duration SLICE = Duration.ofMillis(100);

    private final Context context;
    private final String endpoint;
    private final Duration timeout;
    private final int retries;
    private final BooleanSupplier keepGoing;
    private final ThrottledLog log;
    private volatile DealerSocket socket; // volatile: connectedPeers() may be read elsewhere

    /**
     * Creates a client; it connects on the first request.
     *
     * @param context the context its sockets belong to
     * @param endpoint the broker's endpoint
     * @param timeout how long to wait for each reply
     * @param retries how many times to resend a request that got no reply
     * @param keepGoing polled while waiting; false abandons the request (on SIGINT, say)
     * @param logOut where log lines go
     */
    MdpClient(
            Context context,
            String endpoint,
            Duration timeout,
            int retries,
            BooleanSupplier keepGoing,
            PrintStream logOut) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
        this.context = context;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.retries = retries;
        this.keepGoing = keepGoing;
        this.log = new ThrottledLog("mdclient", logOut, 10);
    }

    /**
     * Sends a request to a service and waits for the reply, retrying as configured.
     *
     * @param service the service name (an {@code mmi.*} name asks the broker itself)
     * @param body the request body frames; taken over
     * @return the reply body frames, which the caller must close; null when every attempt timed out
     *     or {@code keepGoing} turned false
     */
    Message request(String service, Message body) {
        try {
            for (int attempt = 0; attempt <= retries && keepGoing.getAsBoolean(); attempt++) {
                if (socket == null) {
                    // Linger 0: an unanswered request must not reach the broker after we gave up.
                    socket =
                            new DealerSocket(
                                    context,
                                    SocketOptions.builder()
                                            .immediate(false)
                                            .linger(Duration.ZERO)
                                            .build());
                    socket.connect(endpoint);
                }
                Message request = MdpWire.prependClientHeader(service, body.retainedDuplicate());
                if (!socket.trySend(request)) {
                    request.close();
                } else {
                    Message reply = awaitReply(service);
                    if (reply != null) {
                        return reply;
                    }
                }
                log.log(
                        "no reply from "
                                + service
                                + " within "
                                + timeout.toMillis()
                                + " ms"
                                + (attempt < retries ? ", retrying on a new socket" : ""));
                socket.close();
                socket = null;
            }
            return null;
        } finally {
            body.close();
        }
    }

    /** Returns how many brokers the current socket is connected to (0 or 1). */
    int connectedPeers() {
        DealerSocket s = socket;
        return s == null ? 0 : s.stats().peers().size();
    }

    /** Closes the socket. */
    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** Waits for {@code ["", MDPC01, service, body...]}; returns the body, or null on timeout. */
    private Message awaitReply(String service) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (keepGoing.getAsBoolean()) {
            long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0) {
                return null;
            }
            Message m = socket.receive(leftNs < SLICE.toNanos() ? Duration.ofNanos(leftNs) : SLICE);
            if (m == null) {
                continue;
            }
            if (m.size() >= 4
                    && m.frame(0).isEmpty()
                    && MdpWire.isClientHeader(m.frame(1))
                    && m.frame(2).toString(StandardCharsets.UTF_8).equals(service)) {
                for (int i = 0; i < 3; i++) {
                    m.removeFirst().release(); // "", MDPC01, service
                }
                return m;
            }
            log.log("dropped an unexpected message: " + m);
            m.close();
        }
        return null;
    }
}
