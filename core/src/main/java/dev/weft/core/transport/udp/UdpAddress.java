package dev.weft.core.transport.udp;

import dev.weft.core.InvalidEndpointException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@code udp://} endpoint as written, checked for syntax only (nothing is looked up here).
 *
 * <p>The forms are libzmq's ({@code zmq_udp(7)}, {@code udp_address.cpp}): {@code
 * udp://[source;]host:port}.
 *
 * <ul>
 *   <li>{@code host}: for a DISH's bind, {@code *} (every interface), an interface name ({@code
 *       lo}, {@code eth0}), a local address, a host name, or a multicast group to join; for a
 *       RADIO's connect, the peer's address or host name, or a multicast group to send to. IPv6
 *       addresses go in brackets: {@code udp://[::1]:5555}, {@code udp://[ff02::1]:5555}.
 *   <li>{@code source;} (optional, only before a multicast group): the interface to join the group
 *       on (DISH) or to send through (RADIO, {@code IP_MULTICAST_IF}): {@code *} for the one the
 *       routing table picks, an interface name, or an address of the interface, e.g. {@code
 *       udp://eth0;239.0.0.1:5555} or {@code udp://192.168.1.1;239.0.0.1:5555}. It may not itself
 *       be a multicast address, and for an IPv6 group it must be an interface name or {@code *}
 *       (IPv6 joins by interface index, as libzmq requires).
 *   <li>{@code port}: 1..65535; for a bind also {@code *} or {@code 0}, an ephemeral port, which
 *       the bound endpoint then reports.
 * </ul>
 *
 * @param text the endpoint as given
 * @param source the interface part before {@code ;} (brackets removed), or null when there is none
 * @param host the host part (brackets removed); {@code *} means every interface
 * @param port the port; 0 means ephemeral (bind only)
 */
public record UdpAddress(String text, String source, String host, int port) {
    /** The scheme, {@value}. */
    public static final String SCHEME = "udp";

    /** The host meaning every interface (bind only). */
    public static final String WILDCARD = "*";

    private static final Pattern IPV4_LITERAL =
            Pattern.compile(
                    "((25[0-5]|2[0-4]\\d|[01]?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)");

    private static final Pattern IPV6_LITERAL =
            Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");

    private static final String FORMS =
            "udp://host:port, udp://*:port (bind), udp://[::1]:port,"
                    + " udp://239.0.0.1:port or udp://interface;239.0.0.1:port (multicast)";

    /**
     * Parses an endpoint for a bind or a connect.
     *
     * @param text the endpoint, e.g. {@code udp://127.0.0.1;239.0.0.1:5555}
     * @param binding true for a DISH's bind, false for a RADIO's connect
     * @return the parsed endpoint
     * @throws InvalidEndpointException when the text is not a {@code udp://} endpoint of the
     *     operation, with a message saying what is allowed
     */
    public static UdpAddress parse(String text, boolean binding) {
        String op = binding ? "bind" : "connect";
        if (text == null) {
            throw new InvalidEndpointException(op + " endpoint: null (expected: " + FORMS + ")");
        }
        int sep = text.indexOf("://");
        if (sep <= 0 || !text.substring(0, sep).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw bad(op, text, "not a udp endpoint (expected: " + FORMS + ")");
        }
        String rest = text.substring(sep + 3);
        String source = null;
        int semi = rest.lastIndexOf(';');
        if (semi >= 0) {
            source = unbracket(op, text, rest.substring(0, semi));
            rest = rest.substring(semi + 1);
            if (source.isEmpty()) {
                throw bad(
                        op,
                        text,
                        "empty interface before ';' (expected: an interface name, one of its"
                                + " addresses or *, e.g. udp://eth0;239.0.0.1:5555)");
            }
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || (rest.startsWith("[") && colon < rest.indexOf(']'))) {
            throw bad(op, text, "missing port (expected: " + FORMS + ")");
        }
        String host = unbracket(op, text, rest.substring(0, colon));
        if (host.isEmpty()) {
            throw bad(op, text, "missing host (expected: " + FORMS + ")");
        }
        if (!binding && host.equals(WILDCARD)) {
            throw bad(
                    op,
                    text,
                    "a RADIO connects to a concrete host (expected: udp://host:port or a"
                            + " multicast group; * is for a DISH's bind)");
        }
        int port = port(op, text, rest.substring(colon + 1), binding);
        UdpAddress address = new UdpAddress(text, source, host, port);
        address.checkSource(op);
        return address;
    }

    private static String unbracket(String op, String text, String part) {
        if (!part.startsWith("[") && !part.endsWith("]")) {
            return part;
        }
        if (!part.startsWith("[") || !part.endsWith("]")) {
            throw bad(op, text, "unbalanced brackets (expected: an IPv6 address as [ff02::1])");
        }
        String inner = part.substring(1, part.length() - 1);
        if (!IPV6_LITERAL.matcher(inner).matches()) {
            throw bad(
                    op,
                    text,
                    "'" + inner + "' in brackets is not an IPv6 address (expected: e.g. [::1])");
        }
        return inner;
    }

    private static int port(String op, String text, String portText, boolean binding) {
        if (portText.equals("*")) {
            if (!binding) {
                throw bad(op, text, "a RADIO connects to a concrete port (expected: 1..65535)");
            }
            return 0;
        }
        String allowed = binding ? "0..65535 or *" : "1..65535";
        if (portText.isEmpty()
                || portText.length() > 5
                || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(
                    op,
                    text,
                    "port '" + portText + "' is not a number (expected: " + allowed + ")");
        }
        int port = Integer.parseInt(portText);
        if (port > 65535 || (!binding && port == 0)) {
            throw bad(op, text, "port " + port + " (expected: " + allowed + ")");
        }
        return port;
    }

    /** libzmq's rules for the part before ';'. */
    private void checkSource(String op) {
        if (source == null) {
            return;
        }
        InetAddress group = literal(host);
        if (group == null || !group.isMulticastAddress()) {
            throw bad(
                    op,
                    text,
                    "an interface before ';' needs a multicast group after it (expected: e.g."
                            + " udp://eth0;239.0.0.1:5555; for unicast, write udp://host:port)");
        }
        if (source.equals(WILDCARD)) {
            return;
        }
        InetAddress src = literal(source);
        if (src == null) {
            return;
        }
        if (src.isMulticastAddress()) {
            throw bad(
                    op,
                    text,
                    "the interface '"
                            + source
                            + "' is a multicast address (expected: an interface name, one of its"
                            + " addresses or *)");
        }
        if (group instanceof Inet6Address) {
            throw bad(
                    op,
                    text,
                    "an IPv6 group is joined by interface, not address (expected: an interface"
                            + " name or *, e.g. udp://eth0;[ff02::1]:5555)");
        }
        if (src instanceof Inet6Address) {
            throw bad(
                    op,
                    text,
                    "the interface address '"
                            + source
                            + "' and the group '"
                            + host
                            + "' are of different IP versions");
        }
    }

    /**
     * Tells whether the host is {@code *}.
     *
     * @return true for every interface
     */
    public boolean isWildcardHost() {
        return host.equals(WILDCARD);
    }

    /**
     * Returns the host as an address when it is an IPv4 or IPv6 literal, without any lookup.
     *
     * @return the address, or null for {@code *}, an interface or a host name
     */
    public InetAddress hostLiteral() {
        return literal(host);
    }

    /**
     * Returns the endpoint with a concrete port, as a bind reports it.
     *
     * @param boundPort the port bound
     * @return e.g. {@code udp://127.0.0.1:40111}, or {@code udp://lo;239.0.0.1:5555}
     */
    public String withPort(int boundPort) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String s =
                source == null
                        ? ""
                        : (source.indexOf(':') >= 0 ? "[" + source + "]" : source) + ";";
        return SCHEME + "://" + s + h + ":" + boundPort;
    }

    /**
     * Returns an IPv4 or IPv6 literal as an address, without a lookup.
     *
     * @param text the text
     * @return the address, or null when the text is not a literal
     */
    static InetAddress literal(String text) {
        if (!IPV4_LITERAL.matcher(text).matches() && !IPV6_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            // A literal: the JDK parses it without a lookup.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InvalidEndpointException bad(String op, String text, String why) {
        return new InvalidEndpointException(op + " '" + text + "': " + why);
    }
}
