/**
 * The {@code udp://} transport of RADIO and DISH, in libzmq's datagram format (DESIGN §8): a DISH
 * binds a datagram channel and reads each datagram as one message with its group; a RADIO connects
 * and sends each message as one datagram, unicast or to a multicast group. Malformed datagrams are
 * dropped and counted, never delivered.
 *
 * <p>Threads and ownership: receivers and senders live on their socket's I/O thread; received
 * bodies are copied from one receive buffer per endpoint into pooled buffers that the message owns;
 * a sender encodes into a pooled buffer borrowed per batch (kept only while the kernel's send
 * buffer is full).
 */
package dev.weft.core.transport.udp;
