/**
 * Transports: TCP listeners and dialers, and the ZMTP engine that drives one stream connection.
 * Everything here runs on the owning I/O thread; the engine reaches its socket only through {@link
 * dev.weft.core.transport.ConnectionOwner} and its pipe.
 */
package dev.weft.core.transport;
