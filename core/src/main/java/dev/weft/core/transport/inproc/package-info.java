/**
 * The {@code inproc://} transport: sockets of one context joined pipe to pipe, no session, no
 * codec, no I/O thread between a writer and a reader (DESIGN §8).
 */
package dev.weft.core.transport.inproc;
