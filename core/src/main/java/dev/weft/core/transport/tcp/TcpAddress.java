package dev.weft.core.transport.tcp;

import dev.weft.core.HostResolver;
import dev.weft.core.InvalidEndpointException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed tcp endpoint such as {@code tcp://127.0.0.1:5555}.
 *
 * <p>Accepted TCP forms: {@code tcp://host:port}, {@code tcp://*:port} (all interfaces, bind only),
 * {@code tcp://127.0.0.1:*} or {@code :0} (an ephemeral port chosen at bind; the socket reports the
 * bound endpoint), {@code tcp://[::1]:port} (IPv6 literals in brackets) and host names.
 *
 * <p>{@code tcp://inherited} (bind only) binds the listening TCP socket the service manager handed
 * this process as its standard input (socket activation: systemd {@code StandardInput=socket} with
 * {@code Accept=no}, or inetd {@code wait}); the socket then reports the inherited socket's
 * concrete address, such as {@code tcp://127.0.0.1:5555}. The inherited socket can be bound once
 * per process.
 *
 * @param scheme the transport scheme, lower case ({@code tcp})
 * @param host the host part without brackets; {@code *} means every interface
 * @param port the port; 0 means ephemeral
 */
public record TcpAddress(String scheme, String host, int port) {

    /** The TCP transport's scheme. */
    public static final String TCP = "tcp";

    /** The host of {@code tcp://inherited}: the listening socket inherited as standard input. */
    public static final String INHERITED = "inherited";

    /** Dotted-decimal IPv4: the JDK parses it without a lookup. */
    private static final Pattern IPV4_LITERAL =
            Pattern.compile(
                    "((25[0-5]|2[0-4]\\d|[01]?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)");

    /** IPv6 (brackets removed), optionally with a scope: the JDK parses it without a lookup. */
    private static final Pattern IPV6_LITERAL =
            Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");

    /**
     * Parses an endpoint string.
     *
     * @param text the endpoint, for example {@code tcp://127.0.0.1:*}
     * @return the parsed endpoint
     * @throws InvalidEndpointException when the text is not a supported endpoint
     */
    public static TcpAddress parse(String text) {
        if (text == null) {
            throw new InvalidEndpointException(
                    "endpoint: null (expected: e.g. tcp://127.0.0.1:5555)");
        }
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw new InvalidEndpointException(
                    "endpoint '" + text + "': missing scheme (expected: tcp://host:port)");
        }
        String scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = text.substring(sep + 3);
        if (!TCP.equals(scheme)) {
            throw new InvalidEndpointException(
                    "endpoint '" + text + "': not a tcp endpoint (expected: tcp://host:port)");
        }
        return parseTcp(text, rest);
    }

    private static TcpAddress parseTcp(String text, String rest) {
        if (rest.equals(INHERITED)) {
            return new TcpAddress(TCP, INHERITED, 0);
        }
        int colon;
        String host;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw new InvalidEndpointException(
                        "endpoint '" + text + "': bad IPv6 form (expected: tcp://[::1]:port)");
            }
            host = rest.substring(1, close);
            colon = close + 1;
        } else {
            colon = rest.lastIndexOf(':');
            if (colon < 0) {
                throw new InvalidEndpointException(
                        "endpoint '" + text + "': missing port (expected: tcp://host:port)");
            }
            host = rest.substring(0, colon);
        }
        if (host.isEmpty()) {
            throw new InvalidEndpointException(
                    "endpoint '"
                            + text
                            + "': missing host (expected: tcp://host:port or tcp://*:port)");
        }
        String portText = rest.substring(colon + 1);
        int port;
        if (portText.equals("*")) {
            port = 0;
        } else {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new InvalidEndpointException(
                        "endpoint '"
                                + text
                                + "': port '"
                                + portText
                                + "' is not a number (expected: 0..65535 or *)");
            }
            if (port < 0 || port > 65535) {
                throw new InvalidEndpointException(
                        "endpoint '" + text + "': port " + port + " (expected: 0..65535 or *)");
            }
        }
        return new TcpAddress(TCP, host, port);
    }

    /**
     * Tells whether the host is the wildcard {@code *}.
     *
     * @return true for {@code tcp://*:port}
     */
    public boolean isWildcardHost() {
        return host.equals("*");
    }

    /**
     * Tells whether this is {@code tcp://inherited}, the listening socket inherited as standard
     * input.
     *
     * @return true for the inherited form
     */
    public boolean isInherited() {
        return host.equals(INHERITED) && port == 0;
    }

    /**
     * Resolves the address to bind to: every interface for {@code *}.
     *
     * @return the local socket address
     * @throws InvalidEndpointException when the host cannot be resolved
     */
    public InetSocketAddress bindAddress() {
        if (isWildcardHost()) {
            return new InetSocketAddress(port);
        }
        return new InetSocketAddress(resolve(), port);
    }

    /**
     * Resolves the address to connect to, looking a host name up on the calling thread (sockets'
     * dialers look names up with their context's {@link HostResolver}, off the I/O threads).
     *
     * @return the remote socket address
     * @throws InvalidEndpointException when the host is {@code *}, the port is {@code *}, or the
     *     host cannot be resolved
     */
    public InetSocketAddress connectAddress() {
        if (isWildcardHost() || isInherited() || port == 0) {
            throw new InvalidEndpointException(
                    "endpoint '"
                            + this
                            + "': connect needs a concrete host and port"
                            + " (expected: tcp://host:port)");
        }
        return new InetSocketAddress(resolve(), port);
    }

    /**
     * Tells whether the host is an IP address literal ({@code 127.0.0.1}, {@code ::1}), which needs
     * no name lookup, as opposed to a host name.
     *
     * @return true for an IPv4 or IPv6 literal
     */
    public boolean hasLiteralHost() {
        return IPV4_LITERAL.matcher(host).matches() || IPV6_LITERAL.matcher(host).matches();
    }

    /**
     * Builds the address to connect to from the host's resolved address.
     *
     * @param resolved the address the host name resolved to
     * @return the remote socket address, with this endpoint's port
     */
    public InetSocketAddress connectAddress(InetAddress resolved) {
        return new InetSocketAddress(resolved, port);
    }

    private InetAddress resolve() {
        try {
            // In brackets the JDK only parses an IPv6 literal: an invalid one fails, unlooked-up.
            return InetAddress.getByName(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        } catch (UnknownHostException e) {
            throw new InvalidEndpointException(
                    "endpoint '" + this + "': unknown host '" + host + "'");
        }
    }

    /**
     * Builds the endpoint of an actual bound address, as reported after binding.
     *
     * @param address the bound address
     * @return an endpoint naming the concrete address and port
     */
    public static TcpAddress of(InetSocketAddress address) {
        return new TcpAddress(TCP, address.getAddress().getHostAddress(), address.getPort());
    }

    /** Returns the endpoint in {@code scheme://host:port} form (IPv6 hosts in brackets). */
    @Override
    public String toString() {
        if (isInherited()) {
            return scheme + "://" + INHERITED;
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + (port == 0 ? "*" : Integer.toString(port));
    }
}
