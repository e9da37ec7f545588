/**
 * Weft's public core API: {@link dev.weft.core.Context}, {@link dev.weft.core.Message} and {@link
 * dev.weft.core.Frame}, {@link dev.weft.core.SocketType}, {@link dev.weft.core.SocketOptions},
 * monitor events, stats and the exception hierarchy. Endpoints are strings such as {@code
 * tcp://127.0.0.1:5555}; the transport is chosen by the scheme.
 *
 * <p>Ownership: a {@code Message} owns its frames' buffers; ownership moves on a successful send
 * and stays with the caller otherwise (see {@link dev.weft.core.Message}).
 */
package dev.weft.core;
