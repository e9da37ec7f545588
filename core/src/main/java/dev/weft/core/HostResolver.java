package dev.weft.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up the address of a host name that a socket connects to, as in {@code
 * tcp://broker.example:5555}. A {@link Context} calls it on one of its resolver threads, never on
 * an I/O thread, so a slow lookup delays only the connection that needs it; it is called again on
 * every connection attempt, so a changed address is picked up at the next reconnect. IP address
 * literals ({@code 127.0.0.1}, {@code [::1]}) are never passed to it.
 *
 * <p>Implementations may block and must be thread-safe: a context runs up to {@value
 * Context#RESOLVER_THREADS} lookups at once. Set one with {@link Context.Builder#hostResolver}; the
 * default is {@link #SYSTEM}.
 */
@FunctionalInterface
public interface HostResolver {
    /** The JVM's resolver, {@link InetAddress#getByName(String)}. */
    HostResolver SYSTEM = InetAddress::getByName;

    /**
     * Resolves a host name.
     *
     * @param host the host part of the endpoint, never an IP address literal
     * @return one address of the host, the one to connect to
     * @throws UnknownHostException when the name cannot be resolved; the dialer retries after its
     *     reconnect interval and reports the reason in a {@code CONNECT_RETRIED} monitor event
     */
    InetAddress resolve(String host) throws UnknownHostException;
}
