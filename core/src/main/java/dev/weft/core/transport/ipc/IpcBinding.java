package dev.weft.core.transport.ipc;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.SocketOptions;
import dev.weft.core.transport.PeerAdmission;
import dev.weft.core.transport.StreamBinding;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;

/**
 * An ipc listener's binding: replaces a stale socket file, binds a Unix-domain listening socket on
 * the path (or on a new private directory's {@code socket} for {@code ipc://*}), reads each
 * accepted peer's credentials (off the I/O thread) against the ipc filter, and removes its socket
 * file (and private directory) when it closes, unless another bind has replaced the file meanwhile.
 */
final class IpcBinding implements StreamBinding {
    private static final int BACKLOG = 128;

    private final IpcAddress requested;
    private final PeerCredentialsLookup credentials;
    private Path file;
    private Path privateDirectory;
    private Object fileKey;

    /**
     * Creates the binding of one bind.
     *
     * @param requested a concrete path or the wildcard
     * @param credentials reads accepted peers' credentials off the I/O thread
     */
    IpcBinding(IpcAddress requested, PeerCredentialsLookup credentials) {
        this.requested = requested;
        this.credentials = credentials;
    }

    @Override
    public ServerSocketChannel open(SocketOptions options) throws IOException {
        if (requested.isWildcard()) {
            privateDirectory = createPrivateDirectory();
            file = privateDirectory.resolve("socket");
            checkLength(file);
        } else {
            file = Path.of(requested.path());
            SocketFile.clearStale(file);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(file), BACKLOG);
            fileKey = SocketFile.keyOf(file);
            return server;
        } catch (IOException e) {
            server.close();
            deletePrivateDirectory();
            throw e;
        }
    }

    private static Path createPrivateDirectory() throws IOException {
        String tmpdir = System.getenv("TMPDIR");
        Path base =
                tmpdir != null && Files.isDirectory(Path.of(tmpdir))
                        ? Path.of(tmpdir)
                        : Path.of(System.getProperty("java.io.tmpdir"));
        // Private, as libzmq's mkdtemp directory: only this user (and root) can connect.
        return Files.createTempDirectory(
                        base,
                        "weft-ipc-",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")))
                .toAbsolutePath();
    }

    private void checkLength(Path path) throws IOException {
        int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > IpcAddress.MAX_PATH_BYTES) {
            deletePrivateDirectory();
            throw new IOException(
                    "the temporary path "
                            + path
                            + " is "
                            + bytes
                            + " bytes long (expected: at most "
                            + IpcAddress.MAX_PATH_BYTES
                            + "; set TMPDIR to a shorter directory)");
        }
    }

    @Override
    public String endpoint(ServerSocketChannel bound) {
        return requested.isWildcard() ? IpcAddress.IPC + "://" + file : requested.toString();
    }

    @Override
    public boolean answersTo(String requestedText, String bound) {
        IpcAddress wanted;
        try {
            wanted = IpcAddress.parse(requestedText);
        } catch (InvalidEndpointException e) {
            return false;
        }
        if (wanted.isInherited()) {
            return false;
        }
        if (wanted.isWildcard()) {
            return requested.isWildcard();
        }
        return wanted.absolutePath().equals(file.toAbsolutePath().normalize());
    }

    @Override
    public CompletableFuture<PeerAdmission> accepted(SocketChannel channel, SocketOptions options) {
        return IpcFilter.of(options).admit(channel, credentials);
    }

    @Override
    public void close(ServerSocketChannel channel) throws IOException {
        try {
            channel.close();
        } finally {
            try {
                SocketFile.removeIfSame(file, fileKey);
            } finally {
                deletePrivateDirectory();
            }
        }
    }

    private void deletePrivateDirectory() throws IOException {
        if (privateDirectory != null) {
            Files.deleteIfExists(privateDirectory.resolve("socket"));
            Files.deleteIfExists(privateDirectory);
            privateDirectory = null;
        }
    }
}
