package dev.weft.patterns.interop;

import static dev.weft.patterns.interop.Interop.bytes;
import static dev.weft.patterns.interop.Interop.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.PullSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ipc filter and the peer-credential metadata against a libzmq peer of another user: the peer
 * runs as uid/gid {@value #NOBODY} through {@code setpriv}, which needs root. These tests run as
 * root (as the build does here and in CI); run as another user they fail with a message saying so,
 * never pass silently.
 */
@Timeout(120)
class IpcPeerCredentialsTest {
    private static final int NOBODY = 65534;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path tempDir;
    private Path dir;
    private Context ctx;
    private final List<LibzmqPeer> peers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        int ownUid = (Integer) Files.getAttribute(tempDir, "unix:uid");
        assertThat(ownUid)
                .as(
                        "IpcPeerCredentialsTest starts a peer as uid %d with %s, which needs root;"
                                + " this run is uid %d. Run the build as root (CI does) to test"
                                + " the ipc filter against another user",
                        NOBODY, LibzmqPeer.SETPRIV, ownUid)
                .isZero();
        // Reachable by the other user: JUnit's temporary directory is private to its owner.
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = Files.createDirectory(tempDir.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        peers.forEach(LibzmqPeer::close);
        if (ctx != null) {
            ctx.close();
        }
    }

    @Test
    void shouldRefuseAnotherUsersPeerWithAnEventAndStillServeRoot() throws IOException {
        PullSocket pull = new PullSocket(ctx, SocketOptions.builder().ipcFilterUid(0).build());
        List<MonitorEvent> events = new CopyOnWriteArrayList<>();
        pull.addMonitor(events::add);
        String endpoint = bindForEveryone(pull);

        LibzmqPeer nobody = peer(LibzmqPeer.startAs("PUSH", NOBODY, NOBODY));
        nobody.connect(endpoint);
        nobody.send(List.of(bytes("from-nobody")));
        Awaitility.await()
                .atMost(WAIT)
                .until(
                        () ->
                                events.stream()
                                        .anyMatch(
                                                e -> e.type() == MonitorEvent.Type.PEER_REJECTED));

        LibzmqPeer root = peer(LibzmqPeer.start("PUSH"));
        root.connect(endpoint);
        root.send(List.of(bytes("from-root")));

        try (Message m = pull.receive(WAIT)) {
            assertThat(m).as("the uid-0 peer's message").isNotNull();
            assertThat(text(m.frame(0).toByteArray())).isEqualTo("from-root");
            assertThat(m.metadata().getString(Metadata.PEER_UID)).isEqualTo("0");
        }
        MonitorEvent rejected =
                events.stream()
                        .filter(e -> e.type() == MonitorEvent.Type.PEER_REJECTED)
                        .findFirst()
                        .orElseThrow();
        assertThat(rejected.endpoint()).isEqualTo(endpoint);
        assertThat(rejected.detail())
                .contains("uid " + NOBODY + " (")
                .contains("gid " + NOBODY + " (")
                .contains("ipcFilterUids [0]");
        assertThat(pull.stats().listeners().get(0).peersRejected()).isPositive();
        assertThat(pull.tryReceive()).as("nothing from the refused peer").isNull();
    }

    @Test
    void shouldServeAnotherUserTheFilterAllowsAndTellItsIdsInMetadata() throws IOException {
        PullSocket pull = new PullSocket(ctx, SocketOptions.builder().ipcFilterUid(NOBODY).build());
        String endpoint = bindForEveryone(pull);

        LibzmqPeer nobody = peer(LibzmqPeer.startAs("PUSH", NOBODY, NOBODY));
        nobody.connect(endpoint);
        nobody.send(List.of(bytes("from-nobody")));

        try (Message m = pull.receive(WAIT)) {
            assertThat(m).as("the uid-%d peer's message", NOBODY).isNotNull();
            assertThat(text(m.frame(0).toByteArray())).isEqualTo("from-nobody");
            Metadata md = m.metadata();
            assertThat(md.getString(Metadata.PEER_UID)).isEqualTo(Integer.toString(NOBODY));
            assertThat(md.getString(Metadata.PEER_GID)).isEqualTo(Integer.toString(NOBODY));
            assertThat(md.getString(Metadata.PEER_USER)).isNotEmpty();
            assertThat(md.getString(Metadata.PEER_GROUP)).isNotEmpty();
            assertThat(md.socketType()).isEqualTo("PUSH");
        }
    }

    /** Binds in the shared directory and lets every user connect (a connect needs write access). */
    private String bindForEveryone(PullSocket socket) throws IOException {
        Path file = dir.resolve("weft.sock");
        String endpoint = socket.bind("ipc://" + file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return endpoint;
    }

    private LibzmqPeer peer(LibzmqPeer peer) {
        peers.add(peer);
        return peer;
    }
}
