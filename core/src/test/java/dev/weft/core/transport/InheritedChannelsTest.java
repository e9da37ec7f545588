package dev.weft.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.InvalidEndpointException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code tcp://inherited} accepts as standard input, and what it says about the rest. */
class InheritedChannelsTest {
    @Test
    void shouldHandOverAListeningTcpSocketOnce() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InheritedChannels inherited = new InheritedChannels(() -> server);

            assertThat(inherited.takeListeningTcp()).isSameAs(server);
            assertThatThrownBy(inherited::takeListeningTcp)
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessageContaining("already bound")
                    .hasMessageContaining("one bind of tcp://inherited or ipc://inherited");
        }
    }

    @Test
    void shouldSayWhenStandardInputIsNotASocket() {
        InheritedChannels inherited = new InheritedChannels(() -> null);

        assertThatThrownBy(inherited::takeListeningTcp)
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("not a socket")
                .hasMessageContaining("StandardInput=socket");
    }

    @Test
    void shouldSayWhenStandardInputIsAConnectedSocket() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                    SocketChannel accepted = server.accept()) {
                InheritedChannels inherited = new InheritedChannels(() -> accepted);

                assertThatThrownBy(inherited::takeListeningTcp)
                        .isInstanceOf(InvalidEndpointException.class)
                        .hasMessageContaining("a connected socket")
                        .hasMessageContaining("Accept=no");
            }
        }
    }

    @Test
    void shouldSayWhenStandardInputIsADatagramSocket() throws IOException {
        try (DatagramChannel datagram = DatagramChannel.open()) {
            InheritedChannels inherited = new InheritedChannels(() -> datagram);

            assertThatThrownBy(inherited::takeListeningTcp)
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessageContaining("a datagram socket");
        }
    }

    @Test
    void shouldPointAUnixDomainSocketToIpcInherited(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("weft.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            InheritedChannels inherited = new InheritedChannels(() -> server);

            assertThatThrownBy(inherited::takeListeningTcp)
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessageContaining("Unix-domain socket " + file)
                    .hasMessageContaining("bind ipc://inherited for it");
            // Refused, not taken: a later bind may still try (and fail the same way).
            assertThatThrownBy(inherited::takeListeningTcp)
                    .hasMessageContaining("Unix-domain socket");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldHandOverAListeningUnixDomainSocketOnceForIpc(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("weft.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(file));
            InheritedChannels inherited = new InheritedChannels(() -> server);

            assertThat(inherited.takeListeningIpc()).isSameAs(server);
            assertThatThrownBy(inherited::takeListeningTcp)
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessageContaining("'tcp://inherited'")
                    .hasMessageContaining("already bound");
        }
    }

    @Test
    void shouldPointATcpSocketToTcpInherited() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InheritedChannels inherited = new InheritedChannels(() -> server);

            assertThatThrownBy(inherited::takeListeningIpc)
                    .isInstanceOf(InvalidEndpointException.class)
                    .hasMessageContaining("bind 'ipc://inherited'")
                    .hasMessageContaining("listening TCP socket")
                    .hasMessageContaining("expected: a listening Unix-domain socket")
                    .hasMessageContaining("bind tcp://inherited for it");
        }
    }
}
