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
 * <p>The inherited socket can be taken once per process: after a socket bound it, a second take
 * fails, even after that socket unbound it.
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
    public synchronized ServerSocketChannel takeListeningTcp() {
        if (taken != null) {
            throw new InvalidEndpointException(
                    "bind 'tcp://inherited': the inherited listening socket was already bound"
                            + " (expected: one bind of tcp://inherited per process)");
        }
        Channel channel = source.get();
        if (!(channel instanceof ServerSocketChannel server)) {
            throw new InvalidEndpointException(
                    "bind 'tcp://inherited': standard input is "
                            + describe(channel)
                            + " (expected: a listening TCP socket, e.g. systemd StandardInput=socket"
                            + " with Accept=no)");
        }
        SocketAddress local = localAddress(server);
        if (!(local instanceof InetSocketAddress)) {
            throw new InvalidEndpointException(
                    "bind 'tcp://inherited': standard input is a listening "
                            + (local instanceof UnixDomainSocketAddress
                                    ? "Unix-domain socket " + local
                                    : "socket of an unknown family (" + local + ")")
                            + " (expected: a listening TCP socket; inherited Unix-domain sockets"
                            + " will be supported with the ipc transport)");
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

    private static SocketAddress localAddress(ServerSocketChannel server) {
        try {
            return server.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("bind 'tcp://inherited': cannot read its address", e);
        }
    }

    private static Channel ask() {
        try {
            return System.inheritedChannel();
        } catch (IOException e) {
            throw new UncheckedIOException("bind 'tcp://inherited': cannot read standard input", e);
        }
    }
}
