package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Traffic.BLOCKED;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static dev.weft.patterns.spec.Traffic.fillUntilBlocked;
import static dev.weft.patterns.spec.Traffic.texts;
import static dev.weft.patterns.spec.Traffic.tiny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.WeftSocket;
import java.util.function.Function;

/**
 * The per-peer queue SHALLs that RFC 28, 30 and 31 word alike for DEALER, PUSH and PAIR: when a
 * queue is created, how long it lives, and when its peer counts as available. Each spec test quotes
 * its own RFC sentence and runs the check with its socket types; the peer sockets are opened with
 * the options each check needs.
 */
final class PeerQueueChecks {
    private PeerQueueChecks() {}

    /**
     * A connecting sender has its queue before any connection and keeps it between connections.
     *
     * @param sender opens the socket under test
     * @param peer opens a peer that binds and receives
     */
    static <S extends WeftSocket & MessageSender, P extends WeftSocket & MessageReceiver>
            void assertQueuesBeforeAndBetweenConnections(
                    Function<SocketOptions, S> sender, Function<SocketOptions, P> peer) {
        String ep = Traffic.unusedEndpoint();
        S socket = sender.apply(Traffic.queueEarly());
        Traffic.Events events = Traffic.Events.of(socket);
        socket.connect(ep);
        // The queue exists before any connection does.
        awaitPeers(socket, 1);
        assertThat(socket.trySend(Message.of("before"))).isTrue();

        P first = peer.apply(Traffic.noLinger());
        first.bind(ep);
        assertThat(texts(first)).containsExactly("before");
        first.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        // Still there with the connection gone, and still taking messages.
        assertThat(socket.stats().peers()).hasSize(1);
        assertThat(socket.trySend(Message.of("between"))).isTrue();
        P second = peer.apply(SocketOptions.DEFAULTS);
        second.bind(ep);
        assertThat(texts(second)).containsExactly("between");
    }

    /**
     * A binding sender creates a queue when a peer connects and destroys it, messages and all, when
     * that peer leaves: a new peer gets none of the old messages.
     *
     * @param sender opens the socket under test
     * @param peer opens a peer that connects and receives
     */
    static <S extends WeftSocket & MessageSender, P extends WeftSocket & MessageReceiver>
            void assertQueueCreatedOnConnectAndDiscardedOnLeave(
                    Function<SocketOptions, S> sender, Function<SocketOptions, P> peer) {
        S socket = sender.apply(tiny());
        String ep = socket.bind("tcp://127.0.0.1:*");
        assertThat(socket.stats().peers()).isEmpty();
        P slow = peer.apply(tiny());
        slow.connect(ep);
        awaitPeers(socket, 1);
        fillUntilBlocked(socket, Traffic::big);
        Traffic.assertFull(socket.stats().peers().get(0).outboundDepth());

        slow.close();

        awaitPeers(socket, 0);
        P fresh = peer.apply(SocketOptions.DEFAULTS);
        fresh.connect(ep);
        awaitPeers(socket, 1);
        socket.send("fresh");
        assertThat(texts(fresh)).containsExactly("fresh");
    }

    /**
     * A peer whose queue is full is skipped: messages go to the free peer, the full one keeps
     * exactly what it had, in order.
     *
     * @param sender opens the socket under test
     * @param peer opens the peers that connect and receive
     */
    static <S extends WeftSocket & MessageSender, P extends WeftSocket & MessageReceiver>
            void assertSkipsAPeerWhoseQueueIsFull(
                    Function<SocketOptions, S> sender, Function<SocketOptions, P> peer) {
        S socket = sender.apply(tiny());
        String ep = socket.bind("tcp://127.0.0.1:*");
        P full = peer.apply(tiny());
        full.connect(ep);
        awaitPeers(socket, 1);
        int inFull = fillUntilBlocked(socket, Traffic::big);
        P free = peer.apply(SocketOptions.DEFAULTS);
        free.connect(ep);
        awaitPeers(socket, 2);

        for (int i = 0; i < 50; i++) {
            assertThat(socket.send(Message.of("free-" + i), WAIT)).isTrue();
        }

        for (int i = 0; i < 50; i++) {
            assertThat(texts(free)).containsExactly("free-" + i);
        }
        for (int i = 0; i < inFull; i++) {
            try (Message m = full.receive(WAIT)) {
                assertThat(Traffic.seq(m)).isEqualTo(i);
            }
        }
        Traffic.assertNothingArrives(full, BLOCKED);
    }
}
