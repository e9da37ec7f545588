package dev.weft.testkit;

import java.net.InetSocketAddress;

/**
 * Endpoints for tests: always ephemeral, so that tests never collide on a port, with each other or
 * with anything else on the machine.
 *
 * <pre>{@code
 * String endpoint = router.bind(TestEndpoints.tcp());   // e.g. "tcp://127.0.0.1:40111"
 * int port = TestEndpoints.port(endpoint);              // 40111
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TestEndpoints {
    private static final String TCP_PREFIX = "tcp://";

    private TestEndpoints() {}

    /**
     * Returns the loopback endpoint with an ephemeral port, to pass to {@code bind}; {@code bind}
     * returns the concrete endpoint to connect to.
     *
     * @return {@code "tcp://127.0.0.1:*"}
     */
    public static String tcp() {
        return "tcp://127.0.0.1:*";
    }

    /**
     * Returns the port of a concrete TCP endpoint, as {@code bind} returns it.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:40111} or {@code tcp://[::1]:40111}
     * @return the port
     * @throws IllegalArgumentException when the endpoint is not {@code tcp://host:port} with a
     *     numeric port
     */
    public static int port(String endpoint) {
        return address(endpoint).getPort();
    }

    /**
     * Parses a concrete TCP endpoint into an unresolved socket address.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:40111}, {@code tcp://[::1]:40111} or {@code
     *     tcp://localhost:40111}
     * @return the host and port, not resolved
     * @throws IllegalArgumentException when the endpoint is not {@code tcp://host:port} with a port
     *     in 1..65535
     */
    public static InetSocketAddress address(String endpoint) {
        if (endpoint == null || !endpoint.startsWith(TCP_PREFIX)) {
            throw invalid(endpoint);
        }
        String rest = endpoint.substring(TCP_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw invalid(endpoint);
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(endpoint);
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw invalid(endpoint);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static IllegalArgumentException invalid(String endpoint) {
        return new IllegalArgumentException(
                "endpoint: "
                        + endpoint
                        + " (expected: tcp://host:port with a port in 1..65535, as bind returns"
                        + " it)");
    }
}
