package dev.weft.core.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.ReconnectStop;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.TransportException;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.RoleContext;
import dev.weft.core.socket.SocketCore;
import dev.weft.core.test.QuietRole;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binding and connecting {@code ipc://} endpoints between two socket cores: the socket file's life
 * (stale, live, not a socket, removed on unbind), the endpoint forms, the peers' credentials as
 * metadata, the ipc filter and a refused connect.
 */
@Timeout(60)
class IpcEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path dir;
    private Context ctx;
    private final List<SocketCore> sockets = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        sockets.forEach(SocketCore::close);
        ctx.close();
    }

    @Test
    void shouldBindAPathReportItAndRemoveItsFileOnUnbind() {
        Path file = dir.resolve("weft.sock");
        SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, new Recorder());

        String bound = router.bind("ipc://" + file);

        assertThat(bound).isEqualTo("ipc://" + file);
        assertThat(router.lastEndpoint()).isEqualTo(bound);
        assertThat(isSocket(file)).isTrue();
        router.unbind("ipc://" + file);
        Awaitility.await().atMost(WAIT).until(() -> Files.notExists(file));
    }

    @Test
    void shouldRemoveTheSocketFileWhenTheSocketCloses() {
        Path file = dir.resolve("closing.sock");
        SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, new Recorder());
        router.bind("ipc://" + file);

        router.close();

        Awaitility.await().atMost(WAIT).until(() -> Files.notExists(file));
    }

    @Test
    void shouldReplaceAStaleSocketFile() throws IOException {
        Path file = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(file));
        }
        assertThat(isSocket(file)).as("closing a listener leaves its file").isTrue();
        Recorder seen = new Recorder();
        SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, seen);
        SocketCore dealer = socket(SocketType.DEALER, SocketOptions.DEFAULTS, new Recorder());

        router.bind("ipc://" + file);
        dealer.connect("ipc://" + file);

        Awaitility.await().atMost(WAIT).until(() -> seen.metadata.size() == 1);
    }

    @Test
    void shouldRefuseAPathAnotherProcessListensOnAndLeaveItAlone() throws IOException {
        Path file = dir.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(file));
            SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, new Recorder());

            assertThatThrownBy(() -> router.bind("ipc://" + file))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("bind 'ipc://" + file + "' failed")
                    .hasMessageContaining("a process is listening on " + file);
            assertThat(isSocket(file)).isTrue();
            assertThat(live.accept())
                    .as("the probe connection reached the live listener")
                    .isNotNull();
        }
    }

    @Test
    void shouldRefuseAPathThatIsNotASocketAndNeverDeleteIt() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "keep me");
        SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, new Recorder());

        assertThatThrownBy(() -> router.bind("ipc://" + file))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("exists and is not a socket")
                .hasMessageContaining("never deletes it");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void shouldKeepAFileAnotherBindReplacedWhenUnbinding() throws IOException {
        Path file = dir.resolve("replaced.sock");
        SocketCore first = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, new Recorder());
        first.bind("ipc://" + file);
        Files.delete(file);
        try (ServerSocketChannel second = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            second.bind(UnixDomainSocketAddress.of(file));
            Object secondKey = SocketFile.keyOf(file);

            first.close();
            Awaitility.await().atMost(WAIT).until(() -> isClosed(first));

            assertThat(SocketFile.keyOf(file)).isEqualTo(secondKey);
        }
    }

    @Test
    void shouldBindAUniquePrivateTemporaryPathForTheWildcard() throws IOException {
        SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, new Recorder());
        SocketCore other = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, new Recorder());

        String bound = router.bind("ipc://*");
        String otherBound = other.bind("ipc://*");

        assertThat(bound).startsWith("ipc:///").endsWith("/socket").isNotEqualTo(otherBound);
        Path file = Path.of(bound.substring("ipc://".length()));
        assertThat(isSocket(file)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        router.unbind("ipc://*");
        Awaitility.await().atMost(WAIT).until(() -> Files.notExists(file.getParent()));
        assertThat(other.lastEndpoint()).isEqualTo(otherBound);
    }

    @Test
    void shouldBindAndConnectARelativePathAsGiven() {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.sock"));
        Recorder seen = new Recorder();
        SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, seen);
        SocketCore dealer = socket(SocketType.DEALER, SocketOptions.DEFAULTS, new Recorder());

        String bound = router.bind("ipc://" + relative);
        dealer.connect("ipc://" + relative);

        assertThat(bound).isEqualTo("ipc://" + relative);
        assertThat(isSocket(dir.resolve("rel.sock"))).isTrue();
        Awaitility.await().atMost(WAIT).until(() -> seen.metadata.size() == 1);
        router.unbind("ipc://" + dir.resolve("rel.sock"));
        Awaitility.await().atMost(WAIT).until(() -> Files.notExists(dir.resolve("rel.sock")));
    }

    @Test
    void shouldGiveBothEndsThePeersCredentialsAsMetadata() throws IOException {
        String ownUid = Files.getAttribute(dir, "unix:uid").toString();
        String ownGid = Files.getAttribute(dir, "unix:gid").toString();
        Path file = dir.resolve("creds.sock");
        Recorder routerSeen = new Recorder();
        Recorder dealerSeen = new Recorder();
        SocketCore router = socket(SocketType.ROUTER, SocketOptions.DEFAULTS, routerSeen);
        // immediate: the dealer's pipe is made, and attached, once the connection is complete.
        SocketCore dealer =
                socket(
                        SocketType.DEALER,
                        SocketOptions.builder().immediate(true).build(),
                        dealerSeen);

        router.bind("ipc://" + file);
        dealer.connect("ipc://" + file);

        Awaitility.await()
                .atMost(WAIT)
                .until(() -> routerSeen.metadata.size() == 1 && dealerSeen.metadata.size() == 1);
        for (Metadata md : List.of(routerSeen.metadata.get(0), dealerSeen.metadata.get(0))) {
            assertThat(md.getString(Metadata.PEER_UID)).isEqualTo(ownUid);
            assertThat(md.getString(Metadata.PEER_GID)).isEqualTo(ownGid);
            assertThat(md.getString(Metadata.PEER_USER)).isNotEmpty();
            assertThat(md.getString(Metadata.PEER_GROUP)).isNotEmpty();
        }
        assertThat(routerSeen.metadata.get(0).socketType()).isEqualTo("DEALER");
    }

    @Test
    void shouldCloseAPeerOutsideTheFilterAtOnceAndKeepServing() throws IOException {
        int ownUid = (Integer) Files.getAttribute(dir, "unix:uid");
        int ownGid = (Integer) Files.getAttribute(dir, "unix:gid");
        int otherUid = ownUid == 0 ? 65534 : 0;
        Path file = dir.resolve("filtered.sock");
        Recorder seen = new Recorder();
        SocketCore router =
                socket(
                        SocketType.ROUTER,
                        SocketOptions.builder().ipcFilterUid(otherUid).build(),
                        seen);
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        router.addMonitor(events::add);
        router.bind("ipc://" + file);
        SocketCore dealer = socket(SocketType.DEALER, SocketOptions.DEFAULTS, new Recorder());

        dealer.connect("ipc://" + file);

        Awaitility.await()
                .atMost(WAIT)
                .until(() -> router.stats().listeners().get(0).peersRejected() >= 2);
        MonitorEvent rejected =
                events.stream()
                        .filter(e -> e.type() == MonitorEvent.Type.PEER_REJECTED)
                        .findFirst()
                        .orElseThrow();
        assertThat(rejected.endpoint()).isEqualTo("ipc://" + file);
        assertThat(rejected.detail())
                .contains("uid " + ownUid + " (")
                .contains("gid " + ownGid + " (")
                .contains("ipcFilterUids [" + otherUid + "]");
        assertThat(events).noneMatch(e -> e.type() == MonitorEvent.Type.ACCEPTED);
        assertThat(seen.metadata).isEmpty();

        SocketCore allowed =
                socket(
                        SocketType.ROUTER,
                        SocketOptions.builder().ipcFilterUid(otherUid).ipcFilterGid(ownGid).build(),
                        seen);
        allowed.bind("ipc://" + dir.resolve("allowed.sock"));
        dealer.connect("ipc://" + dir.resolve("allowed.sock"));
        Awaitility.await().atMost(WAIT).until(() -> seen.metadata.size() == 1);
    }

    @Test
    void shouldStopReconnectingWhenNoSocketFileIsThere() {
        SocketCore dealer =
                socket(
                        SocketType.DEALER,
                        SocketOptions.builder()
                                .reconnectStop(EnumSet.of(ReconnectStop.CONNECTION_REFUSED))
                                .build(),
                        new Recorder());
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        dealer.addMonitor(events::add);

        dealer.connect("ipc://" + dir.resolve("nobody-here.sock"));

        Awaitility.await()
                .atMost(WAIT)
                .until(
                        () ->
                                events.stream()
                                        .anyMatch(
                                                e ->
                                                        e.type()
                                                                == MonitorEvent.Type
                                                                        .RECONNECT_STOPPED));
        assertThat(events).noneMatch(e -> e.type() == MonitorEvent.Type.CONNECT_RETRIED);
    }

    @Test
    void shouldStopReconnectingWhenNobodyListensOnTheSocketFile() throws IOException {
        Path file = dir.resolve("stale-target.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(file));
        }
        SocketCore dealer =
                socket(
                        SocketType.DEALER,
                        SocketOptions.builder()
                                .reconnectStop(EnumSet.of(ReconnectStop.CONNECTION_REFUSED))
                                .build(),
                        new Recorder());
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        dealer.addMonitor(events::add);

        dealer.connect("ipc://" + file);

        Awaitility.await()
                .atMost(WAIT)
                .until(
                        () ->
                                events.stream()
                                        .anyMatch(
                                                e ->
                                                        e.type()
                                                                        == MonitorEvent.Type
                                                                                .RECONNECT_STOPPED
                                                                && e.detail().contains("refused")));
    }

    @Test
    void shouldRetryAMissingSocketFileUntilItIsBound() {
        Path file = dir.resolve("later.sock");
        Recorder seen = new Recorder();
        SocketCore dealer = socket(SocketType.DEALER, SocketOptions.DEFAULTS, new Recorder());
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        dealer.addMonitor(events::add);
        dealer.connect("ipc://" + file);
        Awaitility.await()
                .atMost(WAIT)
                .until(
                        () ->
                                events.stream()
                                        .anyMatch(
                                                e ->
                                                        e.type()
                                                                == MonitorEvent.Type
                                                                        .CONNECT_RETRIED));

        socket(SocketType.ROUTER, SocketOptions.DEFAULTS, seen).bind("ipc://" + file);

        Awaitility.await().atMost(WAIT).until(() -> seen.metadata.size() == 1);
    }

    private SocketCore socket(SocketType type, SocketOptions options, Recorder role) {
        SocketCore s = new SocketCore(ctx, new RoleContext(type, options), role);
        sockets.add(s);
        return s;
    }

    private static boolean isClosed(SocketCore socket) {
        return socket.isClosed();
    }

    private static boolean isSocket(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0140000;
        } catch (IOException e) {
            return false;
        }
    }

    /** A role that records each connected peer's metadata and moves no messages. */
    private static final class Recorder extends QuietRole {
        final List<Metadata> metadata = new CopyOnWriteArrayList<>();

        @Override
        public void pipeAttached(Pipe pipe) {
            // A connected endpoint's queue is attached before its connection exists.
            if (pipe.peerMetadata() != null) {
                metadata.add(pipe.peerMetadata());
            }
        }
    }
}
