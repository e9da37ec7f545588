package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.PeerCredentialsSource;
import dev.weft.core.SocketOptions;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ipc peer's credentials are read off the I/O thread: while the user and group databases do not
 * answer, the other connections of the I/O thread go on, and the ipc peer is served (or refused)
 * once the answer is there.
 */
@Timeout(60)
class IpcCredentialsLookupTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path dir;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> lookupThreads = new CopyOnWriteArrayList<>();

    /** The system's credentials, once the test releases the latch: a directory that hangs. */
    private UnixDomainPrincipal blockingRead(SocketChannel channel) throws IOException {
        lookupThreads.add(Thread.currentThread().getName());
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the lookup");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return PeerCredentialsSource.SYSTEM.read(channel);
    }

    @AfterEach
    void releaseLookups() {
        release.countDown();
    }

    @Test
    void shouldKeepTheOtherConnectionsOfTheIoThreadWorkingWhileALookupBlocks() throws IOException {
        int ownUid = (Integer) Files.getAttribute(dir, "unix:uid");
        try (Context ctx = slowContext()) {
            PullSocket ipcPull = new PullSocket(ctx);
            String ipcEp = ipcPull.bind("ipc://" + dir.resolve("slow.sock"));
            PushSocket ipcPush = new PushSocket(ctx);
            ipcPush.connect(ipcEp);
            ipcPush.send("queued behind the lookup");
            // The listener's lookup of its peer, and the dialer's of the listener.
            await().atMost(WAIT).until(() -> lookupThreads.size() == 2);

            // Every socket of this context shares its one I/O thread.
            PullSocket tcpPull = new PullSocket(ctx);
            String tcpEp = tcpPull.bind("tcp://127.0.0.1:*");
            PushSocket tcpPush = new PushSocket(ctx);
            tcpPush.connect(tcpEp);
            for (int i = 0; i < 100; i++) {
                tcpPush.send("m-" + i);
                assertThat(Received.texts(tcpPull)).containsExactly("m-" + i);
            }
            assertThat(release.getCount()).as("the lookups are still blocked").isOne();
            try (Message early = ipcPull.tryReceive()) {
                assertThat(early).as("a message before its lookup ended").isNull();
            }

            release.countDown();
            try (Message m = ipcPull.receive(WAIT)) {
                assertThat(m).as("the ipc message once the lookups ended").isNotNull();
                assertThat(m.frame(0).toString(StandardCharsets.UTF_8))
                        .isEqualTo("queued behind the lookup");
                assertThat(m.metadata().getString(Metadata.PEER_UID))
                        .isEqualTo(Integer.toString(ownUid));
                assertThat(m.metadata().getString(Metadata.PEER_USER)).isNotEmpty();
            }
            assertThat(lookupThreads).allMatch(name -> name.startsWith("weft-resolver-"));
        }
    }

    @Test
    void shouldRefuseAPeerOutsideTheFilterOnceItsLookupEnds() throws IOException {
        int ownUid = (Integer) Files.getAttribute(dir, "unix:uid");
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        try (Context ctx = slowContext()) {
            PullSocket pull =
                    new PullSocket(ctx, SocketOptions.builder().ipcFilterUid(ownUid + 1).build());
            pull.addMonitor(events::add);
            String ep = pull.bind("ipc://" + dir.resolve("filtered.sock"));
            PushSocket push = new PushSocket(ctx);
            push.connect(ep);
            await().atMost(WAIT).until(() -> lookupThreads.size() == 2);
            assertThat(events).noneMatch(e -> e.type() == MonitorEvent.Type.PEER_REJECTED);

            release.countDown();

            await().atMost(WAIT)
                    .until(
                            () ->
                                    events.stream()
                                            .anyMatch(
                                                    e ->
                                                            e.type()
                                                                    == MonitorEvent.Type
                                                                            .PEER_REJECTED));
            assertThat(pull.stats().listeners().get(0).peersRejected()).isPositive();
            assertThat(events).noneMatch(e -> e.type() == MonitorEvent.Type.ACCEPTED);
        }
    }

    @Test
    void shouldGiveUpALookupThatOutlastsTheHandshakeTimeoutAndServeTheNextAttempt() {
        List<MonitorEvent> pullEvents = new CopyOnWriteArrayList<>();
        List<MonitorEvent> pushEvents = new CopyOnWriteArrayList<>();
        SocketOptions quick =
                SocketOptions.builder().handshakeTimeout(Duration.ofMillis(300)).build();
        try (Context ctx = slowContext()) {
            PullSocket pull = new PullSocket(ctx, quick);
            pull.addMonitor(pullEvents::add);
            String ep = pull.bind("ipc://" + dir.resolve("hanging.sock"));
            PushSocket push = new PushSocket(ctx, quick);
            push.addMonitor(pushEvents::add);
            push.connect(ep);
            push.send("after the directory answers");

            await().atMost(WAIT)
                    .until(() -> detailOf(pullEvents, MonitorEvent.Type.HANDSHAKE_FAILED) != null);
            assertThat(detailOf(pullEvents, MonitorEvent.Type.HANDSHAKE_FAILED))
                    .contains("not admitted within the handshake timeout of 300 ms");
            assertThat(pull.stats().handshakeFailures()).isPositive();
            await().atMost(WAIT)
                    .until(
                            () ->
                                    pushEvents.stream()
                                            .anyMatch(
                                                    e ->
                                                            e.type()
                                                                            == MonitorEvent.Type
                                                                                    .CONNECT_RETRIED
                                                                    && e.detail()
                                                                            .contains(
                                                                                    "not examined"
                                                                                            + " within")));
            // Each retry waits again and is given up again: the waiting peers do not pile up.
            await().atMost(WAIT).until(() -> pull.stats().handshakeFailures() >= 3);
            assertThat(pull.stats().listeners().get(0).liveConnections())
                    .as("peers given up hold no place under maxConnections")
                    .isLessThanOrEqualTo(2);

            release.countDown();
            try (Message m = pull.receive(WAIT)) {
                assertThat(m).as("the next attempt, once the directory answers").isNotNull();
                assertThat(m.frame(0).toString(StandardCharsets.UTF_8))
                        .isEqualTo("after the directory answers");
            }
        }
    }

    private static String detailOf(List<MonitorEvent> events, MonitorEvent.Type type) {
        return events.stream()
                .filter(e -> e.type() == type)
                .map(MonitorEvent::detail)
                .findFirst()
                .orElse(null);
    }

    @Test
    void shouldCloseWhileALookupBlocks() {
        Context ctx = slowContext();
        PullSocket pull = new PullSocket(ctx);
        String ep = pull.bind("ipc://" + dir.resolve("closing.sock"));
        PushSocket push = new PushSocket(ctx);
        push.connect(ep);
        await().atMost(WAIT).until(() -> lookupThreads.size() == 2);

        ctx.close();

        assertThat(release.getCount()).as("closed without the lookups ending").isOne();
    }

    private Context slowContext() {
        return Context.builder().ioThreads(1).peerCredentials(this::blockingRead).build();
    }
}
