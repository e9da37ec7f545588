package dev.weft.core.transport.ipc;

import dev.weft.core.InvalidEndpointException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed ipc endpoint: a Unix-domain socket named by a file-system path.
 *
 * <p>Forms, as libzmq accepts them: {@code ipc:///abs/path}, {@code ipc://relative/path} (relative
 * to the process's working directory, reported as given), {@code ipc://*} (bind only: a socket file
 * in a new private directory under the temporary directory, reported as its absolute path). {@code
 * ipc://inherited} (bind only) is the listening Unix-domain socket the service manager handed this
 * process as its standard input; a socket file named {@code inherited} in the working directory is
 * {@code ipc://./inherited}.
 *
 * <p>A path is at most {@value #MAX_PATH_BYTES} bytes in UTF-8, the size of {@code
 * sockaddr_un.sun_path} less its terminating NUL. {@code ipc://@name}, Linux's abstract namespace,
 * is refused: the JDK's Unix-domain sockets take only file-system paths (a name starting with a NUL
 * byte is rejected) and Weft uses no native code of its own.
 *
 * @param path the path as given; {@code *} for the wildcard, {@code inherited} for the inherited
 *     socket
 */
public record IpcAddress(String path) {
    /** The ipc transport's scheme. */
    public static final String IPC = "ipc";

    /** The longest path, in bytes: Linux's {@code sun_path} holds 108 bytes with a NUL. */
    public static final int MAX_PATH_BYTES = 107;

    /** The path of {@code ipc://*}: a unique socket file made at bind. */
    public static final String WILDCARD = "*";

    /** The path of {@code ipc://inherited}: the listening socket inherited as standard input. */
    public static final String INHERITED = "inherited";

    /**
     * Parses an ipc endpoint.
     *
     * @param text e.g. {@code ipc:///run/app/socket}
     * @return the parsed endpoint
     * @throws InvalidEndpointException when the text is not an ipc endpoint Weft can use, saying
     *     what is expected
     */
    public static IpcAddress parse(String text) {
        if (text == null) {
            throw new InvalidEndpointException(
                    "endpoint: null (expected: e.g. ipc:///tmp/weft.sock)");
        }
        int sep = text.indexOf("://");
        if (sep <= 0 || !IPC.equals(text.substring(0, sep).toLowerCase(Locale.ROOT))) {
            throw new InvalidEndpointException(
                    "endpoint '" + text + "': not an ipc endpoint (expected: ipc://path)");
        }
        String path = text.substring(sep + 3);
        if (path.isEmpty()) {
            throw new InvalidEndpointException(
                    "endpoint '"
                            + text
                            + "': missing path (expected: ipc:///absolute/path, ipc://relative/path"
                            + " or ipc://* to bind a unique temporary path)");
        }
        if (path.startsWith("@")) {
            throw new InvalidEndpointException(
                    "endpoint '"
                            + text
                            + "': the Linux abstract socket namespace is not available in Weft: the"
                            + " JDK's Unix-domain sockets take only file-system paths, and Weft"
                            + " has no native code (expected: a path such as ipc:///run/app/"
                            + path.substring(1)
                            + ".sock, in a directory only the intended users can reach)");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidEndpointException(
                    "endpoint '" + text + "': the path holds a NUL character (expected: a path)");
        }
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new InvalidEndpointException(
                    "endpoint '"
                            + text
                            + "': the path is "
                            + bytes
                            + " bytes long (expected: at most "
                            + MAX_PATH_BYTES
                            + " bytes, the size of sockaddr_un.sun_path less its NUL)");
        }
        return new IpcAddress(path);
    }

    /**
     * Tells whether this is {@code ipc://*}.
     *
     * @return true for the wildcard
     */
    public boolean isWildcard() {
        return path.equals(WILDCARD);
    }

    /**
     * Tells whether this is {@code ipc://inherited}.
     *
     * @return true for the inherited socket
     */
    public boolean isInherited() {
        return path.equals(INHERITED);
    }

    /**
     * Returns the socket address of a concrete path.
     *
     * @return the address, relative paths left relative (the kernel resolves them against the
     *     working directory, as libzmq's do)
     */
    public UnixDomainSocketAddress socketAddress() {
        return UnixDomainSocketAddress.of(path);
    }

    /**
     * Returns the path, made absolute and normalised, to compare endpoints that name one file.
     *
     * @return the absolute path
     */
    Path absolutePath() {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** Returns the endpoint, {@code ipc://} and the path as given. */
    @Override
    public String toString() {
        return IPC + "://" + path;
    }
}
