/**
 * Weft's public sockets: one typed class per ZeroMQ socket type ({@link
 * dev.weft.patterns.DealerSocket}, {@link dev.weft.patterns.RouterSocket}, {@link
 * dev.weft.patterns.PubSocket}, ...), the {@link dev.weft.patterns.Poller} and the {@link
 * dev.weft.patterns.Proxy}.
 *
 * <p>Every socket is thread-safe. Sending and receiving follow {@link
 * dev.weft.patterns.MessageSender} and {@link dev.weft.patterns.MessageReceiver}: a message belongs
 * to the socket once a send returns true, and a received message belongs to the caller.
 *
 * <h2>Adding a socket type</h2>
 *
 * <ol>
 *   <li>One line in {@link dev.weft.core.SocketType}: its wire name and legal peers.
 *   <li>One final role class in the family package ({@code pair}, {@code pipeline}, {@code pubsub},
 *       {@code reqrep}, ...) implementing {@link dev.weft.core.role.SocketRole} by composing the
 *       routing primitives of {@code dev.weft.core.route} (no role extends another).
 *   <li>One thin public socket class here, extending {@link dev.weft.patterns.DuplexSocket}, {@link
 *       dev.weft.patterns.SendOnlySocket} or {@link dev.weft.patterns.ReceiveOnlySocket}, with
 *       typed methods for the role's options.
 *   <li>Its tests: a spec test quoting the RFC's SHALL sentences, and a row in the interop matrix
 *       against JeroMQ and libzmq ({@code patterns/src/test/.../interop}).
 * </ol>
 */
package dev.weft.patterns;
