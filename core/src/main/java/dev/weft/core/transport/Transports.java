package dev.weft.core.transport;

import dev.weft.core.InvalidEndpointException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transports of one context, by scheme: picks the transport an endpoint names. Immutable and
 * safe from any thread.
 */
public final class Transports {
    private final Map<String, Transport> byScheme;

    /**
     * Creates a registry of the given transports.
     *
     * @param transports one per scheme
     * @throws IllegalArgumentException when two serve the same scheme
     */
    public Transports(Transport... transports) {
        Map<String, Transport> map = new TreeMap<>();
        for (Transport t : transports) {
            if (map.put(t.scheme(), t) != null) {
                throw new IllegalArgumentException(
                        "two transports for scheme '" + t.scheme() + "'");
            }
        }
        this.byScheme = Map.copyOf(map);
    }

    /**
     * Returns the transport an endpoint's scheme names.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:5555}
     * @return its transport
     * @throws InvalidEndpointException when the endpoint is null, has no scheme, or names a scheme
     *     no transport serves; the message lists the schemes there are
     */
    public Transport forEndpoint(String endpoint) {
        if (endpoint == null) {
            throw new InvalidEndpointException(
                    "endpoint: null (expected: e.g. tcp://127.0.0.1:5555)");
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0) {
            throw new InvalidEndpointException(
                    "endpoint '"
                            + endpoint
                            + "': missing scheme (expected: scheme://address with a scheme of "
                            + schemes()
                            + ")");
        }
        String scheme = endpoint.substring(0, sep).toLowerCase(Locale.ROOT);
        Transport transport = byScheme.get(scheme);
        if (transport == null) {
            throw new InvalidEndpointException(
                    "endpoint '"
                            + endpoint
                            + "': transport '"
                            + scheme
                            + "' is not available in this version of Weft (available: "
                            + schemes()
                            + ")");
        }
        return transport;
    }

    private String schemes() {
        return String.join(", ", new TreeMap<>(byScheme).keySet());
    }
}
