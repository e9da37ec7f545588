package dev.weft.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.io.IoThread;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session alone: a fake connection under it, a real {@link Pipe} above it and a recording
 * socket. Everything the session does runs on a real I/O thread, as in a socket.
 */
class SessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Metadata DEALER = Metadata.builder().put("Socket-Type", "DEALER").build();

    private final IoThread io = new IoThread("weft-session-test");
    private final RecordingOwner owner = new RecordingOwner();

    @AfterEach
    void stop() {
        io.shutdown(5_000);
    }

    @Test
    void shouldMakeAPipeAtTheHandshakeAndMoveMessagesBothWays() {
        Session session = new Session(io, owner, null);
        FakeConnection c = new FakeConnection();

        Pipe pipe = onIo(() -> attach(session, c));
        assertThat(owner.ready).containsExactly(pipe);
        pipe.write(Message.of("out"));
        await().atMost(WAIT).until(() -> c.sent.contains("out"));
        onIo(
                () -> {
                    session.deliver(Message.of("in"));
                    session.endDeliveryBatch();
                    return null;
                });
        try (Message m = pipe.read()) {
            assertThat(m.strings()).containsExactly("in");
        }
        onIo(
                () -> {
                    session.command(PeerCommand.subscribe(new byte[] {'a'}));
                    return null;
                });
        assertThat(owner.commands).containsExactly("SUBSCRIBE 61");

        onIo(
                () -> {
                    session.detach(c);
                    return null;
                });
        assertThat(pipe.isConnectionClosed()).isTrue();
        assertThat(owner.ended).containsExactly(pipe);
    }

    @Test
    void shouldReportTheReadableEdgeOfABatchCutShortByTheConnectionEnding() {
        Session session = new Session(io, owner, null);
        FakeConnection c = new FakeConnection();
        Pipe pipe = onIo(() -> attach(session, c));

        onIo(
                () -> {
                    session.deliver(Message.of("last"));
                    // A protocol error closes the connection before the batch ends.
                    session.detach(c);
                    session.endDeliveryBatch();
                    return null;
                });

        assertThat(owner.readable).as("the socket heard of the message").containsExactly(pipe);
        assertThat(owner.ended).containsExactly(pipe);
        try (Message m = pipe.read()) {
            assertThat(m.strings()).containsExactly("last");
        }
    }

    @Test
    void shouldKeepAPersistentPipeAndItsQueueAcrossConnections() {
        Pipe queue = Pipe.persistent(owner, 100, 100, "tcp://127.0.0.1:5555");
        Session session = new Session(io, owner, queue);
        queue.write(Message.of("before any connection"));

        FakeConnection first = new FakeConnection();
        assertThat(onIo(() -> attach(session, first))).isSameAs(queue);
        onIo(
                () -> {
                    session.connectionWritable();
                    session.detach(first);
                    return null;
                });
        assertThat(first.sent).containsExactly("before any connection");
        queue.write(Message.of("between connections"));
        assertThat(session.hasQueued()).isTrue();

        FakeConnection second = new FakeConnection();
        assertThat(onIo(() -> attach(session, second))).isSameAs(queue);
        onIo(
                () -> {
                    session.connectionWritable();
                    return null;
                });
        assertThat(second.sent).containsExactly("between connections");
        assertThat(owner.reconnected).containsExactly(queue, queue);
        assertThat(owner.ready).as("a persistent pipe is not made again").isEmpty();

        onIo(
                () -> {
                    session.detach(second);
                    session.stop();
                    session.stop();
                    return null;
                });
        assertThat(owner.stopped).containsExactly(queue);
        assertThat(queue.isConnectionClosed()).as("it waits for the socket to detach it").isFalse();
    }

    @Test
    void shouldPauseTheConnectionWhenThePipeIsFullAndResumeWhenItDrains() {
        owner.receiveHwm = 4;
        Session session = new Session(io, owner, null);
        FakeConnection c = new FakeConnection();
        Pipe pipe = onIo(() -> attach(session, c));

        boolean full =
                onIo(
                        () -> {
                            boolean f = false;
                            for (int i = 0; i < 4 && !f; i++) {
                                f = session.deliver(Message.of("m" + i));
                            }
                            session.endDeliveryBatch();
                            return f;
                        });
        assertThat(full).isTrue();
        for (int i = 0; i < 4; i++) {
            pipe.read().close();
        }
        await().atMost(WAIT).until(() -> c.resumed > 0);
    }

    @Test
    void shouldCloseAtOnceWhenNothingIsQueuedAndAfterTheFlushOtherwise() {
        Session idle = new Session(io, owner, null);
        FakeConnection quiet = new FakeConnection();
        onIo(() -> attach(idle, quiet));
        onIo(
                () -> {
                    idle.closeAfterFlush(quiet, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                    return null;
                });
        assertThat(quiet.closedFor).isEqualTo("socket closed");

        Session busy = new Session(io, owner, null);
        FakeConnection blocked = new FakeConnection();
        Pipe pipe = onIo(() -> attach(busy, blocked));
        blocked.writable = false;
        pipe.write(Message.of("waits"));
        onIo(
                () -> {
                    busy.closeAfterFlush(blocked, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                    return null;
                });
        assertThat(blocked.closedFor).as("still lingering").isNull();
        blocked.writable = true;
        onIo(
                () -> {
                    busy.connectionWritable();
                    return null;
                });
        assertThat(blocked.sent).containsExactly("waits");
        assertThat(blocked.closedFor).isEqualTo("socket closed");
    }

    @Test
    void shouldCloseWhenTheLingerExpires() {
        Session session = new Session(io, owner, null);
        FakeConnection blocked = new FakeConnection();
        Pipe pipe = onIo(() -> attach(session, blocked));
        blocked.writable = false;
        pipe.write(Message.of("never written"));

        onIo(
                () -> {
                    session.closeAfterFlush(
                            blocked, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
                    return null;
                });

        await().atMost(WAIT).until(() -> "linger expired".equals(blocked.closedFor));
        onIo(
                () -> {
                    session.detach(blocked);
                    return null;
                });
        try (Message m = pipe.read()) {
            assertThat(m).as("nothing came in").isNull();
        }
    }

    @Test
    void shouldPassARejectionToTheConnection() {
        Session session = new Session(io, owner, null);
        FakeConnection c = new FakeConnection();
        onIo(() -> attach(session, c));

        session.reject("duplicate routing id");

        await().atMost(WAIT).until(() -> "duplicate routing id".equals(c.rejectedFor));
    }

    @Test
    void shouldEndAConnectionThatNeverAttachedOnce() {
        Session session = new Session(io, owner, null);
        FakeConnection c = new FakeConnection();

        onIo(
                () -> {
                    session.detach(c);
                    return null;
                });

        assertThat(owner.ended).containsExactly((Pipe) null);
    }

    private static Pipe attach(Session session, FakeConnection c) {
        return session.attach(
                c, SocketType.DEALER, DEALER, "tcp://127.0.0.1:5555", "127.0.0.1:40000", true);
    }

    private <T> T onIo(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        io.execute(
                () -> {
                    try {
                        result.complete(action.get());
                    } catch (RuntimeException | AssertionError e) {
                        result.completeExceptionally(e);
                    }
                });
        return result.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** A connection that records what the session asks of it. */
    private static final class FakeConnection implements WireConnection {
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean writable = true;
        volatile int resumed;
        volatile String closedFor;
        volatile String rejectedFor;

        @Override
        public boolean canWrite() {
            return writable && closedFor == null;
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public void send(Message message) {
            sent.add(String.join("|", message.strings()));
        }

        @Override
        public void send(PeerCommand command) {
            sent.add(command.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void pauseReading() {}

        @Override
        public void resumeReading() {
            resumed++;
        }

        @Override
        public void reject(String reason) {
            rejectedFor = reason;
        }

        @Override
        public void close(String reason) {
            if (closedFor == null) {
                closedFor = reason;
            }
        }
    }
}
