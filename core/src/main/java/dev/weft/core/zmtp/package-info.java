/**
 * ZMTP 3.1 wire format (RFC 37, with RFC 23 for 3.0 peers): the greeting, frame decoder and
 * encoder, commands, the mechanism SPI with NULL, and the handshake state machine. Pure code: no
 * sockets, no threads; each object belongs to one connection on one I/O thread.
 */
package dev.weft.core.zmtp;
