package dev.weft.core.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.PeerCredentialsSource;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peer credentials read on the lookup threads, with the confirmed ids cached within a bound. */
class PeerCredentialsLookupTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path dir;
    private final ExecutorService lookupThread =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "lookup-under-test"));

    @AfterEach
    void stop() {
        lookupThread.shutdownNow();
    }

    @Test
    void shouldReadAndConfirmTheRealIdsOnTheLookupThread() throws IOException {
        int ownUid = (Integer) Files.getAttribute(dir, "unix:uid");
        int ownGid = (Integer) Files.getAttribute(dir, "unix:gid");
        List<String> readOn = new CopyOnWriteArrayList<>();
        PeerCredentialsLookup lookup =
                new PeerCredentialsLookup(
                        lookupThread,
                        channel -> {
                            readOn.add(Thread.currentThread().getName());
                            return PeerCredentialsSource.SYSTEM.read(channel);
                        });
        Path file = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(file));
                    SocketChannel accepted = server.accept()) {
                for (int i = 0; i < 2; i++) {
                    assertThat(lookup.lookUp(accepted))
                            .succeedsWithin(WAIT)
                            .satisfies(
                                    peer -> {
                                        assertThat(peer.uid()).hasValue(ownUid);
                                        assertThat(peer.gid()).hasValue(ownGid);
                                    });
                }
            }
        }
        assertThat(readOn).containsExactly("lookup-under-test", "lookup-under-test");
        assertThat(lookup.cachedIds()).as("one user and one group remembered").isEqualTo(2);
    }

    @Test
    void shouldRememberAtMostTheBoundOfUsersAndGroups() {
        int[] next = {0};
        PeerCredentialsLookup lookup =
                new PeerCredentialsLookup(
                        Runnable::run,
                        channel -> {
                            int n = next[0]++;
                            // Principals no database knows: each is looked up once, then cached.
                            return new UnixDomainPrincipal(new User("u" + n), new Group("g" + n));
                        });
        int peers = PeerCredentialsLookup.CACHED_IDS + 50;

        for (int i = 0; i < peers; i++) {
            assertThat(lookup.lookUp(null)).isCompleted();
        }

        assertThat(lookup.cachedIds()).isEqualTo(2 * PeerCredentialsLookup.CACHED_IDS);
    }

    @Test
    void shouldFailTheLookupWithTheSourcesError() {
        PeerCredentialsLookup lookup =
                new PeerCredentialsLookup(
                        Runnable::run,
                        channel -> {
                            throw new IOException("the directory does not answer");
                        });

        assertThat(lookup.lookUp(null))
                .failsWithin(WAIT)
                .withThrowableOfType(Exception.class)
                .withMessageContaining("the directory does not answer");
    }

    /** A user no database knows, equal only to itself. */
    private record User(String getName) implements UserPrincipal {}

    /** A group no database knows, equal only to itself. */
    private record Group(String getName) implements GroupPrincipal {}
}
