package dev.weft.core.transport;

import dev.weft.core.InvalidEndpointException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

/**
 * The listening socket a service manager hands this process as its standard input (socket
 * activation: systemd {@code StandardInput=socket} with {@code Accept=no}, inetd {@code wait}),
 * obtained through {@link System#inheritedChannel()}.
 *
 * <p>The inherited socket, a TCP one ({@code tcp://inherited}) or a Unix-domain one ({@code
 * ipc://inherited}), can be taken once per process: after a socket bound it, a second take fails,
 * even after that socket unbound it.
 *
 * <p>The process keeps the inherited socket open until it exits, also after unbind and close (which
 * stop accepting on it and close the connections accepted there): closing the JDK's inherited
 * channel also points the process's standard output and error at {@code /dev/null}, the JDK's
 * convention for inetd, where all three are the socket, and a service's log lines would silently
 * vanish. Under systemd with {@code Accept=no} the manager holds its own copy of the listening
 * socket anyway, so closing ours would not stop the port listening; peers that connect after unbind
 * wait in the backlog until their handshake timeout.
 *
 * <p>Thread-safe.
 */
public final class InheritedChannels {
    private static final InheritedChannels PROCESS = new InheritedChannels(InheritedChannels::ask);

    private final Supplier<Channel> source;
    private ServerSocketChannel taken;

    /**
     * Creates a source of the inherited channel; tests pass their own.
     *
     * @param source returns the inherited channel, or null when there is none
     */
    InheritedChannels(Supplier<Channel> source) {
        this.source = source;
    }

    /**
     * Returns this process's inherited channels.
     *
     * @return the one instance backed by {@link System#inheritedChannel()}
     */
    public static InheritedChannels process() {
        return PROCESS;
    }

    /**
     * Takes the inherited listening TCP socket, once.
     *
     * @return the channel, still in blocking mode; this class keeps a reference so that it stays
     *     open for the life of the process
     * @throws InvalidEndpointException when there is no inherited channel, when it is not a
     *     listening TCP socket (a connected socket, a datagram socket, a Unix-domain socket), or
     *     when it was already taken
     */
    public ServerSocketChannel takeListeningTcp() {
        return take(Family.TCP);
    }

    /**
     * Takes the inherited listening Unix-domain socket, once.
     *
     * @return the channel, still in blocking mode; this class keeps a reference so that it stays
     *     open for the life of the process
     * @throws InvalidEndpointException when there is no inherited channel, when it is not a
     *     listening Unix-domain socket (a connected socket, a datagram socket, a TCP socket), or
     *     when it was already taken
     */
    public ServerSocketChannel takeListeningIpc() {
        return take(Family.IPC);
    }

    /** The kinds of listening socket a bind can take, with the words its errors use. */
    private enum Family {
        TCP("tcp://inherited", "a listening TCP socket", "ipc://inherited", "Unix-domain socket"),
        IPC("ipc://inherited", "a listening Unix-domain socket", "tcp://inherited", "TCP socket");

        final String endpoint;
        final String expected;
        final String otherEndpoint;
        final String otherKind;

        Family(String endpoint, String expected, String otherEndpoint, String otherKind) {
            this.endpoint = endpoint;
            this.expected = expected;
            this.otherEndpoint = otherEndpoint;
            this.otherKind = otherKind;
        }

        boolean matches(SocketAddress local) {
            return this == TCP
                    ? local instanceof InetSocketAddress
                    : local instanceof UnixDomainSocketAddress;
        }

        boolean isOther(SocketAddress local) {
            return this == TCP
                    ? local instanceof UnixDomainSocketAddress
                    : local instanceof InetSocketAddress;
        }
    }

    private synchronized ServerSocketChannel take(Family family) {
        if (taken != null) {
            throw new InvalidEndpointException(
                    "bind '"
                            + family.endpoint
                            + "': the inherited listening socket was already bound"
                            + " (expected: one bind of tcp://inherited or ipc://inherited per"
                            + " process)");
        }
        Channel channel = source.get();
        if (!(channel instanceof ServerSocketChannel server)) {
            throw new InvalidEndpointException(
                    "bind '"
                            + family.endpoint
                            + "': standard input is "
                            + describe(channel)
                            + " (expected: "
                            + family.expected
                            + ", e.g. systemd StandardInput=socket with Accept=no)");
        }
        SocketAddress local = localAddress(family, server);
        if (!family.matches(local)) {
            throw new InvalidEndpointException(
                    "bind '"
                            + family.endpoint
                            + "': standard input is a listening "
                            + (family.isOther(local)
                                    ? family.otherKind + " " + local
                                    : "socket of an unknown family (" + local + ")")
                            + " (expected: "
                            + family.expected
                            + (family.isOther(local)
                                    ? "; bind " + family.otherEndpoint + " for it"
                                    : "")
                            + ")");
        }
        taken = server;
        return server;
    }

    private static String describe(Channel channel) {
        if (channel == null) {
            return "not a socket (no inherited channel)";
        }
        if (channel instanceof SocketChannel) {
            return "a connected socket (inetd/systemd Accept=yes style)";
        }
        if (channel instanceof DatagramChannel) {
            return "a datagram socket";
        }
        return "a " + channel.getClass().getSimpleName();
    }

    private static SocketAddress localAddress(Family family, ServerSocketChannel server) {
        try {
            return server.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "bind '" + family.endpoint + "': cannot read its address", e);
        }
    }

    private static Channel ask() {
        try {
            return System.inheritedChannel();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "bind of an inherited socket: cannot read standard input", e);
        }
    }
}
