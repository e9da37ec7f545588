package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code connectTimeout}, libzmq's {@code ZMQ_CONNECT_TIMEOUT}: a TCP connect that gets no answer
 * is abandoned after the timeout and retried, instead of waiting for the operating system's limit.
 *
 * <p>The silent address is a loopback listener whose accept queue is full and never drained: Linux
 * then drops new SYNs, so a connect to it stalls.
 */
@Timeout(60)
class ConnectTimeoutTest {
    /** Most connections tried to fill the accept queue of a backlog-1 listener. */
    private static final int MAX_FILLERS = 16;

    private static final int FILL_CONNECT_TIMEOUT_MS = 1000;

    private Context ctx;
    private final List<Socket> fillers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() throws IOException {
        ctx.close();
        for (Socket s : fillers) {
            s.close();
        }
    }

    @Test
    void shouldAbandonAnUnansweredConnectAndRetry() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(fillAcceptQueue(silent))
                    .as("a connect to a full accept queue stalls (Linux drops the SYN)")
                    .isTrue();
            try (DealerSocket dealer =
                    new DealerSocket(
                            ctx,
                            SocketOptions.builder()
                                    .connectTimeout(Duration.ofMillis(200))
                                    .reconnectInterval(Duration.ofMillis(50))
                                    .build())) {
                EventLog events = EventLog.of(dealer);
                long start = System.nanoTime();
                dealer.connect("tcp://127.0.0.1:" + silent.getLocalPort());

                MonitorEvent first = events.await(MonitorEvent.Type.CONNECT_RETRIED);
                long firstMs = (System.nanoTime() - start) / 1_000_000;
                MonitorEvent second = events.await(MonitorEvent.Type.CONNECT_RETRIED, 2);

                assertThat(first.detail()).contains("connect timed out after 200 ms");
                assertThat(second.detail()).contains("connect timed out after 200 ms");
                assertThat(firstMs).as("abandoned well before the OS's limit").isLessThan(5_000);
                assertThat(events.count(MonitorEvent.Type.CONNECTED)).isZero();
            }
        }
    }

    /** Connects until one connect stalls; true when it did. */
    private boolean fillAcceptQueue(ServerSocket listener) throws IOException {
        InetSocketAddress address =
                new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        for (int i = 0; i < MAX_FILLERS; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(address, FILL_CONNECT_TIMEOUT_MS);
            } catch (SocketTimeoutException stalled) {
                return true;
            }
        }
        return false;
    }
}
