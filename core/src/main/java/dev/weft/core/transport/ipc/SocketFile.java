package dev.weft.core.transport.ipc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The file of a bound Unix-domain socket: what may be done with a path before binding it and after
 * unbinding it. Never deletes a file that is not a socket, nor a socket someone listens on.
 */
final class SocketFile {
    /** The file-type bits of a {@code unix:mode} attribute, and their value for a socket. */
    private static final int S_IFMT = 0170000;

    private static final int S_IFSOCK = 0140000;

    private SocketFile() {}

    /**
     * Makes a path free for a bind: nothing there is fine; a socket file nobody listens on (left by
     * a process that died without unbinding) is deleted; anything else is refused.
     *
     * @param file the path to bind
     * @throws IOException saying why the path cannot be bound: a process listens on it, it is not a
     *     socket, or whether anyone listens cannot be told
     */
    static void clearStale(Path file) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(
                    file
                            + " exists and is not a socket; Weft never deletes it (expected: a free"
                            + " path, or a socket file left by a process that ended)");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Non-blocking: a busy listener with a full backlog must not stall the I/O thread.
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(file));
        } catch (ConnectException refused) {
            // Nobody listens: the file is stale.
            Files.deleteIfExists(file);
            return;
        } catch (IOException e) {
            throw new IOException(
                    "cannot tell whether a process listens on "
                            + file
                            + " ("
                            + e.getMessage()
                            + "); Weft leaves it in place",
                    e);
        }
        throw new IOException(
                "a process is listening on "
                        + file
                        + " (a connect to it succeeded); unbind it there, or choose another path");
    }

    /**
     * Identifies the file a bind created, so that only that file is removed later.
     *
     * @param file the bound path
     * @return its file key (device and inode), or null when the file system has none
     * @throws IOException when the file cannot be read
     */
    static Object keyOf(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }

    /**
     * Removes a bound socket's file if it is still the one the bind created: a process that bound
     * the path again after a stale-file replacement keeps its file.
     *
     * @param file the bound path
     * @param key what {@link #keyOf} returned after the bind
     * @throws IOException when the file cannot be read or deleted
     */
    static void removeIfSame(Path file, Object key) throws IOException {
        Object now;
        try {
            now = keyOf(file);
        } catch (NoSuchFileException e) {
            return;
        }
        if (key != null && Objects.equals(now, key)) {
            Files.deleteIfExists(file);
        }
    }
}
