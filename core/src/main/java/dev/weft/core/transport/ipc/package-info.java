/**
 * The {@code ipc://} transport: ZMTP over Unix-domain stream sockets, on the shared stream listener
 * and dialer, with the peer's credentials as connection metadata and libzmq's ipc filters.
 */
package dev.weft.core.transport.ipc;
