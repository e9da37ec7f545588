package dev.weft.patterns.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command that starts a JVM the way a service manager does socket activation (systemd's
 * {@code StandardInput=socket}): a small {@code python3} launcher creates a listening socket (TCP
 * on an ephemeral loopback port, printing {@code PORT <port>}; or Unix-domain on a given path,
 * printing {@code PATH <path>}) on its standard output, moves the socket to file descriptor 0 and
 * becomes the JVM.
 */
public final class InheritedSocketLauncher {
    private static final String LAUNCHER =
            String.join(
                    "\n",
                    "import os, socket, sys",
                    "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
                    "s.bind(('127.0.0.1', 0))",
                    "s.listen(16)",
                    "sys.stdout.write('PORT %d\\n' % s.getsockname()[1])",
                    "sys.stdout.flush()",
                    "os.dup2(s.fileno(), 0)",
                    "s.close()",
                    "os.execv(sys.argv[1], sys.argv[1:])");

    private static final String UNIX_LAUNCHER =
            String.join(
                    "\n",
                    "import os, socket, sys",
                    "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                    "s.bind(sys.argv[1])",
                    "s.listen(16)",
                    "sys.stdout.write('PATH %s\\n' % sys.argv[1])",
                    "sys.stdout.flush()",
                    "os.dup2(s.fileno(), 0)",
                    "s.close()",
                    "os.execv(sys.argv[2], sys.argv[2:])");

    private InheritedSocketLauncher() {}

    /**
     * Returns the command line for a JVM whose standard input is a listening Unix-domain socket
     * bound on a path.
     *
     * @param socketFile where the launcher binds the socket; must not exist
     * @param javaArgs the JVM's arguments
     * @return the command, to pass to a {@link ProcessBuilder}
     */
    public static List<String> commandWithUnixSocket(Path socketFile, List<String> javaArgs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                LibzmqPeer.PYTHON,
                                "-c",
                                UNIX_LAUNCHER,
                                socketFile.toString(),
                                java));
        command.addAll(javaArgs);
        return command;
    }

    /**
     * Returns the command line for a JVM (this test's {@code java}) with the given arguments.
     *
     * @param javaArgs the JVM's arguments, e.g. {@code -jar app.jar ...}
     * @return the command, to pass to a {@link ProcessBuilder}
     */
    public static List<String> command(List<String> javaArgs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(LibzmqPeer.PYTHON, "-c", LAUNCHER, java));
        command.addAll(javaArgs);
        return command;
    }
}
