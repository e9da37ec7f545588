package dev.weft.core.transport;

import dev.weft.core.SocketType;
import java.util.function.Consumer;

/**
 * A way of reaching peers, chosen by an endpoint's scheme ({@code tcp}, {@code ipc}, ...): it
 * parses its own endpoint syntax, binds (a {@link Listener}) and connects (a {@link Dialer}). The
 * socket core knows transports only through this interface and {@link Transports}.
 *
 * <p>Preparing a bind or connect runs on the application thread that called {@code bind} or {@code
 * connect}, so a malformed endpoint fails there and a bind's host name is looked up there; the
 * listener or dialer is then made on the socket's I/O thread.
 */
public interface Transport {
    /**
     * Returns the scheme this transport serves.
     *
     * @return e.g. {@code tcp}, lower case
     */
    String scheme();

    /**
     * Checks an endpoint for binding. Called on the application thread.
     *
     * @param endpoint the endpoint text, of this transport's scheme
     * @return what to bind, on the I/O thread
     * @throws dev.weft.core.InvalidEndpointException when the endpoint is malformed or cannot be
     *     bound by this transport, with a message saying what is expected
     */
    BindRequest bindRequest(String endpoint);

    /**
     * Checks an endpoint for connecting. Called on the application thread; looks nothing up.
     *
     * @param endpoint the endpoint text, of this transport's scheme
     * @return what to connect to, on the I/O thread
     * @throws dev.weft.core.InvalidEndpointException when the endpoint is malformed or cannot be
     *     connected to, with a message saying what is expected
     */
    ConnectRequest connectRequest(String endpoint);

    /**
     * Checks that a socket of the given type may bind or connect with this transport, before the
     * endpoint is parsed (libzmq's {@code ENOCOMPATPROTO}). Called on the application thread. Every
     * type may, unless the transport says otherwise.
     *
     * @param type the socket's type
     * @param binding true for {@code bind}, false for {@code connect}
     * @param endpoint the endpoint text, for the message
     * @throws dev.weft.core.InvalidEndpointException when the type may not, saying which may
     */
    default void checkSocketType(SocketType type, boolean binding, String endpoint) {}

    /** A checked bind, made into a listener on the socket's I/O thread. */
    interface BindRequest {
        /**
         * Binds and starts accepting. Called on the socket's I/O thread.
         *
         * @param site the socket and its I/O thread
         * @return the listener, already reported as {@code LISTENING}
         * @throws dev.weft.core.TransportException when the address cannot be bound, saying why
         */
        Listener listen(TransportSite site);
    }

    /** A checked connect, made into a dialer on the socket's I/O thread. */
    interface ConnectRequest {
        /**
         * Makes the dialer, which does nothing until {@link Dialer#start}. Called on the socket's
         * I/O thread.
         *
         * @param site the socket and its I/O thread
         * @param stopped told, on the I/O thread, when the dialer gave up by itself (a {@code
         *     reconnectStop} condition): the endpoint is no longer connected
         * @return the dialer
         */
        Dialer dial(TransportSite site, Consumer<Dialer> stopped);

        /**
         * Tells whether the peer reached this way never sends subscriptions or group joins, so the
         * socket must send it every message and let it filter (libzmq's {@code subscribe_to_all}: a
         * RADIO connected over {@code udp://}). Its pipe is then made at connect.
         *
         * @return false unless the transport is one-way
         */
        default boolean subscribesToAll() {
            return false;
        }
    }
}
